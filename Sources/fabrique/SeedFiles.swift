import FabriqueCore
import FabriqueStore
import Foundation

/// Reads the seed folders (`seeds/`, `surveys/`) into a bundle, gathering every problem of every file.
struct SeedFiles {
    var seeds: String
    var surveys: String

    func load() throws -> SeedBundle {
        var problems: [SourceProblem] = []
        func source(_ path: String) throws -> ReferentialParser.Source { (path, try readText(path)) }

        let referential: Referential
        do {
            referential = try ReferentialParser.parse(
                regions: try source("\(seeds)/referential/regions.yaml"),
                departements: try source("\(seeds)/referential/departements.yaml"),
                themes: try source("\(seeds)/themes.yaml"))
        } catch let error as SourceProblems {
            throw error
        }

        let codebookPath = "\(seeds)/codebook.yaml"
        let codebookText = try readText(codebookPath)
        var codebook: Codebook?
        do { codebook = try CodebookParser.parse(codebookText, file: codebookPath) } catch { problems += error.problems }

        var surveySources: [SeedBundle.SurveySource] = []
        for path in try files(in: surveys, ending: ".yaml") {
            let text = try readText(path)
            do { surveySources.append(.init(survey: try SurveyLoader.load(text, file: path), source: text)) } catch { problems += error.problems }
        }

        var experiences: [Experience] = []
        for path in try files(in: "\(seeds)/experiences", ending: ".md") {
            do { experiences.append(try ExperienceParser.parse(try readText(path), file: path, referential: referential)) } catch let error
                as SourceProblems
            {
                problems += error.problems
            }
        }
        guard problems.isEmpty else { throw SourceProblems(problems) }
        return SeedBundle(
            referential: referential, codebook: codebook, codebookSource: codebookText,
            surveys: surveySources, experiences: experiences)
    }

    /// The files of a folder with an ending, sorted so that loads are deterministic.
    func files(in folder: String, ending: String) throws -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            throw InputError("cannot list \(folder): run fabrique from the project folder, or pass --seeds and --surveys")
        }
        return names.filter { $0.hasSuffix(ending) && !$0.hasPrefix(".") }.sorted().map { "\(folder)/\($0)" }
    }
}
