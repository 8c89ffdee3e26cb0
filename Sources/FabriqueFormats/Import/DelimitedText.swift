import FabriqueCSV
import Foundation

/// The records of a delimited text file (REDCap's CSV, LimeSurvey's TSV), read by FabriqueCSV:
/// quotes, line breaks inside fields, encodings, and each record's line number.
enum DelimitedText {
    /// Every record. `file` names the source in errors.
    static func records(_ data: Data, file: String, delimiter: UInt8) throws(FormatError) -> [CSVRecord] {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("fabrique-import-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: temporary) }
        do {
            try data.write(to: temporary)
            return try CSVReader(path: temporary.path, delimiter: delimiter).records()
        } catch {
            let message = "\(error)".replacingOccurrences(of: temporary.path, with: file)
            throw .unreadable(file: file, reason: message)
        }
    }
}
