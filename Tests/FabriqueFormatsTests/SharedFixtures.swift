import FabriqueFormats
import FabriqueTestSupport
import Foundation
import Testing

/// The other tools' real files in `../shared/fixtures/` beside the repository (see its README):
/// tests that need them are skipped, saying so, where the folder is absent.
enum SharedFixtures {
    /// The folder.
    static let folder = Fixtures.projectRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures")

    /// Whether the folder is there.
    static let available = FileManager.default.fileExists(atPath: folder.path)

    /// Why the tests are skipped.
    static let absent: Comment = "../shared/fixtures is absent: the real XLSForm, REDCap and LimeSurvey files are not available"

    /// A fixture's path.
    static func path(_ relative: String) -> String {
        folder.appendingPathComponent(relative).path
    }

    /// A fixture's bytes.
    static func data(_ relative: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path(relative)))
    }

    /// Imports a fixture, naming it by its path relative to the fixtures folder in messages.
    static func importSurvey(_ relative: String, skipUnsupported: Bool = false, language: String? = nil) throws -> ImportedSurvey {
        try SurveyImporter.importSurvey(
            try data(relative), file: relative,
            options: ImportOptions(language: language, skipUnsupported: skipUnsupported))
    }

    /// The located messages of a fixture refused for unsupported constructs.
    static func unsupported(_ relative: String) throws -> [String] {
        do {
            _ = try importSurvey(relative)
            return []
        } catch let FormatError.unsupported(issues) {
            return issues.map(\.description)
        }
    }
}
