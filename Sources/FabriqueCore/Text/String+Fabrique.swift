import Foundation

extension String {
    /// Space, tab, CR and LF: the only separators of the expression language, kept to ASCII so that
    /// the Swift evaluator and the emitted JavaScript split and trim the same way.
    @inline(__always)
    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// The string without leading and trailing ASCII whitespace.
    public func trimmingASCIIWhitespace() -> String {
        // Native strings are read through their bytes: a bulk import trims every answer.
        let trimmed: String?? = utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first, let last = bytes.last,
                String.isASCIIWhitespace(first) || String.isASCIIWhitespace(last)
            else { return nil }
            var start = 0
            var end = bytes.count
            while start < end, String.isASCIIWhitespace(bytes[start]) { start += 1 }
            while end > start, String.isASCIIWhitespace(bytes[end - 1]) { end -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        if let trimmed { return trimmed ?? self }
        let bytes = utf8
        guard let first = bytes.first, let last = bytes.last else { return self }
        if !String.isASCIIWhitespace(first), !String.isASCIIWhitespace(last) { return self }
        guard let start = bytes.firstIndex(where: { !String.isASCIIWhitespace($0) }),
            let end = bytes.lastIndex(where: { !String.isASCIIWhitespace($0) })
        else { return "" }
        return String(self[start...end])
    }

    /// The words of a space-separated list, as select_multiple answers are written (`ASCIIWords`).
    public func splitOnASCIIWhitespace() -> [String] {
        guard utf8.contains(where: String.isASCIIWhitespace) else { return isEmpty ? [] : [self] }
        var text = self
        return text.withUTF8 { bytes in
            ASCIIWords(bytes).map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
        }
    }

    /// The string preceded by zeros up to `width` characters ("7" → "007").
    public func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }

    /// Replaces every occurrence of `target`.
    func replacingAll(_ target: String, with replacement: String) -> String {
        replacingOccurrences(of: target, with: replacement)
    }

    /// Lower case without accents, for matching labels the way people type them ("Santé" ~ "sante").
    /// Typographic apostrophes and quotes, ellipses and non-breaking spaces count as their plain forms.
    public var folded: String {
        var text = self
        if !utf8.allSatisfy({ $0 < 0x80 }) {
            text = String(
                text.map { (c: Character) -> Character in
                    switch c {
                    case "\u{2019}", "\u{2018}", "\u{02BC}", "\u{00B4}": "'"
                    case "\u{201C}", "\u{201D}", "\u{00AB}", "\u{00BB}": "\""
                    case "\u{00A0}", "\u{202F}", "\u{2009}": " "
                    case "\u{2013}", "\u{2014}": "-"
                    default: c
                    }
                }
            ).replacingAll("\u{2026}", with: "...")
        }
        return text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "fr_FR"))
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
