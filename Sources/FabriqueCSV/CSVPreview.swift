/// What a file holds, read to the end: dialect, header, the first rows and the number of data records.
/// A record whose field count differs from the header's makes the file malformed.
public struct CSVPreview: Sendable, Equatable {
    public var dialect: CSVDialect
    public var header: [String]
    public var rows: [[String]]
    /// Data records in the whole file (the header excluded).
    public var rowCount: Int

    /// Reads the whole file, keeping the first `rows` data records.
    public init(reader: CSVReader, rows limit: Int) throws {
        dialect = reader.dialect
        var header: [String]?
        var rows: [[String]] = []
        var count = 0
        try reader.forEachRecord { record in
            guard let expected = header?.count else {
                header = record.fields
                return
            }
            guard record.fields.count == expected else {
                throw CSVError.fieldCount(file: reader.path, line: record.line, expected: expected, found: record.fields.count)
            }
            if rows.count < limit { rows.append(record.fields) }
            count += 1
        }
        guard let header else { throw CSVError.malformed(file: reader.path, line: 1, reason: "the file is empty: a header line is expected") }
        self.header = header
        self.rows = rows
        rowCount = count
    }
}
