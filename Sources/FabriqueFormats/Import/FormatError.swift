import FabriqueCore
import Foundation

/// Why another tool's file cannot be turned into a questionnaire, or a questionnaire into its format.
public enum FormatError: Error, Sendable, LocalizedError {
    /// The file is not what its kind requires (not a zip, no workbook part, not UTF-8…).
    case unreadable(file: String, reason: String)
    /// A part the format needs is missing: a sheet, a column, a header line.
    case missing(file: String, place: FormatPlace, what: String, advice: String)
    /// The kind of file cannot be told from its name or content.
    case unknownKind(file: String)
    /// Constructs fabrique cannot represent, every one of them, in file order.
    case unsupported([FormatIssue])
    /// The questionnaire written from the file fails fabrique's checks (a defect of the importer).
    case invalidResult(file: String, problems: [SourceProblem])
    /// The output could not be written.
    case output(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot be read: \(reason)"
        case .missing(let file, let place, let what, let advice):
            return "\(FormatIssue(file: file, place: place, message: "").location): \(what); \(advice)"
        case .unknownKind(let file):
            return
                "\(file): cannot tell which tool wrote this file; give --from xlsform (an .xlsx XLSForm), --from redcap "
                + "(a REDCap data dictionary, .csv) or --from limesurvey (a LimeSurvey structure, tab-separated .txt)"
        case .unsupported(let issues):
            let count = issues.count
            return issues.map(\.description).joined(separator: "\n")
                + "\n\(count) construct\(count == 1 ? "" : "s") that fabrique cannot represent: change \(count == 1 ? "it" : "them") "
                + "in the source file, or rerun with --skip-unsupported to write the rest and list what was left out"
        case .invalidResult(let file, let problems):
            return "the questionnaire made from \(file) does not pass fabrique's checks (please report this):\n"
                + problems.map(\.description).joined(separator: "\n")
        case .output(let path, let reason):
            return "\(path): cannot be written: \(reason)"
        }
    }
}
