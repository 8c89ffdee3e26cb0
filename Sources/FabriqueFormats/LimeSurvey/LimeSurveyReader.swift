import FabriqueCSV
import FabriqueCore
import Foundation

/// Reads a LimeSurvey survey structure exported as tab-separated values: settings (`S`, `SL`),
/// groups (`G`) as sections, questions (`Q`) with their subquestions (`SQ`) and answer options
/// (`A`), in one language.
struct LimeSurveyReader {
    let data: Data
    let draft: ImportDraft
    let options: ImportOptions

    /// Fills the draft; returns the language taken.
    func read() throws(FormatError) -> String? {
        let records = try DelimitedText.records(data, file: draft.file, delimiter: UInt8(ascii: "\t"))
        guard let header = records.first else {
            throw .missing(
                file: draft.file, place: .text(line: 1, column: 1), what: "the file is empty",
                advice: "export the survey structure from LimeSurvey (Display/Export → Tab-separated-values format)")
        }
        var index: [String: Int] = [:]
        for (position, name) in header.fields.enumerated() where index[name] == nil { index[name] = position }
        for key in ["class", "type/scale", "name", "text", "language"] where index[key] == nil {
            throw .missing(
                file: draft.file, place: .text(line: header.line, column: 1), what: "no '\(key)' column",
                advice: "this is not a LimeSurvey structure export; export one with Display/Export → Tab-separated-values format")
        }
        let rows = records.dropFirst().map { TabularRow(record: $0, index: index) }
        let settings = Dictionary(rows.filter { $0["class"] == "S" }.map { ($0["name"], $0["text"]) }, uniquingKeysWith: { first, _ in first })
        let base = settings["language"] ?? ""
        let languages = [base] + (settings["additional_languages"] ?? "").split(separator: " ").map(String.init)
        let language = try choose(languages.filter { !$0.isEmpty }, base: base)
        draft.languages = [language]
        let texts = Dictionary(
            rows.filter { $0["class"] == "SL" && $0["language"] == language }.map { ($0["name"], $0["text"]) },
            uniquingKeysWith: { first, _ in first })
        draft.title = PlainText.plain(texts["surveyls_title"] ?? "")
        draft.description = texts["surveyls_description"].map(PlainText.plain).flatMap { $0.isEmpty ? nil : $0 }
        if draft.id.isEmpty, options.fallbackID == nil, let sid = settings["sid"] { draft.id = "limesurvey_\(sid)" }
        var builder = LimeSurveyBuilder(draft: draft)
        builder.build(rows.filter { ["G", "Q", "SQ", "A"].contains($0["class"]) && $0["language"] == language })
        return language
    }

    private func choose(_ languages: [String], base: String) throws(FormatError) -> String {
        if let wanted = options.language {
            guard let found = languages.first(where: { XLSFormLanguage.matches($0, wanted) }) else {
                throw .missing(
                    file: draft.file, place: .file, what: "no language '\(wanted)' in the survey (it has: \(languages.joined(separator: ", ")))",
                    advice: "give --language one of these")
            }
            return found
        }
        if let french = languages.first(where: { XLSFormLanguage.matches($0, "fr") }) { return french }
        if languages.count > 0 {
            draft.note(
                .file,
                "the survey has no French texts; those in '\(base.isEmpty ? languages[0] : base)' were taken "
                    + "(--language chooses another of: \(languages.joined(separator: ", ")))"
            )
        }
        return base.isEmpty ? (languages.first ?? "fr") : base
    }
}
