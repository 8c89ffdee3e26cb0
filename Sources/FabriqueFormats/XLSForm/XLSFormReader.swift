import FabriqueCore
import Foundation

/// Reads an XLSForm workbook into a draft: the `settings` sheet gives the identity, the
/// `choices` sheet the lists, the `survey` sheet the sections and questions. A top-level group
/// becomes a section; nested groups are flattened into it, their conditions joined to each
/// question's and their path kept in `group`.
struct XLSFormReader {
    let data: Data
    let draft: ImportDraft
    let options: ImportOptions

    /// Fills the draft; returns the language whose labels were taken.
    func read() throws(FormatError) -> String? {
        let sheets = try XLSXReader.read(data, file: draft.file)
        func sheet(_ name: String) -> XLSFormTable? { sheets.first { $0.name.lowercased() == name }.map(XLSFormTable.init) }
        guard let survey = sheet("survey") else {
            let names = sheets.map(\.name).joined(separator: ", ")
            throw .missing(
                file: draft.file, place: .file, what: "no sheet named 'survey' (the workbook has: \(names))",
                advice: "an XLSForm has a survey sheet (questions), a choices sheet (lists) and a settings sheet, named in any case")
        }
        for required in ["type", "name"] where survey.column(required) == nil {
            throw .missing(
                file: draft.file, place: .cell(sheet: survey.sheet.name, CellReference(row: survey.headerRow, column: 1)),
                what: "the survey sheet has no '\(required)' column", advice: "its first row must name the columns: type, name, label…")
        }
        let choices = sheet("choices")
        let language = try chooseLanguage(survey, choices, settings: sheet("settings"))
        readSettings(sheet("settings"), language: language)
        for sheet in sheets where !["survey", "choices", "settings"].contains(sheet.name.lowercased()) && !sheet.cells.isEmpty {
            draft.note(
                .cell(sheet: sheet.name, CellReference(row: 1, column: 1)),
                "sheet '\(sheet.name)' is not read: fabrique reads the survey, choices and settings sheets only")
        }
        let lists = XLSFormChoices(choices, language: language, draft: draft)
        var context = XLSFormContext(
            survey: survey, choices: lists,
            language: language, draft: draft, title: draft.title)
        context.readRows()
        context.noteUnusedColumns()
        lists.sortDraftLists()
        return language.key
    }

    private func chooseLanguage(_ survey: XLSFormTable, _ choices: XLSFormTable?, settings: XLSFormTable?) throws(FormatError) -> XLSFormLanguage {
        var keys: [String] = []
        for table in [survey, choices].compactMap({ $0 }) {
            for base in ["label", "hint", "constraint_message", "required_message"] {
                for (key, _) in table.languageColumns(base) where !keys.contains(key) { keys.append(key) }
            }
        }
        let hasPlain = survey.column("label") != nil
        if let wanted = options.language {
            if let key = keys.first(where: { XLSFormLanguage.matches($0, wanted) }) { return XLSFormLanguage(key: key) }
            if hasPlain, keys.isEmpty { return XLSFormLanguage(key: nil) }
            throw .missing(
                file: draft.file, place: .cell(sheet: survey.sheet.name, CellReference(row: survey.headerRow, column: 1)),
                what: "no label columns in language '\(wanted)' (the form has: \((keys.isEmpty ? ["label"] : keys).joined(separator: ", ")))",
                advice: "give --language one of these")
        }
        if let key = keys.first(where: { XLSFormLanguage.matches($0, "fr") }) { return XLSFormLanguage(key: key) }
        let defaultLanguage = settings.flatMap { table in table.rows.first.flatMap { table.value($0, "default_language") } }
        if let wanted = defaultLanguage, let key = keys.first(where: { XLSFormLanguage.matches($0, wanted) }) { return XLSFormLanguage(key: key) }
        if hasPlain || keys.isEmpty { return XLSFormLanguage(key: nil) }
        return XLSFormLanguage(key: keys[0])
    }

    private func readSettings(_ settings: XLSFormTable?, language: XLSFormLanguage) {
        draft.languages = [XLSFormLanguage.code(language.key)]
        if let key = language.key, !XLSFormLanguage.matches(key, "fr"), options.language == nil {
            draft.note(.file, "the form has no French labels; those in '\(key)' were taken (--language chooses another)")
        }
        guard let settings, let row = settings.rows.first else { return }
        if let id = settings.value(row, "form_id") {
            draft.id = Names.sanitized(id)
            if draft.id != id {
                draft.note(settings.place(row, "form_id"), "form_id '\(id)' became the survey id '\(draft.id)' (letters, digits and '_' only)")
            }
        }
        draft.version = settings.value(row, "version") ?? ""
        draft.title =
            language.key.flatMap { key in
                settings.languageColumns("form_title").first { $0.language == key }.flatMap { settings.value(row, column: $0.column) }
            }
            ?? settings.value(row, "form_title") ?? ""
        let used: Set<String> = ["form_id", "version", "form_title", "default_language"]
        for (column, header) in settings.headers.sorted(by: { $0.key < $1.key })
        where !used.contains(header.lowercased()) && !header.lowercased().hasPrefix("form_title::") && settings.value(row, column: column) != nil {
            draft.note(settings.place(row, column: column), "setting '\(header)' is not used by fabrique")
        }
    }
}
