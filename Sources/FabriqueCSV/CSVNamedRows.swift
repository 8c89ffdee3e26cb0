/// A CSV read by column name: the first record is the header (names compared trimmed and in
/// lower case, with aliases), and each later record is looked up by name.
public struct CSVNamedRow {
    /// The line where the record starts, for messages.
    public let line: Int
    let fields: [String]
    let positions: [String: Int]

    /// The trimmed cell of a column (empty when the column or the cell is absent).
    public subscript(_ name: String) -> String {
        guard let position = positions[name], position < fields.count else { return "" }
        return fields[position].trimmingCharacters(in: .whitespaces)
    }

    /// A cell split on any of `separators`, without empty items.
    public func list(_ name: String, separators: String) -> [String] {
        self[name].split(whereSeparator: { separators.contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

extension CSVReader {
    /// Calls `body` for each record after the header, by column name. `aliases` maps other header
    /// spellings to a column's name (`courriel` → `email`). Missing `required` columns stop the
    /// read with the header's line.
    public func forEachNamedRow(required: [String], aliases: [String: String] = [:], _ body: (CSVNamedRow) throws -> Void) throws {
        var positions: [String: Int]? = nil
        try forEachRecord { record in
            guard let known = positions else {
                var found: [String: Int] = [:]
                for (index, raw) in record.fields.enumerated() {
                    let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
                    found[aliases[name] ?? name] = found[aliases[name] ?? name] ?? index
                }
                let missing = required.filter { found[$0] == nil }
                if !missing.isEmpty { throw CSVError.missingColumns(file: path, line: record.line, columns: missing) }
                positions = found
                return
            }
            try body(CSVNamedRow(line: record.line, fields: record.fields, positions: known))
        }
    }
}
