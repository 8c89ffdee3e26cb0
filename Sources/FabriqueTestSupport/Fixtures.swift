import FabriqueCore
import Foundation

/// Paths and parsed seeds shared by the test targets.
public enum Fixtures {
    /// The package's root folder, found from this file's path.
    public static let projectRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// An absolute path inside the project.
    public static func path(_ relative: String) -> String {
        projectRoot.appendingPathComponent(relative).path
    }

    /// The text of a project file.
    public static func text(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }

    /// `../shared/fixtures` beside the project (real exports of other tools), or nil where it is
    /// absent: tests that read it skip with a message saying so.
    public static let sharedFixtures: URL? = {
        let url = projectRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()

    /// A fixed "today" so that date rules give the same results whenever the tests run.
    public static let today = CalendarDate(year: 2026, month: 6, day: 15)!

    /// The coordination questionnaire.
    public static func coordinationSurvey() throws -> Survey {
        try SurveyLoader.load(try text("surveys/coordination.yaml"), file: "surveys/coordination.yaml")
    }

    /// The referential from `seeds/`.
    public static func referential() throws -> Referential {
        try ReferentialParser.parse(
            regions: ("regions.yaml", try text("seeds/referential/regions.yaml")),
            departements: ("departements.yaml", try text("seeds/referential/departements.yaml")),
            themes: ("themes.yaml", try text("seeds/themes.yaml")))
    }

    /// Generated responses to a survey, over the seed referential's regions, as of `today`.
    public static func generator(for survey: Survey, seed: UInt64) throws -> ResponseGenerator {
        ResponseGenerator(survey: survey, regions: try referential().regions, seed: seed, today: today)
    }

    /// The sample fiches of `seeds/experiences/`, parsed against the seed referential, by file name.
    public static func experiences(referential: Referential) throws -> [Experience] {
        let folder = path("seeds/experiences")
        return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".md") }.sorted().map {
            try ExperienceParser.parse(try text("seeds/experiences/\($0)"), file: $0, referential: referential)
        }
    }

    /// The seed codebook and its source text.
    public static func codebook() throws -> (codebook: Codebook, source: String) {
        let source = try text("seeds/codebook.yaml")
        return (try CodebookParser.parse(source, file: "codebook.yaml"), source)
    }

    /// Parses a small survey written inline in a test.
    public static func survey(_ yaml: String) throws -> Survey {
        try SurveyLoader.load(yaml, file: "test.yaml")
    }
}
