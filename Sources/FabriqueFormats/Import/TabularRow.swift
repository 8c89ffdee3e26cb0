import FabriqueCSV
import Foundation

/// One record of a tabular source (a REDCap data dictionary, a LimeSurvey structure export),
/// read by column name, with the place of each field for located messages.
struct TabularRow {
    let record: CSVRecord
    let index: [String: Int]

    /// A column's trimmed value, empty when absent.
    subscript(_ key: String) -> String {
        guard let position = index[key], record.fields.indices.contains(position) else { return "" }
        return record.fields[position].trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The place of a column's field.
    func place(_ key: String) -> FormatPlace {
        .text(line: record.line, column: (index[key] ?? 0) + 1)
    }
}
