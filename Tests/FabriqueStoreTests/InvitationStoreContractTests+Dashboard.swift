import FabriqueCore
import FabriqueTestSupport
import Testing

@testable import FabriqueStore

/// The dashboard's counts and the closing of a survey, on every engine, against the SQLite reference.
extension InvitationStoreContractTests {
    // MARK: Dashboard

    @Test(arguments: Engine.available) func dashboardCountsInvitationsByRegionAndApproachAsSQLiteDoes(engine: Engine) async throws {
        try await Self.withStores(engine) { store, reference in
            for regions in [nil, ["44", "11"], ["84"], [], ["99"]] as [[String]?] {
                for survey in [Scenario.survey, "absente"] {
                    #expect(
                        try store.invitationCountsByRegion(surveyId: survey, regions: regions)
                            == (try reference.invitationCountsByRegion(surveyId: survey, regions: regions)), "\(regions ?? [])")
                    #expect(
                        try store.invitationCountsByApproach(surveyId: survey, regions: regions)
                            == (try reference.invitationCountsByApproach(surveyId: survey, regions: regions)), "\(regions ?? [])")
                }
            }
            // Open respondents count apart; a contact without a region sorts last, and one without
            // approaches (Léa: only spaces) under no approach.
            let byRegion = try store.invitationCountsByRegion(surveyId: Scenario.survey, regions: nil)
            #expect(byRegion.map(\.key) == ["11", "44", "84", nil])
            #expect(byRegion.map(\.invited) == [1, 2, 3, 1] && byRegion.map(\.drafts) == [0, 1, 0, 1])
            #expect(byRegion.map(\.submitted) == [0, 1, 1, 0])
            let byApproach = try store.invitationCountsByApproach(surveyId: Scenario.survey, regions: nil)
            #expect(byApproach.map(\.key) == ["asv", "cls", "clsm", nil])
            #expect(byApproach.map(\.invited) == [3, 3, 2, 1] && byApproach.map(\.drafts) == [1, 0, 1, 0])
            #expect(byApproach.map(\.submitted) == [1, 2, 1, 0])
            #expect(try store.invitationCountsByRegion(surveyId: Scenario.survey, regions: ["44", "11"]).map(\.key) == ["11", "44"])
            #expect(try store.invitationCountsByRegion(surveyId: Scenario.survey, regions: []).isEmpty)
            let scoped = try store.invitationCountsByApproach(surveyId: Scenario.survey, regions: ["84"])
            #expect(scoped.map(\.key) == ["asv", "cls", "clsm"] && scoped.map(\.invited) == [1, 2, 1] && scoped.map(\.submitted) == [0, 1, 1])
            let open = try store.openLinkCounts(surveyId: Scenario.survey)
            #expect(open.started == 2 && open.submitted == 1)
        }
    }

    @Test(arguments: Engine.available) func nonRespondentsAreTheInvitedWhoHaveNotSubmittedInSQLitesOrder(engine: Engine) async throws {
        try await Self.withStores(engine) { store, reference in
            let filters: [(String?, [String]?)] = [(nil, nil), ("84", nil), (nil, ["44", "84"]), ("84", ["44"]), (nil, []), ("11", ["11"])]
            for (region, regions) in filters {
                #expect(
                    try store.nonRespondents(surveyId: Scenario.survey, region: region, regions: regions)
                        == (try reference.nonRespondents(surveyId: Scenario.survey, region: region, regions: regions)),
                    "\(region ?? "-") \(regions ?? [])")
            }
            let all = try store.nonRespondents(surveyId: Scenario.survey, region: nil, regions: nil)
            #expect(
                all.map(\.contact.email) == [
                    "sans.region@example.fr", "lea@example.fr", "zoe@example.fr", "_martin@example.fr", "B.martin@example.fr"
                ])
            #expect(all.allSatisfy { $0.invitedAt == Scenario.invitedAt })
            #expect(all.map(\.draftUpdatedAt) == ["2026-02-03T08:00:00Z", nil, "2026-02-02T08:00:00Z", nil, nil])
            #expect(all[4].contact == Scenario.contacts[1])
            #expect(try store.nonRespondents(surveyId: Scenario.survey, region: nil, regions: ["44", "84"]).count == 3)
            #expect(try store.nonRespondents(surveyId: Scenario.survey, region: "84", regions: ["44"]).isEmpty)
            #expect(try store.nonRespondents(surveyId: "absente", region: nil, regions: nil).isEmpty)
        }
    }

    // MARK: Closing

    @Test(arguments: Engine.available) func closingAndReopeningASurveyAreReported(engine: Engine) async throws {
        try await Self.withStores(engine) { store, reference in
            var reports: [[ClosingReport]] = []
            var closings: [[SurveyClosing?]] = []
            var reopened: [[Bool]] = []
            for target in [store, reference as any FabriqueStore] {
                var closing = [try target.surveyClosing(id: Scenario.survey)]
                var report = [try target.closeSurvey(id: Scenario.survey, at: "2026-03-01T08:00:00Z", unlink: false, actor: "admin")]
                closing.append(try target.surveyClosing(id: Scenario.survey))
                // Closing again keeps the first closing's time.
                report.append(try target.closeSurvey(id: Scenario.survey, at: "2026-03-05T08:00:00Z", unlink: false, actor: "admin"))
                closing.append(try target.surveyClosing(id: Scenario.survey))
                reopened.append([try target.reopenSurvey(id: Scenario.survey), try target.reopenSurvey(id: Scenario.survey)])
                closing.append(try target.surveyClosing(id: Scenario.survey))
                #expect(throws: StoreError.unknownSurvey("absente")) { try target.closeSurvey(id: "absente", at: "x", unlink: true, actor: "a") }
                #expect(throws: StoreError.unknownSurvey("absente")) { try target.reopenSurvey(id: "absente") }
                closing.append(try target.surveyClosing(id: "absente"))
                // A reopened survey closes anew, at the new time.
                report.append(try target.closeSurvey(id: Scenario.survey, at: "2026-03-07T08:00:00Z", unlink: false, actor: "admin"))
                closing.append(try target.surveyClosing(id: Scenario.survey))
                reports.append(report)
                closings.append(closing)
            }
            #expect(reports[0] == reports[1] && closings[0] == closings[1] && reopened[0] == reopened[1])
            #expect(reports[0] == [ClosingReport(wasOpen: true), ClosingReport(wasOpen: false), ClosingReport(wasOpen: true)])
            let closed = SurveyClosing(closedAt: "2026-03-01T08:00:00Z", unlinkedAt: nil)
            let open = SurveyClosing(closedAt: nil, unlinkedAt: nil)
            #expect(closings[0] == [nil, closed, closed, open, nil, SurveyClosing(closedAt: "2026-03-07T08:00:00Z", unlinkedAt: nil)])
            #expect(reopened[0] == [true, false])
            #expect(try StoreSQL.rows(store, "SELECT kind FROM erasure_log").isEmpty)
        }
    }

    @Test(arguments: Engine.available) func unlinkingSeversPeopleFromResponsesKeepsRatesAndIsLogged(engine: Engine) async throws {
        try await Self.withStores(engine) { store, reference in
            let regionsBefore = try store.invitationCountsByRegion(surveyId: Scenario.survey, regions: nil)
            let approachesBefore = try store.invitationCountsByApproach(surveyId: Scenario.survey, regions: nil)
            let closedAt = "2026-03-01T08:00:00Z"
            let report = try store.closeSurvey(id: Scenario.survey, at: closedAt, unlink: true, actor: "admin")
            #expect(report == (try reference.closeSurvey(id: Scenario.survey, at: closedAt, unlink: true, actor: "admin")))
            // Seven contacts' links, three responses (one open), three drafts (one open).
            #expect(report == ClosingReport(wasOpen: true, invitationsUnlinked: 7, responsesUnlinked: 3, draftsDeleted: 3))
            #expect(try store.surveyClosing(id: Scenario.survey) == SurveyClosing(closedAt: closedAt, unlinkedAt: closedAt))

            let invitations = try StoreSQL.invitations(store)
            #expect(invitations == (try StoreSQL.invitations(reference)))
            #expect(invitations.allSatisfy { $0[2] == "unlinked" && $0[3] == nil && $0[4] == nil && $0[5] == nil && $0[6] == nil })
            let zoe = try #require(invitations.first { $0[0] == Scenario.token("zoe@example.fr") })
            #expect(zoe[9] == "44" && zoe[10] == " clsm ")
            #expect(invitations.first { $0[0] == Scenario.token("sans.region@example.fr") }?[9] == nil)
            #expect(try store.receipt(receiptSHA256: "r-camille")?.submittedAt == "2026-02-05T08:00:00Z")

            // Rates stay computable, drafts aside; nobody is tied to a link any more.
            var expected = regionsBefore
            for index in expected.indices { expected[index].drafts = 0 }
            #expect(try store.invitationCountsByRegion(surveyId: Scenario.survey, regions: nil) == expected)
            #expect(try store.invitationCountsByApproach(surveyId: Scenario.survey, regions: nil).map(\.invited) == approachesBefore.map(\.invited))
            #expect(
                try store.invitationCountsByApproach(surveyId: Scenario.survey, regions: nil)
                    == (try reference.invitationCountsByApproach(surveyId: Scenario.survey, regions: nil)))
            #expect(try store.nonRespondents(surveyId: Scenario.survey, region: nil, regions: nil).isEmpty)
            #expect(try store.contactsToInvite(surveyId: Scenario.survey, region: nil, reissue: false).map(\.email) == Scenario.orderedEmails)

            let log = "SELECT at, actor, kind, survey_id, reason, counts_json FROM erasure_log"
            #expect(try StoreSQL.rows(store, log) == (try StoreSQL.rows(reference, log)))
            #expect(
                try StoreSQL.rows(store, log) == [
                    [closedAt, "admin", "unlink", Scenario.survey, "survey closed with --unlink", #"{"drafts":3,"invitations":7,"responses":3}"#]
                ])
            // Reopening opens the links again, without relinking anyone.
            #expect(try store.reopenSurvey(id: Scenario.survey))
            let reopened = try #require(try store.invitation(tokenSHA256: Scenario.token("zoe@example.fr")))
            #expect(!reopened.surveyClosed && reopened.contactName == nil && reopened.draft.isEmpty)
        }
    }
}
