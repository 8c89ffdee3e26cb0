import FabriqueCSV
import FabriqueCore
import Foundation

/// Codings made outside fabrique, read from a CSV file (columns experience, criterion, coder,
/// level, and optionally memo, excerpts separated by ` || `, consensus) and checked against the
/// codebook, the fiches and the blind assignments: the file is imported whole or not at all.
public struct CodingCSV: Sendable {
    /// The codebook in force: its id, version, criteria and levels.
    public var codebookId: String
    public var codebookVersion: Int
    public var criteria: [String]
    public var levels: [Int]
    /// Each fiche's text, by slug: quotes must appear in it word for word.
    public var bodies: [String: String]
    /// The coders assigned to each fiche (blind double coding counts them only).
    public var assignments: [String: [String]]

    public init(
        codebookId: String, codebookVersion: Int, criteria: [String], levels: [Int], bodies: [String: String], assignments: [String: [String]]
    ) {
        self.codebookId = codebookId
        self.codebookVersion = codebookVersion
        self.criteria = criteria
        self.levels = levels
        self.bodies = bodies
        self.assignments = assignments
    }

    /// The columns a file must have.
    public static let required = ["experience", "criterion", "coder", "level"]

    /// The codings of a file, or every problem of every row (`RowProblems`), located by file,
    /// line and column, and nothing.
    public func read(_ reader: CSVReader, file: String) throws -> [Coding] {
        var header: [String] = []
        var codings: [Coding] = []
        var problems: [String] = []
        var seen: [String: Int] = [:]
        try reader.forEachRecord { record in
            guard !header.isEmpty else {
                header = record.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                for column in Self.required where !header.contains(column) {
                    throw RowProblems([
                        "\(file) line \(record.line): no column '\(column)'; expected experience, criterion, coder, level, memo, excerpts, consensus"
                    ])
                }
                return
            }
            func cell(_ name: String) -> String {
                header.firstIndex(of: name).flatMap { $0 < record.fields.count ? record.fields[$0].trimmingCharacters(in: .whitespaces) : nil } ?? ""
            }
            let at = "\(file) line \(record.line)"
            let experience = cell("experience")
            let criterion = cell("criterion")
            let coder = cell("coder")
            guard let body = bodies[experience] else {
                problems.append("\(at), column \"experience\": unknown fiche '\(experience)'")
                return
            }
            guard criteria.contains(criterion) else {
                problems.append("\(at), column \"criterion\": '\(criterion)' is not a criterion of codebook '\(codebookId)'")
                return
            }
            guard !coder.isEmpty else {
                problems.append("\(at), column \"coder\": empty")
                return
            }
            let consensus = ["1", "oui", "yes", "true"].contains(cell("consensus").lowercased())
            if let problem = assignmentProblem(coder, experience, consensus: consensus) {
                problems.append("\(at), column \"coder\": \(problem)")
                return
            }
            let key = "\(experience)|\(criterion)|\(coder)|\(consensus)"
            if let earlier = seen[key] {
                problems.append("\(at): the same fiche, criterion and coder as line \(earlier); keep one row")
                return
            }
            seen[key] = record.line
            guard let level = Int(cell("level")), levels.contains(level) else {
                problems.append(
                    "\(at), column \"level\": '\(cell("level"))' is not a level of the codebook (\(levels.map(String.init).joined(separator: ", ")))")
                return
            }
            var excerpts: [Excerpt] = []
            for quote in cell("excerpts").components(separatedBy: "||").map({ $0.trimmingCharacters(in: .whitespaces) }) where !quote.isEmpty {
                guard let excerpt = Excerpt.locate(quote, in: body) else {
                    problems.append("\(at), column \"excerpts\": « \(quote) » does not appear in the fiche '\(experience)'; quote it word for word")
                    continue
                }
                excerpts.append(excerpt)
            }
            codings.append(
                Coding(
                    experience: experience, criterion: criterion, coder: coder, consensus: consensus, codebookId: codebookId,
                    codebookVersion: codebookVersion, level: level, memo: cell("memo"), excerpts: excerpts))
        }
        guard problems.isEmpty else { throw RowProblems(problems) }
        return codings
    }

    /// Why a coder may not code a fiche (not among the coders assigned to it), or nil.
    func assignmentProblem(_ coder: String, _ experience: String, consensus: Bool) -> String? {
        guard !consensus, let assigned = assignments[experience], !assigned.contains(coder) else { return nil }
        return "'\(coder)' is not assigned to '\(experience)' (assigned: \(assigned.joined(separator: ", "))); "
            + "blind double coding counts assigned coders only"
    }
}
