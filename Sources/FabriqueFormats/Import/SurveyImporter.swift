import FabriqueCore
import Foundation

/// Turns another tool's questionnaire file into a fabrique questionnaire: reads it with the
/// reader of its kind, runs fabrique's own checks on the result (located back in the source),
/// and writes the YAML text.
public enum SurveyImporter {
    /// Reads `data`, the content of the file named `file`. `kind` is detected when nil.
    public static func importSurvey(
        _ data: Data, file: String, kind: SourceKind? = nil,
        options: ImportOptions = ImportOptions()
    ) throws(FormatError) -> ImportedSurvey {
        guard let kind = kind ?? SourceKind.detect(data) else { throw .unknownKind(file: file) }
        let draft = ImportDraft(file: file)
        let language: String?
        switch kind {
        case .xlsform: language = try XLSFormReader(data: data, draft: draft, options: options).read()
        case .redcap: language = try REDCapReader(data: data, draft: draft, options: options).read()
        case .limesurvey: language = try LimeSurveyReader(data: data, draft: draft, options: options).read()
        }
        if draft.id.isEmpty { draft.id = Names.sanitized(options.fallbackID ?? Names.stem(file)) }
        if draft.version.isEmpty { draft.version = "1" }
        if draft.title.isEmpty { draft.title = draft.id }
        let checked = SurveyRepair(draft: draft, skipUnsupported: options.skipUnsupported).run()
        if !draft.unsupported.isEmpty, !options.skipUnsupported { throw .unsupported(draft.unsupported) }
        let sha = SHA256.hex([UInt8](data))
        var header = [
            "Imported by `fabrique survey import` from \(Names.base(file)) (\(kind.title)).",
            "Source SHA-256: \(sha)"
        ]
        if let language { header.append("Labels in the source's language '\(language)'.") }
        if !draft.unsupported.isEmpty {
            header.append("Left out (--skip-unsupported), as fabrique cannot represent them:")
            header += draft.unsupported.map { "  \($0.description)" }
        }
        if !draft.notes.isEmpty {
            header.append("Notes:")
            header += draft.notes.map { "  \($0.description)" }
        }
        let yaml = SurveyYAMLWriter.yaml(checked, header: header)
        let problems = SurveyLoader.problems(in: yaml, file: Names.base(file) + ".yaml")
        guard problems.isEmpty else { throw .invalidResult(file: file, problems: problems) }
        return ImportedSurvey(
            survey: checked, yaml: yaml, kind: kind, sha256: sha, language: language,
            leftOut: options.skipUnsupported ? draft.unsupported : [], notes: draft.notes)
    }

    /// Reads a file from disk.
    public static func importSurvey(path: String, kind: SourceKind? = nil, options: ImportOptions = ImportOptions()) throws(FormatError)
        -> ImportedSurvey
    {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(file: path, reason: "the file cannot be opened (\(error.localizedDescription)); check the path")
        }
        return try importSurvey(data, file: path, kind: kind, options: options)
    }
}
