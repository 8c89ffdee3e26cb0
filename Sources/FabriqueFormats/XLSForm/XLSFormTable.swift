/// A sheet of an XLSForm read as a table: its first non-empty row names the columns (in any
/// case), the rows below hold the values. Columns such as `label::Français (fr)` carry a language.
struct XLSFormTable {
    let sheet: XLSXSheet
    /// The header row's number.
    let headerRow: Int
    /// Column number by lowercased header (the first of duplicates wins).
    let columns: [String: Int]
    /// The headers as written, by column number.
    let headers: [Int: String]

    init(_ sheet: XLSXSheet) {
        self.sheet = sheet
        headerRow = sheet.rowNumbers.first ?? 1
        var columns: [String: Int] = [:]
        var headers: [Int: String] = [:]
        for (column, header) in sheet.cells[headerRow] ?? [:] {
            let trimmed = header.trimmingCharacters(in: .whitespacesAndNewlines)
            headers[column] = trimmed
            let key = trimmed.lowercased()
            if columns[key].map({ $0 > column }) ?? true { columns[key] = column }
        }
        self.columns = columns
        self.headers = headers
    }

    /// The data rows, in order.
    var rows: [Int] { sheet.rowNumbers.filter { $0 > headerRow } }

    /// The column holding `name` (`list_name` also matches `list name`).
    func column(_ name: String) -> Int? {
        columns[name] ?? columns[name.replacingOccurrences(of: "_", with: " ")]
    }

    /// The trimmed value of a named column, nil when empty.
    func value(_ row: Int, _ name: String) -> String? {
        column(name).flatMap { value(row, column: $0) }
    }

    /// The trimmed value of a cell, nil when empty.
    func value(_ row: Int, column: Int) -> String? {
        guard let text = sheet.value(row: row, column: column)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }

    /// The columns `base::LANGUAGE`, by language as written after `::`.
    func languageColumns(_ base: String) -> [(language: String, column: Int)] {
        headers.sorted { $0.key < $1.key }.compactMap { column, header in
            let parts = header.components(separatedBy: "::")
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == base else { return nil }
            return (parts[1].trimmingCharacters(in: .whitespaces), column)
        }
    }

    /// The place of a cell for messages.
    func place(_ row: Int, _ name: String) -> FormatPlace {
        .cell(sheet: sheet.name, CellReference(row: row, column: column(name) ?? 1))
    }

    /// The place of a cell by column number.
    func place(_ row: Int, column: Int) -> FormatPlace {
        .cell(sheet: sheet.name, CellReference(row: row, column: column))
    }
}
