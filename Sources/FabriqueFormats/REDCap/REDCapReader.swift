import FabriqueCSV
import FabriqueCore
import Foundation

/// Reads a REDCap data dictionary (.csv): one row per field. Forms become sections, matrix
/// groups likert blocks, branching logic `relevant`, and the validation's min and max a
/// `warning` (REDCap lets a value outside them through after a warning).
struct REDCapReader {
    let data: Data
    let draft: ImportDraft
    let options: ImportOptions

    /// The columns, by REDCap's header or the short name its API uses.
    static let columns: [(key: String, headers: [String])] = [
        ("field_name", ["variable / field name", "field_name"]), ("form_name", ["form name", "form_name"]),
        ("section_header", ["section header", "section_header"]), ("field_type", ["field type", "field_type"]),
        ("field_label", ["field label", "field_label"]),
        ("choices", ["choices, calculations, or slider labels", "select_choices_or_calculations"]),
        ("field_note", ["field note", "field_note"]),
        ("validation", ["text validation type or show slider number", "text_validation_type_or_show_slider_number"]),
        ("min", ["text validation min", "text_validation_min"]), ("max", ["text validation max", "text_validation_max"]),
        ("identifier", ["identifier?", "identifier"]), ("branching", ["branching logic (show field only if...)", "branching_logic"]),
        ("required", ["required field?", "required_field"]), ("matrix_group", ["matrix group name", "matrix_group_name"]),
        ("annotation", ["field annotation", "field_annotation"])
    ]

    /// Fills the draft. REDCap dictionaries hold one language: none is chosen.
    func read() throws(FormatError) -> String? {
        let records = try DelimitedText.records(data, file: draft.file, delimiter: UInt8(ascii: ","))
        guard let header = records.first else {
            throw .missing(
                file: draft.file, place: .text(line: 1, column: 1), what: "the file is empty",
                advice: "export the data dictionary from REDCap (Project Setup → Data Dictionary)")
        }
        var index: [String: Int] = [:]
        for (position, text) in header.fields.enumerated() {
            let name = text.trimmingCharacters(in: .whitespaces).lowercased()
            if let column = Self.columns.first(where: { $0.headers.contains(name) }) { index[column.key] = position }
        }
        for key in ["field_name", "form_name", "field_type", "field_label"] where index[key] == nil {
            throw .missing(
                file: draft.file, place: .text(line: header.line, column: 1), what: "no '\(Self.columns.first { $0.key == key }!.headers[0])' column",
                advice: "this is not a REDCap data dictionary; export one from REDCap (Project Setup → Data Dictionary → Download)")
        }
        let rows = records.dropFirst().filter { !$0.fields.allSatisfy(\.isEmpty) }.map { TabularRow(record: $0, index: index) }
        draft.languages = ["fr"]
        var builder = REDCapBuilder(draft: draft)
        builder.build(rows)
        return nil
    }
}
