import FabriqueCore
import FabriqueStore
import Foundation

/// The dashboard's RGPD block: the survey's closing, and how many items its retention periods make
/// due for purge now (the same computation as `fabrique purge --dry-run`, every survey's periods
/// taken into account since a contact may be invited to several).
struct PrivacyStatus {
    let database: any FabriqueStore
    let catalog: SurveyCatalog

    /// The labels of each kind of data, with the period shown after them.
    static let labels: [RetentionKind: String] = [
        .drafts: "Brouillons non envoyés", .invitations: "Invitations non utilisées",
        .contacts: "Contacts sans invitation en cours", .auditDetails: "Détails du journal des modifications"
    ]

    /// The block for one survey.
    func view(surveyId: String, now: Date = Date()) throws -> PrivacyStatusView {
        var policies: [String: RetentionPolicy] = [:]
        for id in try database.surveyIds() {
            if let policy = try catalog.entry(surveyId: id).survey.retention { policies[id] = policy }
        }
        let closedLabel = try database.surveyClosing(id: surveyId)?.closedAt.map { "Enquête close le \(WebClock.french($0))" }
        guard let policy = policies[surveyId] else { return PrivacyStatusView(closedLabel: closedLabel, hasRetention: false, due: []) }
        let counts = try database.retentionDue(policies: policies, now: now).filter { $0.surveyId == surveyId }
        let periods: [(RetentionKind, RetentionPeriod?)] = [
            (.drafts, policy.drafts), (.invitations, policy.invitations),
            (.contacts, policy.contacts), (.auditDetails, policy.auditDetails)
        ]
        let due = periods.compactMap { kind, period -> PurgeDueRowView? in
            guard let period else { return nil }
            return PurgeDueRowView(
                label: "\(Self.labels[kind] ?? kind.rawValue) (durée de conservation : \(Self.french(period)))",
                count: counts.filter { $0.kind == kind }.map(\.count).reduce(0, +))
        }
        return PrivacyStatusView(closedLabel: closedLabel, hasRetention: true, due: due)
    }

    /// "90 jours", "6 mois", "1 an", "2 ans".
    static func french(_ period: RetentionPeriod) -> String {
        switch period.unit {
        case .days: "\(period.amount) jour\(period.amount == 1 ? "" : "s")"
        case .months: "\(period.amount) mois"
        case .years: "\(period.amount) an\(period.amount == 1 ? "" : "s")"
        }
    }
}
