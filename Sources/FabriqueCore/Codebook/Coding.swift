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

    /// The one rule for a valid excerpt, used by the CLI's import and adjudication, the web coding
    /// screen and the QDPX import: the first occurrence of `quote` in `text`, word for word, where
    /// runs of whitespace may differ (a quote selected in a browser or copied from another tool
    /// joins the fiche's line breaks into spaces). The stored quote is the fiche's own span; nil
    /// when the text lacks the quote.
    public static func locate(_ quote: String, in text: String) -> Excerpt? {
        if let exact = locateExactly(quote, in: text) { return exact }
        let scalars = Array(text.unicodeScalars)
        let words = quote.unicodeScalars.split(whereSeparator: { $0.properties.isWhitespace }).map(Array.init)
        guard let first = words.first else { return nil }
        var start = 0
        while start + first.count <= scalars.count {
            if Array(scalars[start..<(start + first.count)]) == first, let end = matchRest(words.dropFirst(), scalars, from: start + first.count) {
                return Excerpt(start: start, end: end, quote: String(String.UnicodeScalarView(scalars[start..<end])))
            }
            start += 1
        }
        return nil
    }

    /// The first occurrence of `quote`, exactly as written.
    private static func locateExactly(_ quote: String, in text: String) -> Excerpt? {
        let scalars = Array(text.unicodeScalars)
        let needle = Array(quote.unicodeScalars)
        guard !needle.isEmpty, needle.count <= scalars.count else { return nil }
        for start in 0...(scalars.count - needle.count) where scalars[start] == needle[0] && Array(scalars[start..<(start + needle.count)]) == needle
        {
            return Excerpt(start: start, end: start + needle.count, quote: quote)
        }
        return nil
    }

    private static func matchRest(_ words: ArraySlice<[Unicode.Scalar]>, _ scalars: [Unicode.Scalar], from position: Int) -> Int? {
        var at = position
        for word in words {
            let spaceStart = at
            while at < scalars.count, scalars[at].properties.isWhitespace { at += 1 }
            guard at > spaceStart, at + word.count <= scalars.count, Array(scalars[at..<(at + word.count)]) == word else { return nil }
            at += word.count
        }
        return at
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
    public init(
        experience: String, criterion: String, coder: String, consensus: Bool = false, codebookId: String, codebookVersion: Int,
        level: Int, memo: String = "", excerpts: [Excerpt] = []
    ) {
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
