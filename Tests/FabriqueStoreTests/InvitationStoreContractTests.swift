import FabriqueCore
import FabriqueTestSupport
import Foundation
import Testing

@testable import FabriqueStore

/// The contract of contacts, invitations, the dashboard and survey closing, run on every engine
/// (`Engine.available`). Each test builds `InvitationScenario` on the engine's store and on an
/// SQLite reference (`AppDatabase.inMemory()`), compares their answers, and pins the answers
/// themselves, so that the same mistake on both engines fails too.
struct InvitationStoreContractTests {
    typealias Scenario = InvitationScenario

    /// Runs `body` with the engine's store and an SQLite reference, both seeded, the scenario built
    /// on both when `scenario` is true.
    static func withStores(_ engine: Engine, scenario: Bool = true, _ body: (any FabriqueStore, AppDatabase) throws -> Void) async throws {
        let bundle = try SeedLoadTests.bundle()
        let reference = try AppDatabase.inMemory()
        _ = try reference.loadSeeds(bundle)
        if scenario { try Scenario.build(on: reference) }
        try await engine.withEmptyStore { store in
            _ = try store.loadSeeds(bundle)
            if scenario { try Scenario.build(on: store) }
            try body(store, reference)
        }
    }

    /// An invitation without its row id: PostgreSQL's identity skips the values an upsert drew.
    static func content(_ invitation: Invitation?) -> Invitation? {
        invitation.map {
            var invitation = $0
            invitation.id = 0
            return invitation
        }
    }

    // MARK: Contacts

    @Test(arguments: Engine.available) func contactsAreKeyedOnTheirEmailWhateverItsCaseAndListedInSQLitesOrder(engine: Engine) async throws {
        try await Self.withStores(engine, scenario: false) { store, reference in
            for target in [store, reference as any FabriqueStore] {
                let first = try target.saveContacts(Scenario.contacts)
                #expect(first.inserted == 8 && first.updated == 0)
                // A known address in another case updates its contact, whose stored spelling stays.
                let moved = Contact(
                    email: "CAMILLE.Durand@Example.FR", name: "Camille Durand-Petit", organisation: "Métropole", role: "cheffe de projet",
                    regionCode: "44", departementCode: "67", approaches: ["asv"])
                let update = try target.saveContacts([moved])
                #expect(update.inserted == 0 && update.updated == 1)
                // An address given twice in one batch is inserted, then updated.
                let twice = try target.saveContacts([
                    Contact(email: "nouveau@example.fr", name: "N1"), Contact(email: "NOUVEAU@example.fr", name: "N2")
                ])
                #expect(twice.inserted == 1 && twice.updated == 1)
            }
            let all = try store.contacts(region: nil)
            #expect(all == (try reference.contacts(region: nil)))
            #expect(
                all.map(\.email) == [
                    "nouveau@example.fr", "sans.region@example.fr", "lea@example.fr", "camille.durand@example.fr", "zoe@example.fr",
                    "emilie@example.fr", "_martin@example.fr", "a.martin@example.fr", "B.martin@example.fr"
                ])
            #expect(all[0].name == "N2" && all[0].regionCode == nil)
            #expect(
                all[3]
                    == Contact(
                        email: "camille.durand@example.fr", name: "Camille Durand-Petit", organisation: "Métropole", role: "cheffe de projet",
                        regionCode: "44", departementCode: "67", approaches: ["asv"]))
            // Approaches are read back as words: stray spaces leave none empty.
            #expect(all.first { $0.email == "zoe@example.fr" }?.approaches == ["clsm"])
            #expect(all.first { $0.email == "lea@example.fr" }?.approaches == [])
            for region in ["84", "44", "99"] {
                #expect(try store.contacts(region: region) == (try reference.contacts(region: region)))
            }
            #expect(
                try store.contacts(region: "84").map(\.email) == ["_martin@example.fr", "a.martin@example.fr", "B.martin@example.fr"])
            #expect(try store.contacts(region: "99").isEmpty)
        }
    }

    @Test(arguments: Engine.available) func contactsToInviteLeaveOutTheInvitedAndReissueOnlyUnusedLinks(engine: Engine) async throws {
        try await Self.withStores(engine) { store, reference in
            let cases: [(survey: String, region: String?, reissue: Bool)] = [
                (Scenario.survey, nil, false), (Scenario.survey, nil, true), (Scenario.survey, "84", true), (Scenario.survey, "44", false),
                ("absente", nil, false)
            ]
            var found: [[String]] = []
            for (survey, region, reissue) in cases {
                let contacts = try store.contactsToInvite(surveyId: survey, region: region, reissue: reissue)
                #expect(
                    contacts == (try reference.contactsToInvite(surveyId: survey, region: region, reissue: reissue)), "\(survey) \(region ?? "-")")
                found.append(contacts.map(\.email))
            }
            #expect(
                found == [
                    ["a.martin@example.fr"],
                    [
                        "sans.region@example.fr", "lea@example.fr", "zoe@example.fr", "_martin@example.fr", "a.martin@example.fr",
                        "B.martin@example.fr"
                    ],
                    ["_martin@example.fr", "a.martin@example.fr", "B.martin@example.fr"],
                    [],
                    Scenario.orderedEmails
                ])
        }
    }

    // MARK: Invitations

    @Test(arguments: Engine.available) func personalInvitationsReissueUnusedLinksAndNeverTouchUsedOnes(engine: Engine) async throws {
        try await Self.withStores(engine) { store, reference in
            let zoe = try #require(try store.invitation(tokenSHA256: Scenario.token("zoe@example.fr")))
            #expect(Self.content(zoe) == Self.content(try reference.invitation(tokenSHA256: Scenario.token("zoe@example.fr"))))
            #expect(
                Self.content(zoe)
                    == Invitation(
                        id: 0, surveyId: Scenario.survey, kind: "personal", contactName: "Zoé Bernard",
                        draft: ["actions": "brouillon de zoe@example.fr"],
                        draftPage: 2, submittedAt: nil, surveyClosed: false))
            let camille = try #require(try store.invitation(tokenSHA256: Scenario.token("camille.durand@example.fr")))
            #expect(camille.submittedAt == "2026-02-05T08:00:00Z" && camille.draft.isEmpty && camille.contactName == "Camille Durand")
            #expect(try store.invitation(tokenSHA256: "t-personne") == nil)

            let reissuedAt = "2026-03-02T08:00:00Z"
            for target in [store, reference as any FabriqueStore] {
                try StoreSQL.execute(
                    target, "UPDATE invitation SET expired_at = ? WHERE token_sha256 = ?", ["2026-03-01", Scenario.token("zoe@example.fr")])
                // The contact is found whatever the case of the address.
                try target.saveInvitations(
                    surveyId: Scenario.survey,
                    [
                        NewInvitation(contactEmail: "ZOE@example.fr", tokenSHA256: "t2-zoe"),
                        NewInvitation(contactEmail: "camille.durand@example.fr", tokenSHA256: "t2-camille")
                    ], at: reissuedAt)
                #expect(throws: StoreError.unknownSurvey("absente")) {
                    try target.saveInvitations(surveyId: "absente", [NewInvitation(contactEmail: "zoe@example.fr", tokenSHA256: "x")], at: reissuedAt)
                }
                // A failing invitation leaves none of its batch: a.martin stays uninvited.
                #expect(throws: StoreError.database(doing: "inviting personne@example.fr", reason: "no such contact")) {
                    try target.saveInvitations(
                        surveyId: Scenario.survey,
                        [
                            NewInvitation(contactEmail: "a.martin@example.fr", tokenSHA256: "t-a"),
                            NewInvitation(contactEmail: "personne@example.fr", tokenSHA256: "t-p")
                        ], at: reissuedAt)
                }
                // A token already given to another link is refused by the unique column.
                let clash = #expect(throws: StoreError.self) {
                    try target.saveInvitations(
                        surveyId: Scenario.survey, [NewInvitation(contactEmail: "a.martin@example.fr", tokenSHA256: "open-1")], at: reissuedAt)
                }
                if case .database(let doing, _) = clash {
                    #expect(doing == "saving invitations")
                } else {
                    Issue.record("\(String(describing: clash))")
                }
                #expect(try target.contactsToInvite(surveyId: Scenario.survey, region: nil, reissue: false).map(\.email) == ["a.martin@example.fr"])
            }
            // The unused link moved to the new token, keeping its row and its draft; the used one stayed.
            #expect(try store.invitation(tokenSHA256: Scenario.token("zoe@example.fr")) == nil)
            let reissued = try #require(try store.invitation(tokenSHA256: "t2-zoe"))
            #expect(reissued.id == zoe.id && reissued.draft == zoe.draft)
            #expect(try store.invitation(tokenSHA256: Scenario.token("camille.durand@example.fr"))?.id == camille.id)
            #expect(try store.invitation(tokenSHA256: "t2-camille") == nil)
            let pending = try store.nonRespondents(surveyId: Scenario.survey, region: "44", regions: nil)
            #expect(pending.map(\.invitedAt) == [reissuedAt])
            #expect(try StoreSQL.invitations(store) == (try StoreSQL.invitations(reference)))
            #expect(try StoreSQL.rows(store, "SELECT expired_at FROM invitation WHERE token_sha256 = 't2-zoe'") == [[nil]])
        }
    }

    @Test(arguments: Engine.available) func openLinksStartAnonymousRespondentsOncePerToken(engine: Engine) async throws {
        try await Self.withStores(engine) { store, reference in
            #expect(try store.openLinkSurvey(tokenSHA256: "open-link") == Scenario.survey)
            #expect(try store.openLinkSurvey(tokenSHA256: "t-personne") == nil)
            let started = try #require(try store.invitation(tokenSHA256: "open-2"))
            #expect(Self.content(started) == Self.content(try reference.invitation(tokenSHA256: "open-2")))
            #expect(started.kind == "open" && started.contactName == nil && started.draft == ["actions": "anonyme"] && started.draftPage == 0)
            #expect(try store.openLinkCounts(surveyId: Scenario.survey) == (2, 1))
            for target in [store, reference as any FabriqueStore] {
                try target.saveOpenLink(surveyId: Scenario.survey, tokenSHA256: "open-link-2", at: "2026-03-01T08:00:00Z")
                #expect(try target.openLinkSurvey(tokenSHA256: "open-link") == nil)
                #expect(try target.openLinkSurvey(tokenSHA256: "open-link-2") == Scenario.survey)
                // A token opens one respondent at most, open or personal.
                for token in ["open-1", Scenario.token("zoe@example.fr")] {
                    let error = #expect(throws: StoreError.self) {
                        try target.startOpenInvitation(surveyId: Scenario.survey, tokenSHA256: token, at: "2026-03-01T09:00:00Z")
                    }
                    if case .database(let doing, _) = error { #expect(doing == "starting an open response") } else { Issue.record("\(token)") }
                }
                #expect(throws: StoreError.self) { try target.saveOpenLink(surveyId: "absente", tokenSHA256: "x", at: "2026-03-01T09:00:00Z") }
                #expect(throws: StoreError.self) { try target.startOpenInvitation(surveyId: "absente", tokenSHA256: "y", at: "2026-03-01T09:00:00Z") }
                try target.startOpenInvitation(surveyId: Scenario.survey, tokenSHA256: "open-3", at: "2026-03-01T09:00:00Z")
            }
            #expect(try store.openLinkCounts(surveyId: Scenario.survey) == (3, 1))
            #expect(try store.openLinkCounts(surveyId: "absente") == (0, 0))
            #expect(try StoreSQL.invitations(store) == (try StoreSQL.invitations(reference)))
        }
    }

    @Test(arguments: Engine.available) func draftsAreSavedUntilTheLinkIsUsedOrTheSurveyClosesAndReceiptsAreKept(engine: Engine) async throws {
        try await Self.withStores(engine) { store, reference in
            let draft = ["actions": "« guillemets » \"doubles\" \\ 🚀\nligne 2", "partenaires": "3"]
            var answers: [[Bool]] = []
            for target in [store, reference as any FabriqueStore] {
                let zoe = try #require(try target.invitation(tokenSHA256: Scenario.token("zoe@example.fr"))).id
                let camille = try #require(try target.invitation(tokenSHA256: Scenario.token("camille.durand@example.fr"))).id
                var saved = [try target.saveDraft(invitationId: zoe, draft: draft, page: 3, at: "2026-03-01T08:00:00Z")]
                saved.append(try target.saveDraft(invitationId: 999_999, draft: draft, page: 0, at: "2026-03-01T08:00:00Z"))
                saved.append(try target.saveDraft(invitationId: camille, draft: draft, page: 0, at: "2026-03-01T08:00:00Z"))
                _ = try target.closeSurvey(id: Scenario.survey, at: "2026-03-02T08:00:00Z", unlink: false, actor: "admin")
                #expect(try target.invitation(tokenSHA256: Scenario.token("zoe@example.fr"))?.surveyClosed == true)
                saved.append(try target.saveDraft(invitationId: zoe, draft: [:], page: 0, at: "2026-03-03T08:00:00Z"))
                #expect(try target.reopenSurvey(id: Scenario.survey))
                #expect(try target.invitation(tokenSHA256: Scenario.token("zoe@example.fr"))?.surveyClosed == false)
                saved.append(try target.saveDraft(invitationId: zoe, draft: draft, page: 4, at: "2026-03-04T08:00:00Z"))
                answers.append(saved)
            }
            #expect(answers[0] == [true, false, false, false, true])
            #expect(answers[0] == answers[1])
            let zoe = try #require(try store.invitation(tokenSHA256: Scenario.token("zoe@example.fr")))
            #expect(zoe.draft == draft && zoe.draftPage == 4)
            #expect(Self.content(zoe) == Self.content(try reference.invitation(tokenSHA256: Scenario.token("zoe@example.fr"))))
            #expect(try store.invitation(tokenSHA256: Scenario.token("camille.durand@example.fr"))?.draft == [:])
            #expect(try StoreSQL.invitations(store) == (try StoreSQL.invitations(reference)))

            let receipt = try #require(try store.receipt(receiptSHA256: "r-camille"))
            #expect(receipt.surveyId == Scenario.survey && receipt.submittedAt == "2026-02-05T08:00:00Z")
            #expect(try store.receipt(receiptSHA256: "r-open-1")?.surveyId == Scenario.survey)
            #expect(try store.receipt(receiptSHA256: "r-personne") == nil)
        }
    }
}
