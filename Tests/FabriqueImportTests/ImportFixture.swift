import FabriqueCSV
import FabriqueCore
import FabriqueImport
import FabriqueStore
import FabriqueTestSupport
import Foundation

/// A small survey and helpers to import CSV text into an in-memory database.
struct ImportFixture {
    static let yaml = """
        id: mini
        version: "1"
        title: Mini
        choices:
          - list_name: demarches
            items:
              - {value: cls, label: Contrat local de santé}
              - {value: clsm, label: Conseil local de santé mentale}
              - {value: asv, label: Atelier santé ville}
          - list_name: oui_non
            items:
              - {value: oui, label: Oui}
              - {value: non, label: Non}
        sections:
          - name: s
            title: S
            questions:
              - {name: demarches, type: select_multiple, label: Démarches coordonnées, choices: demarches, other: true, required: true}
              - {name: copil, type: select_one, label: Comité de pilotage, choices: oui_non, required: true}
              - {name: etp, type: decimal, label: ETP, constraint: ". >= 0 and . <= 5", constraint_message: "Entre 0 et 5 ETP."}
              - {name: debut, type: date, label: Date de début}
              - {name: priorites, type: rank, label: Priorités, choices: demarches}
        """

    let survey: Survey
    let database: AppDatabase
    let dir: TemporaryDirectory

    init() throws {
        try self.init(survey: try Fixtures.survey(Self.yaml), source: Self.yaml)
    }

    /// With `onDisk`, the database is a WAL file in the fixture's folder (`database.sqlite`), as the CLI opens it.
    init(onDisk: Bool) throws {
        try self.init(survey: try Fixtures.survey(Self.yaml), source: Self.yaml, onDisk: onDisk)
    }

    init(survey: Survey, source: String, onDisk: Bool = false) throws {
        self.survey = survey
        dir = try TemporaryDirectory()
        database = onDisk ? try AppDatabase.open(path: dir.path("database.sqlite")) : try AppDatabase.inMemory()
        _ = try database.loadSeeds(
            SeedBundle(
                referential: Referential(regions: [], departements: [], themes: []), codebook: nil,
                surveys: [.init(survey: survey, source: source)], experiences: []))
    }

    /// Writes CSV text (or bytes) to a file and imports it.
    @discardableResult
    func importText(_ text: String, name: String = "in.csv", options: ImportOptions? = nil) throws -> ImportSummary {
        try importBytes(Array(text.utf8), name: name, options: options)
    }

    @discardableResult
    func importBytes(_ bytes: [UInt8], name: String = "in.csv", options: ImportOptions? = nil) throws -> ImportSummary {
        let path = try dir.write(bytes, to: name)
        return try ResponseImporter(database: database, survey: survey)
            .run(reader: try CSVReader(path: path), options: options ?? ImportOptions(today: Fixtures.today))
    }

    /// Stored responses by id.
    func stored() throws -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        try database.forEachResponse(surveyId: survey.id) { result[$0.responseId] = $0.values }
        return result
    }
}
