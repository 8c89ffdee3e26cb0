import Foundation

/// How a CSV file is laid out on output.
public struct CSVOutputFormat: Sendable, Equatable {
    /// The field separator: `,`, `;` or tab.
    public var delimiter: UInt8
    /// `\n` or `\r\n`.
    public var lineEnding: String
    /// Whether to start with a UTF-8 byte order mark, which French Excel needs to read accents.
    public var byteOrderMark: Bool
    /// The text encoding; characters Windows-1252 lacks are written as '?'.
    public var encoding: CSVEncoding
    /// Whether the file is meant for a spreadsheet, whose users open it rather than re-import
    /// it: a cell that a spreadsheet would run as a formula is then written as text (see
    /// `SpreadsheetCell`).
    public var neutralisesFormulas: Bool

    /// Creates a format.
    public init(
        delimiter: UInt8 = UInt8(ascii: ","), lineEnding: String = "\n", byteOrderMark: Bool = false, encoding: CSVEncoding = .utf8,
        neutralisesFormulas: Bool = false
    ) {
        self.delimiter = delimiter
        self.lineEnding = lineEnding
        self.byteOrderMark = byteOrderMark && encoding == .utf8
        self.encoding = encoding
        self.neutralisesFormulas = neutralisesFormulas
    }

    /// Plain RFC 4180-style CSV with commas: data for programs, re-imported value for value.
    public static let standard = CSVOutputFormat()
    /// Comma CSV for a person to open in a spreadsheet: formulas neutralised.
    public static let spreadsheet = CSVOutputFormat(neutralisesFormulas: true)
    /// What French Excel opens directly: `;`, CRLF, a BOM, and formulas neutralised.
    public static let frenchExcel = CSVOutputFormat(delimiter: UInt8(ascii: ";"), lineEnding: "\r\n", byteOrderMark: true, neutralisesFormulas: true)
}

/// Writes CSV records with correct quoting, buffered, to a file or standard output.
public final class CSVWriter {
    private let handle: FileHandle
    private let closeWhenDone: Bool
    private let format: CSVOutputFormat
    private var buffer: [UInt8] = []
    private var started = false

    /// Writes to standard output.
    public init(standardOutputWith format: CSVOutputFormat = .standard) {
        handle = .standardOutput
        closeWhenDone = false
        self.format = format
        buffer.reserveCapacity(1 << 16)
    }

    /// Creates or truncates the file at `path`.
    public init(path: String, format: CSVOutputFormat = .standard) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw CSVError.cannotWrite(path: path)
        }
        self.handle = handle
        closeWhenDone = true
        self.format = format
        buffer.reserveCapacity(1 << 16)
    }

    /// Appends one record.
    public func write(_ fields: [String]) throws {
        if !started, format.byteOrderMark { buffer += [0xEF, 0xBB, 0xBF] }
        started = true
        Self.append(fields, format: format, to: &buffer)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Writes out what is buffered and closes the file.
    public func finish() throws {
        try flush()
        if closeWhenDone { try handle.close() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// The bytes of one record, with its line ending.
    public static func encode(_ fields: [String], format: CSVOutputFormat = .standard) -> [UInt8] {
        var bytes: [UInt8] = []
        append(fields, format: format, to: &bytes)
        return bytes
    }

    /// Quotes a field when it holds the delimiter, a quote, a line break, or edge spaces; doubles quotes inside.
    static func append(_ fields: [String], format: CSVOutputFormat, to bytes: inout [UInt8]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(format.delimiter) }
            let field = format.neutralisesFormulas ? SpreadsheetCell.neutralised(field) : field
            let utf8 = format.encoding == .utf8 ? Array(field.utf8) : Windows1252.encode(field)
            let needsQuotes =
                utf8.contains { $0 == format.delimiter || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
                || utf8.first == 0x20 || utf8.last == 0x20
            if needsQuotes {
                bytes.append(0x22)
                for byte in utf8 {
                    if byte == 0x22 { bytes.append(0x22) }
                    bytes.append(byte)
                }
                bytes.append(0x22)
            } else {
                bytes += utf8
            }
        }
        bytes += format.lineEnding.utf8
    }
}
