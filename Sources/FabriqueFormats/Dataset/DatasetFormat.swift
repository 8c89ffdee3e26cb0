/// The statistical software files `DatasetWriter` writes, with each one's limits.
public enum DatasetFormat: String, Sendable, CaseIterable {
    /// SPSS system file, bytecode-compressed, UTF-8.
    case sav
    /// Stata 14+ dataset, format 118 (UTF-8).
    case dta

    /// The software's name, for messages.
    public var software: String { self == .sav ? "SPSS" : "Stata" }

    /// The file name extension, without the dot.
    public var fileExtension: String { rawValue }

    /// The media type of a download.
    public var contentType: String { self == .sav ? "application/x-spss-sav" : "application/x-stata-dta" }

    /// The longest variable name: SPSS 64 bytes, Stata 32 characters (names are ASCII here).
    var nameLimit: Int { self == .sav ? 64 : 32 }

    /// The longest variable label: SPSS 256 bytes (ReadStat's limit), Stata 80 characters.
    var variableLabelLimit: TextLimit { self == .sav ? .bytes(256) : .characters(80) }

    /// The longest value label: SPSS 120 bytes, Stata 32,000 characters.
    var valueLabelLimit: TextLimit { self == .sav ? .bytes(120) : .characters(32_000) }

    /// The longest file label: SPSS 64 bytes, Stata 80 characters.
    var fileLabelLimit: TextLimit { self == .sav ? .bytes(64) : .characters(80) }

    /// A document line: SPSS 80 bytes; a Stata note is a paragraph (67,784 bytes).
    var noteLimit: TextLimit { self == .sav ? .bytes(80) : .bytes(67_784) }

    /// The longest text value: SPSS 32,767 bytes; Stata's `str` goes to 2,045 bytes, and longer
    /// texts are written as `strL`, which has no practical limit.
    var textLimit: Int { self == .sav ? 32_767 : Int(Int32.max) }

    /// Whether variables of this kind get declared missing values: SPSS dates do not, since a code
    /// there would read as a date (1582-10-13) in most tools; they are system-missing.
    func declaresMissing(_ kind: DatasetVariable.Kind) -> Bool {
        !(self == .sav && kind == .date)
    }

    /// Whether a name is a reserved word of the format. SPSS compares without case.
    func isReserved(_ name: String) -> Bool {
        switch self {
        case .sav:
            return Self.spssReserved.contains(name.uppercased())
        case .dta:
            if Self.stataReserved.contains(name) { return true }
            // str1 … str2045 are types.
            return name.hasPrefix("str") && name.count > 3 && name.dropFirst(3).allSatisfy(\.isASCIIDigit)
        }
    }

    private static let spssReserved: Set<String> = ["ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"]
    private static let stataReserved: Set<String> = [
        "_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int", "long", "_n", "_N", "_pi", "_pred", "_rc",
        "_se", "_skip", "strL", "using", "with"
    ]
}

/// A limit on a text's length, in UTF-8 bytes or in characters.
enum TextLimit: Sendable, Hashable {
    case bytes(Int)
    case characters(Int)

    /// Whether `text` fits.
    func fits(_ text: String) -> Bool {
        switch self {
        case .bytes(let limit): text.utf8.count <= limit
        case .characters(let limit): text.count <= limit
        }
    }

    /// The length of `text` in the limit's unit.
    func length(_ text: String) -> Int {
        switch self {
        case .bytes: text.utf8.count
        case .characters: text.count
        }
    }

    /// The limit, with its unit, for messages.
    var description: String {
        switch self {
        case .bytes(let limit): "\(limit) bytes"
        case .characters(let limit): "\(limit) characters"
        }
    }

    /// The limit's number.
    var value: Int {
        switch self {
        case .bytes(let limit), .characters(let limit): limit
        }
    }

    /// `head…ending` cut to fit, at a character, keeping the ending whole; when that leaves less
    /// than a few words of `head`, the ending alone (the part that tells variables apart). Nil when
    /// `head + ending` already fits.
    func shortened(_ head: String, ending: String = "") -> String? {
        guard !fits(head + ending) else { return nil }
        let ellipsis = "…"
        guard !ending.isEmpty else { return cut(head, leaving: ellipsis) + ellipsis }
        let kept = cut(head, leaving: ellipsis + ending)
        if kept.count >= 12 { return kept + ellipsis + ending }
        let alone = String(ending.drop { $0 == " " || $0 == ":" })
        return fits(alone) ? alone : cut(alone, leaving: ellipsis) + ellipsis
    }

    /// The longest start of `text` that fits with `tail` after it, without trailing spaces.
    private func cut(_ text: String, leaving tail: String) -> String {
        var budget = value - length(tail)
        var kept = ""
        for character in text {
            let size = length(String(character))
            guard size <= budget else { break }
            budget -= size
            kept.append(character)
        }
        while kept.last?.isWhitespace == true { kept.removeLast() }
        return kept
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
