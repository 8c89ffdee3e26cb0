import FabriqueCSV
import FabriqueCore
import FabriqueImport
import FabriqueStore
import FabriqueTestSupport
import Foundation
import Testing

/// An export re-imported into an empty database gives identical responses, in every layout.
struct ExportRoundTripTests {
    static func database(with survey: Survey, source: String) throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        _ = try database.loadSeeds(
            SeedBundle(
                referential: try Fixtures.referential(), codebook: nil,
                surveys: [.init(survey: survey, source: source)], experiences: []))
        return database
    }

    static func all(_ database: AppDatabase) throws -> [StoredResponse] {
        var result: [StoredResponse] = []
        try database.forEachResponse(surveyId: "coordination") { result.append($0) }
        return result
    }

    static func export(_ database: AppDatabase, _ survey: Survey, _ options: ExportOptions, to path: String) throws {
        let exporter = ResponseExporter(survey: survey, options: options)
        let writer = try CSVWriter(path: path, format: options.excel ? .frenchExcel : .standard)
        try writer.write(exporter.header)
        try database.forEachResponse(surveyId: survey.id) { try writer.write(exporter.record($0)) }
        try writer.finish()
    }

    @Test(arguments: [
        ExportOptions(),
        ExportOptions(labels: true),
        ExportOptions(excel: true),
        ExportOptions(splitMultiple: true),
        ExportOptions(labels: true, excel: true, splitMultiple: true)
    ])
    func exportReimportsIdentically(options: ExportOptions) throws {
        let source = try Fixtures.text("surveys/coordination.yaml")
        let survey = try Fixtures.coordinationSurvey()
        let dir = try TemporaryDirectory()
        // Given 300 generated responses stored through an import.
        var generator = try Fixtures.generator(for: survey, seed: 77)
        let writer = try CSVWriter(path: dir.path("generated.csv"))
        let names = survey.fields.map(\.name)
        try writer.write(["response_id"] + names)
        for index in 0..<300 {
            let values = try generator.next()
            try writer.write(["g\(index)"] + names.map { values[$0] ?? "" })
        }
        try writer.finish()
        let original = try Self.database(with: survey, source: source)
        let first = try ResponseImporter(database: original, survey: survey)
            .run(reader: try CSVReader(path: dir.path("generated.csv")), options: ImportOptions(today: Fixtures.today))
        #expect(first.inserted == 300)
        // When they are exported and imported into an empty database.
        try Self.export(original, survey, options, to: dir.path("export.csv"))
        let copy = try Self.database(with: survey, source: source)
        let second = try ResponseImporter(database: copy, survey: survey)
            .run(reader: try CSVReader(path: dir.path("export.csv")), options: ImportOptions(today: Fixtures.today))
        // Then every response is identical.
        // An Excel export writes dd/mm/yyyy: dates such as 08/01/2014 are read day first, as the
        // file's other dates prove, and counted in the one warning such a file gives.
        let warnings = second.warnings.filter {
            !$0.contains("could be read day first or month first and were read day first (dd/mm/yyyy), as the file's other dates prove")
        }
        #expect(second.inserted == 300 && second.rejected == 0 && warnings.isEmpty, "\(second)")
        #expect(options.excel || second.warnings.isEmpty, "\(second)")
        #expect(try Self.all(copy) == Self.all(original))
    }
}

extension ExportOptions: CustomTestStringConvertible {
    public var testDescription: String { "labels \(labels), excel \(excel), split \(splitMultiple)" }
}
