import Foundation

/// The tools whose questionnaire definitions fabrique reads.
public enum SourceKind: String, Sendable, CaseIterable {
    /// An XLSForm workbook (.xlsx): ODK, KoboToolbox, Ona, SurveyCTO.
    case xlsform
    /// A REDCap data dictionary (.csv).
    case redcap
    /// A LimeSurvey survey structure exported as tab-separated values (.txt).
    case limesurvey

    /// The tool's name for messages.
    public var title: String {
        switch self {
        case .xlsform: "XLSForm"
        case .redcap: "REDCap data dictionary"
        case .limesurvey: "LimeSurvey survey structure"
        }
    }

    /// Tells the kind from the content: a zip is a workbook, REDCap's first header is
    /// `Variable / Field Name` (or `field_name`), LimeSurvey's starts `id<TAB>related_id<TAB>class`.
    public static func detect(_ data: Data) -> SourceKind? {
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .xlsform }
        var head = String(decoding: data.prefix(512), as: UTF8.self)
        if head.hasPrefix("\u{FEFF}") { head.removeFirst() }
        let firstLine = head.prefix { $0 != "\n" && $0 != "\r" }.lowercased()
        if firstLine.hasPrefix("id\trelated_id\tclass") { return .limesurvey }
        let first = firstLine.split(separator: firstLine.contains("\t") ? "\t" : ",").first.map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        }
        if first == "variable / field name" || first == "field_name" { return .redcap }
        return nil
    }
}
