import FabriqueCore
import Foundation

/// What a REFI-QDA project (`.qdpx`) carries between fabrique and a QDA tool (ATLAS.ti, NVivo,
/// MAXQDA, QualCoder): the codebook, the fiches as text sources and the codings.
///
/// The mapping, both ways:
/// - the codebook is one code, `ID vVERSION — TITLE` (its description in the code's
///   description), holding one code per criterion, `CODE — LABEL` (its definition), holding one
///   codable code per level, `VALUE — LABEL` (the criterion's anchor);
/// - a fiche is a `TextSource` named by its slug (its title as description), its text in
///   `Sources/GUID.txt`;
/// - a coding with excerpts is one `PlainTextSelection` per excerpt (offsets in Unicode scalars of
///   the text, the quote as name), each holding a `Coding` of the level's code; a coding without
///   excerpt is a `Coding` of the whole source;
/// - a coder is a `User` named as the coder; an adjudicator's consensus codings belong to a user
///   named `NAME (consensus)`;
/// - a memo is a `Note`, referred to by each of its coding's `Coding` elements.
public struct QDAProject: Sendable, Equatable {
    /// A fiche as a text source.
    public struct Source: Sendable, Equatable {
        public var slug: String
        public var title: String
        public var text: String

        public init(slug: String, title: String, text: String) {
            self.slug = slug
            self.title = title
            self.text = text
        }
    }

    public var codebook: Codebook
    public var sources: [Source]
    public var codings: [Coding]

    public init(codebook: Codebook, sources: [Source], codings: [Coding]) {
        self.codebook = codebook
        self.sources = sources
        self.codings = codings
    }

    /// The suffix of a user holding an adjudicator's consensus codings.
    public static let consensusSuffix = " (consensus)"
    /// Between a code's key (codebook, criterion code, level value) and its label.
    static let separator = " — "
    /// REFI-QDA's namespaces.
    static let projectNamespace = "urn:QDA-XML:project:1.0"
    static let codebookNamespace = "urn:QDA-XML:codebook:1.0"
    /// The project's producer, in `origin`.
    static let origin = "fabrique"

    /// The user name of a coder: the consensus user for an adjudicated level.
    static func userName(_ coder: String, consensus: Bool) -> String { consensus ? coder + consensusSuffix : coder }

    /// What comes before ` — ` in a code's name: a criterion's code, a level's value.
    public static func key(_ name: String) -> String {
        (name.range(of: separator).map { String(name[..<$0.lowerBound]) } ?? name).trimmingCharacters(in: .whitespaces)
    }

    /// The name of the codebook's root code.
    static func rootName(_ codebook: Codebook) -> String { "\(codebook.id) v\(codebook.version)\(separator)\(codebook.title)" }

    /// The GUID of a level's code.
    static func levelGuid(_ codebook: Codebook, criterion: String, level: Int) -> String {
        QDAGuid.make("code:\(codebook.id):\(criterion):\(level)")
    }
}

/// A REFI-QDA file fabrique cannot write or read, with every problem located.
public struct QDAError: Error, LocalizedError, CustomStringConvertible, Sendable {
    public let problems: [String]

    public init(_ problems: [String]) { self.problems = problems }

    public var description: String { problems.joined(separator: "\n") }
    public var errorDescription: String? { description }
}
