/// The text encodings fabrique reads.
public enum CSVEncoding: String, Sendable, CaseIterable, Codable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"

    /// Reads names users type: `utf8`, `UTF-8`, `cp1252`, `latin1`…
    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8", "utf-8-sig": self = .utf8
        case "windows-1252", "cp1252", "win1252", "latin1", "latin-1", "iso-8859-1", "ansi": self = .windows1252
        default: return nil
        }
    }
}

/// How a CSV file is written: its encoding, whether it starts with a byte order mark, and its delimiter.
public struct CSVDialect: Sendable, Equatable {
    public var encoding: CSVEncoding
    public var hasByteOrderMark: Bool
    /// `,`, `;` or tab, as a byte.
    public var delimiter: UInt8

    /// Creates a dialect.
    public init(encoding: CSVEncoding, hasByteOrderMark: Bool = false, delimiter: UInt8) {
        self.encoding = encoding
        self.hasByteOrderMark = hasByteOrderMark
        self.delimiter = delimiter
    }

    /// The delimiter as text, for display and JSON.
    public var delimiterText: String { String(UnicodeScalar(delimiter)) }

    /// Reads a delimiter option: `,` `;` `tab` or `\t`.
    public static func delimiter(named name: String) -> UInt8? {
        switch name {
        case ",", "comma": UInt8(ascii: ",")
        case ";", "semicolon": UInt8(ascii: ";")
        case "\t", "tab", "\\t": UInt8(ascii: "\t")
        default: nil
        }
    }

    /// The delimiters that detection considers.
    public static let candidates: [UInt8] = [UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "\t")]
}

/// One record of a CSV file, with the line where it starts (1-based, counting every line break).
public struct CSVRecord: Sendable, Equatable {
    public var line: Int
    public var fields: [String]

    /// Creates a record.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}
