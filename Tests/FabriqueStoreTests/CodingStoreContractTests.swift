import FabriqueCore
import FabriqueStore
import FabriqueTestSupport
import Foundation
import Synchronization
import Testing

/// The coding store's contract, on every engine (`Engine.available`). Each test runs its calls on
/// the engine's store and on a SQLite `AppDatabase` beside it, and expects the same answers (audit
/// texts included); the values written out in the tests keep the SQLite run honest too.
struct CodingStoreContractTests {
    // MARK: Saves and their audit

    @Test(arguments: Engine.available) func savesCountWhatChangedAndAuditEveryChange(engine: Engine) async throws {
        try await engine.withEmptyStore { store in
            let pair = try CodingPair(store)
            let (e0, e1) = (pair.slug(0), pair.slug(1))
            let excerpt = try #require(Excerpt.locate(String(pair.bundle.experiences[0].body.prefix(60)), in: pair.bundle.experiences[0].body))
            let memo = "Niveau « partiel » : \"à revoir\"\nvoir l'extrait"
            let first = [
                pair.coding(e0, "coordination", "ana", level: 1, memo: memo, excerpts: [excerpt]),
                pair.coding(e0, "coordination", "Zoé", level: 2), pair.coding(e0, "coordination", "émile", level: 0),
                pair.coding(e0, "coordination", "ben", level: 1), pair.coding(e0, "plus_value", "ana", level: 2),
                pair.coding(e1, "coordination", "ana", level: 0)
            ]
            #expect(try pair.save(first, by: "ana", at: "2026-03-01T09:00:00Z") == .counts(inserted: 6))
            #expect(try pair.save(first, by: "ana", at: "2026-03-02T09:00:00Z") == .counts(unchanged: 6))

            // Given a level, a memo and the excerpts changed, one coding as it was and one new.
            var second = first
            second[1].level = 1
            second[3].memo = "relu"
            second[0].excerpts = []
            second = Array(second[0...4]) + [pair.coding(e1, "plus_value", "ben", level: 2)]
            #expect(try pair.save(second, by: "ben", at: "2026-03-03T09:00:00Z") == .counts(inserted: 1, updated: 3, unchanged: 2))
            // The same coding twice in one batch: the second sees the first.
            let twice = [pair.coding(e1, "territorialisation", "ana", level: 0), pair.coding(e1, "territorialisation", "ana", level: 2)]
            #expect(try pair.save(twice, by: "ana", at: "2026-03-04T09:00:00Z") == .counts(inserted: 1, updated: 1))

            // Then codings come in byte order of experience, criterion and coder, as last saved.
            let stored = try pair.same { try $0.codings() }
            let expected = (second + [twice[1], first[5]]).sorted(by: CodingPair.storeOrder)
            #expect(stored == expected)
            #expect(stored.filter { $0.experience == e0 && $0.criterion == "coordination" }.map(\.coder) == ["Zoé", "ana", "ben", "émile"])
            #expect(stored.first { $0.coder == "ana" && $0.criterion == "coordination" && $0.experience == e0 }?.memo == memo)

            // And each change has its entry: who, when, the coding before and after.
            let anaAudit = try pair.audit(e0, "coordination", "ana")
            #expect(anaAudit.map(\.actor) == ["ana", "ben"] && anaAudit.map(\.at) == ["2026-03-01T09:00:00Z", "2026-03-03T09:00:00Z"])
            #expect(anaAudit[0].before == nil && anaAudit[1].before == anaAudit[0].after)
            #expect(try CodingPair.decoded(anaAudit[0].after) == first[0] && CodingPair.decoded(anaAudit[1].after) == second[0])
            let twiceAudit = try pair.audit(e1, "territorialisation", "ana")
            #expect(try twiceAudit.map { try $0.before.map(CodingPair.decoded) } == [nil, twice[0]])
            #expect(try pair.audit(e0, "plus_value", "ana").count == 1)
            try pair.expectSameState()
        }
    }

    @Test(arguments: Engine.available) func aConsensusReplacesAnotherAdjudicatorsAndTheAuditSaysWho(engine: Engine) async throws {
        try await engine.withEmptyStore { store in
            let pair = try CodingPair(store)
            let e0 = pair.slug(0)
            let own = [pair.coding(e0, "coordination", "ana", level: 1), pair.coding(e0, "coordination", "chloe", level: 2)]
            #expect(try pair.save(own, by: "ana", at: "2026-04-01T09:00:00Z") == .counts(inserted: 2))
            let chloe = pair.coding(e0, "coordination", "chloe", level: 2, consensus: true)
            let elsewhere = pair.coding(e0, "plus_value", "chloe", level: 0, consensus: true)
            #expect(try pair.save([chloe, elsewhere], by: "chloe", at: "2026-04-02T09:00:00Z") == .counts(inserted: 2))
            // An adjudicator's new level updates their consensus; it does not replace it.
            var revised = chloe
            revised.level = 1
            #expect(try pair.save([revised], by: "chloe", at: "2026-04-03T09:00:00Z") == .counts(updated: 1))

            let david = pair.coding(e0, "coordination", "david", level: 2, consensus: true)
            #expect(try pair.save([david], by: "david", at: "2026-04-04T09:00:00Z") == .counts(inserted: 1))
            let consensus = try pair.same { try $0.codings() }.filter(\.consensus)
            #expect(consensus == [david, elsewhere])
            #expect(try pair.same { try $0.codings() }.filter { !$0.consensus } == own)

            // chloe's log holds her own coding and her consensus: inserted, revised, replaced by david.
            let audit = try pair.audit(e0, "coordination", "chloe")
            #expect(audit.map(\.at) == ["2026-04-01T09:00:00Z", "2026-04-02T09:00:00Z", "2026-04-03T09:00:00Z", "2026-04-04T09:00:00Z"])
            #expect(audit[3].actor == "david" && audit[3].after == #"{"replacedBy":"david"}"#)
            #expect(try audit[3].before.map(CodingPair.decoded) == revised)

            // Two adjudicators in one batch: the second replaces the first.
            let batch = [
                pair.coding(e0, "coordination", "emma", level: 0, consensus: true),
                pair.coding(e0, "coordination", "farid", level: 1, consensus: true)
            ]
            #expect(try pair.save(batch, by: "farid", at: "2026-04-05T09:00:00Z") == .counts(inserted: 2))
            #expect(try pair.same { try $0.codings() }.filter(\.consensus).map(\.coder) == ["farid", "chloe"])
            #expect(try pair.audit(e0, "coordination", "emma").map(\.after).last == #"{"replacedBy":"farid"}"#)
            #expect(try pair.audit(e0, "coordination", "david").map(\.actor) == ["david", "farid"])
            try pair.expectSameState()
        }
    }

    @Test(arguments: Engine.available) func aFailedSaveLeavesNothingWritten(engine: Engine) async throws {
        try await engine.withEmptyStore { store in
            let pair = try CodingPair(store)
            let e0 = pair.slug(0)
            let chloe = pair.coding(e0, "coordination", "chloe", level: 2, consensus: true)
            _ = try pair.save([pair.coding(e0, "coordination", "ana", level: 1), chloe], by: "chloe", at: "2026-05-01T09:00:00Z")

            // A change, a consensus that replaces chloe's, then a fiche that does not exist.
            var unknownFiche = pair.coding(e0, "coordination", "ana", level: 0)
            unknownFiche.experience = "nulle-part"
            var unknownVersion = pair.coding(e0, "plus_value", "ana", level: 0)
            unknownVersion.codebookVersion = 99
            for failing in [unknownFiche, unknownVersion] {
                let batch = [
                    pair.coding(e0, "coordination", "ana", level: 2), pair.coding(e0, "coordination", "david", level: 0, consensus: true), failing
                ]
                for target in [pair.store, pair.reference] as [any CodingStore] {
                    let error = #expect(throws: StoreError.self) { try target.saveCodings(batch, actor: "david", at: "2026-05-02T09:00:00Z") }
                    guard case .database(let doing, _)? = error else {
                        Issue.record("expected a database error, got \(String(describing: error))")
                        continue
                    }
                    #expect(doing == "saving codings")
                }
            }
            #expect(try pair.same { try $0.codings() }.map(\.level) == [1, 2])
            #expect(try pair.same { try $0.codings() }.filter(\.consensus).map(\.coder) == ["chloe"])
            #expect(try pair.audit(e0, "coordination", "chloe").count == 1)
            #expect(try pair.audit(e0, "coordination", "david").isEmpty)
            try pair.expectSameState()
        }
    }

    /// Two servers saving at once must keep one consensus per fiche and criterion, and audit each
    /// change against what was there: every consensus inserted was replaced but the survivor's.
    @Test(arguments: Engine.available) func concurrentAdjudicatorsLeaveOneConsensus(engine: Engine) async throws {
        try await engine.withEmptyStore { store in
            let pair = try CodingPair(store)
            let e0 = pair.slug(0)
            let adjudicators = (0..<8).map { "adjudicator-\($0)" }
            let inserted = try ThreadedRun.together(adjudicators.count) { index in
                try (0..<6).reduce(0) { inserted, round in
                    let coding = pair.coding(e0, "coordination", adjudicators[index], level: round % 3, consensus: true)
                    return inserted + (try store.saveCodings([coding], actor: adjudicators[index], at: "2026-06-01T09:00:0\(round)Z")).inserted
                }
            }.reduce(0, +)
            let consensus = try store.codings().filter { $0.consensus && $0.criterion == "coordination" }
            #expect(consensus.count == 1)
            let audit = try adjudicators.flatMap { try store.codingAudit(experience: e0, criterion: "coordination", coder: $0) }
            let inserts = audit.filter { $0.before == nil }.count
            let replaced = audit.filter { $0.after.hasPrefix(#"{"replacedBy""#) }.count
            #expect(inserts == inserted && inserts - replaced == 1)
            for entry in audit where entry.after.hasPrefix(#"{"replacedBy""#) {
                #expect(try entry.before.map(CodingPair.decoded)?.consensus == true)
            }
        }
    }

    // MARK: Assignments

    @Test(arguments: Engine.available) func assignmentsAccumulateWithoutDuplicates(engine: Engine) async throws {
        try await engine.withEmptyStore { store in
            let pair = try CodingPair(store)
            let (e0, e1, e2) = (pair.slug(0), pair.slug(1), pair.slug(2))
            #expect(try pair.same { try $0.assignments() }.isEmpty)
            #expect(try pair.same { try $0.assign([e0, e1], to: ["ben", "Zoé"]) } == 4)
            #expect(try pair.same { try $0.assign([e0, e0], to: ["ben", "ana", "ana"]) } == 1)
            #expect(try pair.same { try $0.assign([], to: ["ana"]) } == 0)
            #expect(try pair.same { try $0.assign([e2], to: []) } == 0)
            // An unknown fiche fails the whole call: e2 is not assigned either.
            for target in [pair.store, pair.reference] as [any CodingStore] {
                #expect(throws: (any Error).self) { try target.assign([e2, "nulle-part"], to: ["ana"]) }
            }
            #expect(try pair.same { try $0.assignments() } == [e0: ["Zoé", "ana", "ben"], e1: ["Zoé", "ben"]])
        }
    }

    // MARK: The codebook

    @Test(arguments: Engine.available) func theLatestCodebookIsTheHighestVersionWithItsCriteriaInOrder(engine: Engine) async throws {
        try await engine.withEmptyStore { store in
            #expect(try store.latestCodebook() == nil)
            #expect(try store.currentCodebook() == nil)
            let pair = try CodingPair(store)
            #expect(try pair.same { try $0.latestCodebook() } == pair.codebook)
            let current = try #require(try store.currentCodebook())
            #expect(current.id == pair.codebook.id && current.version == 1 && current.levels == [0, 1, 2])
            #expect(current.criteria == pair.codebook.criteria.map(\.code))

            // Version 2 lists its criteria in another order, with one label changed.
            var next = pair.codebook
            next.version = 2
            next.criteria.reverse()
            next.criteria[0].label += " (révisé)"
            try pair.load(next)
            #expect(try pair.same { try $0.latestCodebook() } == next)
            #expect(try #require(try store.currentCodebook()).criteria == next.criteria.map(\.code))

            // A version without criteria reads back without criteria.
            var empty = next
            empty.version = 3
            empty.criteria = []
            try pair.load(empty)
            #expect(try pair.same { try $0.latestCodebook() } == empty)
            #expect(try #require(try store.currentCodebook()).version == 3)
            try pair.expectSameState()
        }
    }

    @Test(arguments: Engine.available) func codingsUnderAChangedDefinitionAreFlagged(engine: Engine) async throws {
        try await engine.withEmptyStore { store in
            let pair = try CodingPair(store)
            let (e0, e1) = (pair.slug(0), pair.slug(1))
            let underV1 = [
                pair.coding(e0, "coordination", "ana", level: 2), pair.coding(e0, "coordination", "chloe", level: 1, consensus: true),
                pair.coding(e0, "plus_value", "ana", level: 1), pair.coding(e1, "coordination", "ben", level: 0)
            ]
            _ = try pair.save(underV1, by: "ana", at: "2026-07-01T09:00:00Z")
            #expect(try pair.same { try $0.codingsUnderChangedDefinitions() }.isEmpty)

            // Version 2 rewrites an anchor of "coordination"; a coding made under it is up to date.
            var v2 = pair.codebook
            v2.version = 2
            let coordination = try #require(v2.criteria.firstIndex { $0.code == "coordination" })
            v2.criteria[coordination].anchors[2] = "Une coordination formalisée, reconnue et financée."
            try pair.load(v2)
            _ = try pair.save([pair.coding(e1, "coordination", "david", level: 2, version: 2)], by: "david", at: "2026-07-02T09:00:00Z")
            let flagged = ["\(e0)|coordination|ana|0", "\(e0)|coordination|chloe|1", "\(e1)|coordination|ben|0"]
            #expect(try pair.same { try $0.codingsUnderChangedDefinitions() } == Set(flagged))

            // Version 3 relabels "plus_value": v1's coding of it is flagged, v2's of "coordination" is not.
            var v3 = v2
            v3.version = 3
            let plusValue = try #require(v3.criteria.firstIndex { $0.code == "plus_value" })
            v3.criteria[plusValue].label += " (révisé)"
            try pair.load(v3)
            #expect(try pair.same { try $0.codingsUnderChangedDefinitions() } == Set(flagged + ["\(e0)|plus_value|ana|0"]))
            try pair.expectSameState()
        }
    }
}

/// A seeded store beside a seeded SQLite reference: the calls run on both, and their answers must agree.
struct CodingPair: Sendable {
    let store: any FabriqueStore
    let reference: AppDatabase
    let bundle: SeedBundle
    let codebook: Codebook

    /// Loads `SeedLoadTests.bundle()` into `store` and into a new in-memory reference.
    init(_ store: any FabriqueStore) throws {
        self.store = store
        reference = try AppDatabase.inMemory()
        bundle = try SeedLoadTests.bundle()
        codebook = try #require(bundle.codebook)
        #expect(try store.loadSeeds(bundle) == (try reference.loadSeeds(bundle)))
    }

    /// The slug of the seed's `index`th experience.
    func slug(_ index: Int) -> String { bundle.experiences[index].slug }

    /// A coding of the seed codebook (version 1 unless told).
    func coding(
        _ experience: String, _ criterion: String, _ coder: String, level: Int, consensus: Bool = false, memo: String = "",
        excerpts: [Excerpt] = [], version: Int = 1
    ) -> Coding {
        Coding(
            experience: experience, criterion: criterion, coder: coder, consensus: consensus, codebookId: codebook.id,
            codebookVersion: version, level: level, memo: memo, excerpts: excerpts)
    }

    /// Runs `call` on both, expects the same answer and returns the store's.
    @discardableResult
    func same<T: Equatable>(_ call: (any CodingStore) throws -> T, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> T {
        let answer = try call(store)
        #expect(answer == (try call(reference)), sourceLocation: sourceLocation)
        return answer
    }

    /// Saves on both; the counts must agree.
    func save(_ codings: [Coding], by actor: String, at time: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws
        -> SeedReport.Counts
    {
        try same({ try $0.saveCodings(codings, actor: actor, at: time) }, sourceLocation: sourceLocation)
    }

    /// Loads another codebook version on both.
    func load(_ next: Codebook) throws {
        var seeds = bundle
        seeds.codebook = next
        seeds.codebookSource = bundle.codebookSource + "\n# version \(next.version)"
        #expect(try store.loadSeeds(seeds) == (try reference.loadSeeds(seeds)))
    }

    /// The audit of one coder's codings of a fiche and criterion; the two logs must agree, texts included.
    func audit(_ experience: String, _ criterion: String, _ coder: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws
        -> [AuditEntry]
    {
        try same(
            { try $0.codingAudit(experience: experience, criterion: criterion, coder: coder).map(AuditEntry.init) },
            sourceLocation: sourceLocation)
    }

    /// Everything the coding store answers must agree: codings, assignments, flags, the codebook,
    /// and the audit of every coder on every fiche and criterion coded.
    func expectSameState(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let codings = try same({ try $0.codings() }, sourceLocation: sourceLocation)
        try same({ try $0.assignments() }, sourceLocation: sourceLocation)
        try same({ try $0.codingsUnderChangedDefinitions() }, sourceLocation: sourceLocation)
        try same({ try $0.latestCodebook() }, sourceLocation: sourceLocation)
        try same({ try $0.currentCodebook().map { "\($0.id) \($0.version) \($0.criteria) \($0.levels)" } }, sourceLocation: sourceLocation)
        let coders = Set(codings.map(\.coder) + ["chloe", "david", "emma", "farid"])
        for fiche in Set(codings.map { [$0.experience, $0.criterion] }) {
            for coder in coders { try audit(fiche[0], fiche[1], coder, sourceLocation: sourceLocation) }
        }
    }

    /// SQLite's order of `codings()`: experience, criterion, consensus, coder, text in byte order.
    static func storeOrder(_ a: Coding, _ b: Coding) -> Bool {
        func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
        if a.experience != b.experience { return bytes(a.experience).lexicographicallyPrecedes(bytes(b.experience)) }
        if a.criterion != b.criterion { return bytes(a.criterion).lexicographicallyPrecedes(bytes(b.criterion)) }
        if a.consensus != b.consensus { return !a.consensus }
        return bytes(a.coder).lexicographicallyPrecedes(bytes(b.coder))
    }

    /// A coding read back from an audit text.
    static func decoded(_ json: String) throws -> Coding {
        try JSONDecoder().decode(Coding.self, from: Data(json.utf8))
    }
}

/// Work run on several threads at once, as several servers would: what each returned or threw.
final class ThreadedRun<Value: Sendable>: Sendable {
    private let outcomes = Mutex<[Int: Result<Value, any Error>]>([:])

    /// Runs `work(0)` … `work(count - 1)` each on its own thread, all at once; their results in
    /// order, or the first error.
    static func together(_ count: Int, _ work: @escaping @Sendable (Int) throws -> Value) throws -> [Value] {
        let run = ThreadedRun()
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            Thread.detachNewThread {
                let outcome = Result { try work(index) }
                run.outcomes.withLock { $0[index] = outcome }
                group.leave()
            }
        }
        group.wait()
        return try run.outcomes.withLock { outcomes in try (0..<count).map { try outcomes[$0]!.get() } }
    }
}

/// One entry of `codingAudit`, comparable.
struct AuditEntry: Equatable {
    let actor: String
    let at: String
    let before: String?
    let after: String

    init(_ entry: (actor: String, at: String, before: String?, after: String)) {
        actor = entry.actor
        at = entry.at
        before = entry.before
        after = entry.after
    }
}

extension SeedReport.Counts {
    /// Counts written out.
    static func counts(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0) -> Self {
        var counts = Self()
        (counts.inserted, counts.updated, counts.unchanged) = (inserted, updated, unchanged)
        return counts
    }
}
