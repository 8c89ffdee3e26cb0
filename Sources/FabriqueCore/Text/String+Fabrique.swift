import Foundation

extension String {
    /// Space, tab, CR and LF: the only separators of the expression language, kept to ASCII so that
    /// the Swift evaluator and the emitted JavaScript split and trim the same way.
    static let asciiWhitespace: Set<Character> = [" ", "\t", "\n", "\r", "\r\n"]

    /// The string without leading and trailing ASCII whitespace.
    public func trimmingASCIIWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, String.asciiWhitespace.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, String.asciiWhitespace.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }

    /// The words of a space-separated list, as select_multiple answers are written.
    public func splitOnASCIIWhitespace() -> [String] {
        split(whereSeparator: { String.asciiWhitespace.contains($0) }).map(String.init)
    }

    /// Replaces every occurrence of `target`.
    func replacingAll(_ target: String, with replacement: String) -> String {
        replacingOccurrences(of: target, with: replacement)
    }

    /// Lower case without accents, for matching labels the way people type them ("Santé" ~ "sante").
    public var folded: String {
        folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "fr_FR"))
            .lowercased()
    }

    /// A URL- and file-friendly identifier: "Provence-Alpes-Côte d'Azur" becomes "provence-alpes-cote-d-azur".
    public var slug: String {
        var result = ""
        var pendingHyphen = false
        for character in folded.replacingAll("œ", with: "oe").replacingAll("æ", with: "ae") {
            if character.isASCII && (character.isLetter || character.isNumber) {
                if pendingHyphen && !result.isEmpty { result.append("-") }
                result.append(character)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return result
    }
}
