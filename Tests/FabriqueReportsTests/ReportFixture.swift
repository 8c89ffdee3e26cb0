import FabriqueCSV
import FabriqueCore
import FabriqueImport
import FabriqueReports
import FabriqueStore
import FabriqueTestSupport
import Foundation

/// A small study for the report tests: 66 responses in four regions (Île-de-France 30, Grand Est
/// 26, Auvergne-Rhône-Alpes 6, Provence-Alpes-Côte d'Azur 4: a region under the threshold, and
/// the smallest other one, which must be withheld with it), the seed fiches and codebook, and a
/// few codings of a Grand Est fiche (consensus, agreement, single coding).
struct ReportFixture {
    static let surveyYAML = """
        id: t
        version: "1"
        title: Enquête test
        choices:
          - list_name: regions
            items: [{value: "11", label: Île-de-France}, {value: "44", label: Grand Est}, \
        {value: "84", label: Auvergne-Rhône-Alpes}, {value: "93", label: Provence-Alpes-Côte d'Azur}]
          - list_name: oui_non
            items: [{value: oui, label: Oui}, {value: non, label: Non}]
          - list_name: demarches
            items: [{value: cls, label: CLS}, {value: clsm, label: CLSM}, {value: asv, label: ASV}]
          - list_name: accord
            items: [{value: "1", label: Pas d'accord}, {value: "2", label: Neutre}, {value: "3", label: D'accord}]
        sections:
          - name: s
            title: S
            questions:
              - {name: region, type: select_one, label: Région, choices: regions}
              - {name: copil, type: select_one, label: Comité de pilotage, choices: oui_non}
              - {name: demarches, type: select_multiple, label: Démarches, choices: demarches}
              - {name: etp, type: decimal, label: ETP}
              - name: avis
                type: likert
                label: Avis
                choices: accord
                items:
                  - {name: avis_utile, label: La démarche est utile}
                  - {name: avis_connue, label: La démarche est connue}
        """

    static let specYAML = """
        id: test
        survey: t
        title: Enquête test
        threshold: 5
        period: "printemps 2026"
        key_figures:
          - {label: Part des démarches avec un comité de pilotage, variable: copil, value: oui}
          - {label: ETP médian, variable: etp, statistic: median}
        tables:
          - {id: demarches, kind: multi-select, variables: [demarches], title: Démarches coordonnées}
          - {id: copil, kind: frequency, variables: [copil], title: Comité de pilotage}
          - {id: etp, kind: descriptive, variables: [etp], title: Temps de coordination}
          - {id: etp-region, kind: descriptive, variables: [etp], by: region, title: Temps de coordination selon la région}
          - {id: copil-region, kind: crosstab, variables: [region, copil], title: Comité de pilotage selon la région}
          - {id: avis, kind: likert, variables: [avis], title: Avis sur la démarche}
        """

    let database: AppDatabase
    let directory: TemporaryDirectory
    var specPath: String { directory.path("spec.yaml") }

    /// The fixture; `transform` may change the CSV lines before import.
    init(transform: ([String]) -> [String] = { $0 }) throws {
        let survey = try Fixtures.survey(Self.surveyYAML)
        let referential = try Fixtures.referential()
        let codebook = try Fixtures.codebook()
        database = try AppDatabase.inMemory()
        _ = try database.loadSeeds(
            SeedBundle(
                referential: referential, codebook: codebook.codebook, codebookSource: codebook.source,
                surveys: [.init(survey: survey, source: Self.surveyYAML)],
                experiences: try Fixtures.experiences(referential: referential)))
        directory = try TemporaryDirectory()
        try Self.specYAML.write(toFile: directory.path("spec.yaml"), atomically: true, encoding: .utf8)
        var lines = ["response_id,region,copil,demarches,etp,avis_utile,avis_connue"]
        for i in 0..<66 {
            let region = i < 30 ? "11" : i < 56 ? "44" : i < 60 ? "93" : "84"
            let copil = i % 3 == 0 ? "non" : "oui"
            let demarches = i % 4 == 0 ? "cls clsm" : (i % 4 == 1 ? "asv" : "cls")
            let etp = i % 10 == 9 ? "" : String(Double(i % 5) / 2)
            lines.append("r\(i < 10 ? "0" : "")\(i),\(region),\(copil),\(demarches),\(etp),\(1 + i % 3),\(i % 7 == 0 ? 1 : 3)")
        }
        try transform(lines).joined(separator: "\n").write(toFile: directory.path("t.csv"), atomically: true, encoding: .utf8)
        _ = try ResponseImporter(database: database, survey: survey)
            .run(reader: try CSVReader(path: directory.path("t.csv")), options: ImportOptions(today: Fixtures.today))
        try saveCodings(codebook.codebook, referential)
    }

    /// Mulhouse's fiche: a consensus on coordination, two coders agreeing on partnerships (with
    /// quotes), and a single coding of territorialisation.
    private func saveCodings(_ codebook: Codebook, _ referential: Referential) throws {
        let fiche = try Fixtures.experiences(referential: referential).first { $0.slug == "mulhouse-cellule-sante-mentale-qpv" }!
        func excerpt(_ quote: String) -> Excerpt { Excerpt.locate(quote, in: fiche.body)! }
        func coding(_ criterion: String, _ coder: String, _ level: Int, consensus: Bool = false, _ quotes: [String] = []) -> Coding {
            Coding(
                experience: fiche.slug, criterion: criterion, coder: coder, consensus: consensus, codebookId: codebook.id,
                codebookVersion: codebook.version, level: level, excerpts: quotes.map(excerpt))
        }
        _ = try database.saveCodings(
            [
                coding("coordination", "ana", 1), coding("coordination", "ben", 2),
                coding("coordination", "comite", 2, consensus: true, ["La cellule de veille se réunit une fois par mois"]),
                coding(
                    "partenariats_intersectorialite", "ana", 2,
                    ["une convention signée entre la ville, le centre hospitalier, le bailleur et le Département"]),
                coding("partenariats_intersectorialite", "ben", 2, ["Chaque institution met à disposition du temps de professionnels"]),
                coding("territorialisation", "ana", 2, ["Les quartiers prioritaires de Mulhouse"])
            ], actor: "test", at: "2026-06-15T10:00:00Z")
    }

    /// The sources of a run with the project's templates.
    func sources(stamp: String? = nil, templates: String = Fixtures.path("analyses/templates")) throws -> ReportSources {
        try ReportSources(database: database, specFile: specPath, templatesDirectory: templates, stamp: stamp, today: Fixtures.today)
    }

    /// Every file of a regional run, by path.
    func regionalFiles(stamp: String? = nil) throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try ReportGenerator(sources: try sources(stamp: stamp)).regions().map { ($0.path, $0.text) })
    }
}
