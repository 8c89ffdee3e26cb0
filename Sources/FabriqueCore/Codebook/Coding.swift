/// A quoted span of a fiche, located by character offsets (Unicode scalars) into its text, so that
/// the quote always matches the text.
public struct Excerpt: Sendable, Hashable, Codable {
    public var start: Int
    public var end: Int
    public var quote: String

    /// Creates an excerpt.
    public init(start: Int, end: Int, quote: String) {
        self.start = start
        self.end = end
        self.quote = quote
    }

    /// The excerpt of `quote` in `text` (its first occurrence), or nil when the text lacks it.
    public static func locate(_ quote: String, in text: String) -> Excerpt? {
        let scalars = Array(text.unicodeScalars)
        let needle = Array(quote.unicodeScalars)
        guard !needle.isEmpty, needle.count <= scalars.count else { return nil }
        for start in 0...(scalars.count - needle.count) where scalars[start] == needle[0] && Array(scalars[start..<(start + needle.count)]) == needle {
            return Excerpt(start: start, end: start + needle.count, quote: quote)
        }
        return nil
    }

    /// Whether the offsets select exactly the quote in `text`.
    public func matches(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard start >= 0, end <= scalars.count, start < end else { return false }
        return String(String.UnicodeScalarView(scalars[start..<end])) == quote
    }
}

/// A researcher's judgement of one fiche on one criterion of the codebook.
public struct Coding: Sendable, Hashable, Codable {
    public var experience: String
    public var criterion: String
    public var coder: String
    /// The level agreed by an adjudicator, rather than one coder's own.
    public var consensus: Bool
    public var codebookId: String
    public var codebookVersion: Int
    public var level: Int
    public var memo: String
    public var excerpts: [Excerpt]

    /// Creates a coding.
    public init(experience: String, criterion: String, coder: String, consensus: Bool = false, codebookId: String, codebookVersion: Int,
                level: Int, memo: String = "", excerpts: [Excerpt] = []) {
        self.experience = experience
        self.criterion = criterion
        self.coder = coder
        self.consensus = consensus
        self.codebookId = codebookId
        self.codebookVersion = codebookVersion
        self.level = level
        self.memo = memo
        self.excerpts = excerpts
    }
}
