import FabriqueCore
import FabriqueStore
import FabriqueTestSupport
import Foundation
import Testing

/// The responses' contract on both engines: the same import gives the same stored responses, the
/// same counts and the same reads, compared with SQLite's answers to the same calls.
struct ResponseStoreContractTests {
    static let survey = try! Fixtures.coordinationSurvey()
    static let fieldNames = survey.fields.map(\.name)

    /// Generated responses to the coordination survey, as ordered values.
    static func responses(count: Int, seed: UInt64, prefix: String = "R") throws -> [(id: String, values: [String?])] {
        var generator = try Fixtures.generator(for: survey, seed: seed)
        return try (0..<count).map { index in
            let answers = try generator.next()
            return (String(format: "\(prefix)%05d", index), fieldNames.map { answers[$0] })
        }
    }

    /// Writes `rows` in batches of `batchSize` (line numbers from 2, as a CSV file's).
    static func write(
        _ store: any FabriqueStore, _ rows: [(id: String, values: [String?])], policy: DuplicatePolicy = .error, dryRun: Bool = false,
        origin: String = "import:test.csv", batchSize: Int = 40
    ) throws -> ResponseWriteCounts {
        var start = 0
        return try store.writeResponses(
            survey: survey, fieldNames: fieldNames, version: survey.version, origin: origin, policy: policy, dryRun: dryRun
        ) {
            guard start < rows.count else { return nil }
            var batch = ResponseBatch(width: fieldNames.count)
            for (offset, row) in rows[start..<min(start + batchSize, rows.count)].enumerated() {
                batch.append(line: start + offset + 2, responseId: row.id, values: row.values)
            }
            start += batchSize
            return batch
        }
    }

    /// Every stored response, in id order.
    static func stored(_ store: any FabriqueStore) throws -> [StoredResponse] {
        var all: [StoredResponse] = []
        try store.forEachResponse(surveyId: survey.id) { all.append($0) }
        return all
    }

    static func seeded(_ store: any FabriqueStore) throws {
        _ = try store.loadSeeds(try SeedLoadTests.bundle())
    }

    @Test(arguments: Engine.available) func anImportStoresTheSameResponsesAsOnSQLite(engine: Engine) async throws {
        let rows = try Self.responses(count: 300, seed: 7)
        let reference = try AppDatabase.inMemory()
        try Self.seeded(reference)
        let expected = try Self.write(reference, rows)
        #expect(expected.inserted == 300)
        try await engine.withEmptyStore { store in try Self.compareImport(store, reference, rows, expected) }
    }

    static func compareImport(
        _ store: any FabriqueStore, _ reference: AppDatabase, _ rows: [(id: String, values: [String?])], _ expected: ResponseWriteCounts
    ) throws {
        do {
            try Self.seeded(store)
            #expect(try store.responseSchema(surveyId: Self.survey.id) == nil)
            #expect(try Self.write(store, rows) == expected)
            #expect(try store.responseSchema(surveyId: Self.survey.id) == (try reference.responseSchema(surveyId: Self.survey.id)))
            #expect(try Self.stored(store) == (try Self.stored(reference)))
            #expect(try store.responseFingerprint(surveyId: Self.survey.id) == (try reference.responseFingerprint(surveyId: Self.survey.id)))

            let names = ["region", "approche", "anciennete_demarche", "missing_variable"]
            let filter = [(column: "region", value: "44")]
            let columns = try store.responseColumns(surveyId: Self.survey.id, names: names, where: filter)
            let expectedColumns = try reference.responseColumns(surveyId: Self.survey.id, names: names, where: filter)
            #expect(columns.count == expectedColumns.count && columns.columns == expectedColumns.columns)
            #expect(columns.count > 0)
            for (group, conditions) in [(["region", "approche"], [(column: String, value: String)]()), (["approche"], filter)] {
                let counts = try store.responseGroupCounts(surveyId: Self.survey.id, names: group, where: conditions)
                let expectedCounts = try reference.responseGroupCounts(surveyId: Self.survey.id, names: group, where: conditions)
                #expect(Self.sorted(counts) == Self.sorted(expectedCounts))
            }
            let numeric = try #require(Self.survey.fields.first { $0.valueType == .integer }).name
            let numbers = try store.responseNumbers(surveyId: Self.survey.id, value: numeric, group: "region", where: [])
            let expectedNumbers = try reference.responseNumbers(surveyId: Self.survey.id, value: numeric, group: "region", where: [])
            let described = numbers.map { "\($0.group ?? "-") \($0.value.map { String($0) } ?? "-")" }.sorted()
            let expectedDescribed = expectedNumbers.map { "\($0.group ?? "-") \($0.value.map { String($0) } ?? "-")" }.sorted()
            #expect(described == expectedDescribed)
            #expect(numbers.contains { $0.value != nil })

            let page = try store.responseSummaries(surveyId: Self.survey.id, where: [], regions: ["44", "84"], limit: 10, offset: 5)
            let expectedPage = try reference.responseSummaries(surveyId: Self.survey.id, where: [], regions: ["44", "84"], limit: 10, offset: 5)
            #expect(page.total == expectedPage.total && page.rows == expectedPage.rows)
            #expect(try store.responseSummaries(surveyId: Self.survey.id, where: [], regions: [], limit: 10, offset: 0).total == 0)
            #expect(
                try store.response(surveyId: Self.survey.id, responseId: "R00042")
                    == (try reference.response(surveyId: Self.survey.id, responseId: "R00042")))
            #expect(try store.response(surveyId: Self.survey.id, responseId: "nope") == nil)
        }
    }

    @Test(arguments: Engine.available) func duplicatesFollowThePolicyAsOnSQLite(engine: Engine) async throws {
        let first = try Self.responses(count: 60, seed: 3)
        // Ten changed rows, ten new ones, the rest as stored, and one id given twice with two contents.
        var second = try Self.responses(count: 70, seed: 4).enumerated().map { index, row in
            index < 10 ? (id: first[index].id, values: row.values) : index < 20 ? (id: "N\(index)", values: row.values) : row
        }
        second = Array(second[0..<20]) + first[20...].map { $0 }
        // Each id once (PostgreSQL's set path), then one id twice (its window over repeated ids).
        let imports = [second, second + [(id: "N11", values: first[0].values)]]
        for (second, policy) in imports.flatMap({ rows in [DuplicatePolicy.skip, .update, .error].map { (rows, $0) } }) {
            let reference = try AppDatabase.inMemory()
            try Self.seeded(reference)
            _ = try Self.write(reference, first)
            let expected = Result { try Self.write(reference, second, policy: policy, origin: "import:second.csv") }
            try await engine.withEmptyStore { store in
                try Self.seeded(store)
                _ = try Self.write(store, first)
                let counts = Result { try Self.write(store, second, policy: policy, origin: "import:second.csv") }
                switch (counts, expected) {
                case (.success(let counts), .success(let expected)): #expect(counts == expected, "\(policy)")
                case (.failure(let error), .failure(let expected)): #expect(error as? StoreError == expected as? StoreError, "\(policy)")
                default: Issue.record("\(policy): \(counts) on \(engine), \(expected) on SQLite")
                }
                #expect(try Self.stored(store) == (try Self.stored(reference)), "\(policy)")
            }
        }
    }

    @Test(arguments: Engine.available) func aDryRunOrAFailedImportLeavesNoTrace(engine: Engine) async throws {
        let rows = try Self.responses(count: 50, seed: 9)
        try await engine.withEmptyStore { store in
            try Self.seeded(store)
            let counts = try Self.write(store, rows, dryRun: true)
            #expect(counts.inserted == 50)
            #expect(try store.responseFingerprint(surveyId: Self.survey.id).count == 0)
            var failing = 0
            #expect(throws: CancellationError.self) {
                _ = try store.writeResponses(
                    survey: Self.survey, fieldNames: Self.fieldNames, version: Self.survey.version, origin: "x", policy: .error, dryRun: false
                ) {
                    failing += 1
                    if failing == 3 { throw CancellationError() }
                    var batch = ResponseBatch(width: Self.fieldNames.count)
                    batch.append(line: failing, responseId: "F\(failing)", values: rows[failing].values)
                    return batch
                }
            }
            #expect(try store.responseFingerprint(surveyId: Self.survey.id).count == 0)
        }
    }

    @Test(arguments: Engine.available) func editsReplaceAnswersAndKeepTheirAudit(engine: Engine) async throws {
        let rows = try Self.responses(count: 5, seed: 11)
        var edited = rows[2].values
        let index = try #require(Self.fieldNames.firstIndex(of: "region"))
        edited[index] = "11"
        let reference = try AppDatabase.inMemory()
        try Self.seeded(reference)
        _ = try Self.write(reference, rows)
        try reference.editResponse(
            survey: Self.survey, responseId: rows[2].id, fieldNames: Self.fieldNames, values: edited, actor: "camille", at: "2026-12-01T10:00:00Z")
        try await engine.withEmptyStore { store in
            try Self.seeded(store)
            _ = try Self.write(store, rows)
            try store.editResponse(
                survey: Self.survey, responseId: rows[2].id, fieldNames: Self.fieldNames, values: edited, actor: "camille",
                at: "2026-12-01T10:00:00Z")
            #expect(try store.response(surveyId: Self.survey.id, responseId: rows[2].id)?.values["region"] == "11")
            #expect(try Self.stored(store) == (try Self.stored(reference)))
            #expect(try store.responseFingerprint(surveyId: Self.survey.id) == (try reference.responseFingerprint(surveyId: Self.survey.id)))
            let edits = try store.responseEdits(surveyId: Self.survey.id, responseId: rows[2].id)
            #expect(edits == (try reference.responseEdits(surveyId: Self.survey.id, responseId: rows[2].id)))
            #expect(edits.count == 1 && edits[0].after["region"] == "11" && edits[0].before["region"] == rows[2].values[index])
            #expect(throws: StoreError.unknownResponse("nope")) {
                try store.editResponse(survey: Self.survey, responseId: "nope", fieldNames: [], values: [], actor: "a", at: "b")
            }
        }
    }

    @Test(arguments: Engine.available) func oddValuesReadBackAsOnSQLite(engine: Engine) async throws {
        // Texts in number columns (SQLite's affinities keep them), and tabs, newlines and
        // backslashes, which COPY's text format escapes.
        let yaml = """
            id: odd
            version: "1"
            title: Valeurs
            sections:
              - name: s
                title: S
                questions:
                  - {name: n, type: integer, label: N}
                  - {name: d, type: decimal, label: D}
                  - {name: t, type: text, label: T}
            """
        let survey = try Fixtures.survey(yaml)
        let rows: [[String?]] = [
            ["+7", "2.50", "a\tb\nc\\d\r"], ["007", "1e3", "\\N"], ["abc", "x", ""], [nil, "-0.0", "é « » 🙂"], ["-12", "3", nil]
        ]
        func write(_ store: any FabriqueStore) throws -> [StoredResponse] {
            _ = try store.loadSeeds(
                SeedBundle(referential: try Fixtures.referential(), codebook: nil, surveys: [.init(survey: survey, source: yaml)], experiences: []))
            var pending: ResponseBatch? = ResponseBatch(width: 3)
            for (index, values) in rows.enumerated() { pending?.append(line: index + 2, responseId: "V\(index)", values: values) }
            _ = try store.writeResponses(
                survey: survey, fieldNames: ["n", "d", "t"], version: "1", origin: "test", policy: .error, dryRun: false
            ) {
                defer { pending = nil }
                return pending
            }
            var all: [StoredResponse] = []
            try store.forEachResponse(surveyId: "odd") { all.append($0) }
            return all
        }
        let expected = try write(try AppDatabase.inMemory())
        #expect(expected.map { $0.values["n"] } == ["7", "7", "abc", nil, "-12"])
        try await engine.withEmptyStore { store in
            let stored = try write(store)
            #expect(stored == expected)
        }
    }

    static func sorted(_ counts: [(values: [String?], count: Int)]) -> [String] {
        counts.map { $0.values.map { $0 ?? "∅" }.joined(separator: "|") + " \($0.count)" }.sorted()
    }
}
