import Foundation

/// A length of time a kind of personal data is kept, such as `90 days` or `2 years`.
public struct RetentionPeriod: Sendable, Hashable, CustomStringConvertible {
    /// The unit of a period.
    public enum Unit: String, Sendable, Hashable, CaseIterable {
        case days, months, years
    }

    /// How many units (at least 1).
    public var amount: Int
    public var unit: Unit

    /// Creates a period.
    public init(amount: Int, unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    /// Reads `90 days`, `1 year`, `6 months` (singular or plural); nil when the text is not such a period.
    public init?(parsing text: String) {
        let words = text.split(whereSeparator: \.isWhitespace)
        guard words.count == 2, let amount = Int(words[0]), amount > 0 else { return nil }
        let name = words[1].lowercased()
        guard let unit = Unit.allCases.first(where: { $0.rawValue == name || $0.rawValue.dropLast() == name }) else { return nil }
        self.init(amount: amount, unit: unit)
    }

    public var description: String { "\(amount) \(amount == 1 ? String(unit.rawValue.dropLast()) : unit.rawValue)" }

    /// The moment `self` before `date`, in UTC's calendar (a month back from 31 March is the last day of February).
    public func cutoff(before date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let component: Calendar.Component =
            switch unit {
            case .days: .day
            case .months: .month
            case .years: .year
            }
        return calendar.date(byAdding: component, value: -amount, to: date) ?? date
    }
}

/// How long a survey keeps each kind of personal data (the survey file's `retention:` block).
/// A kind without a period is kept until it is erased by hand.
public struct RetentionPolicy: Sendable, Hashable {
    /// Unsent drafts, counted from their last save.
    public var drafts: RetentionPeriod?
    /// Unused invitations, counted from their creation.
    public var invitations: RetentionPeriod?
    /// Contacts with no live invitation, counted from the survey's last activity.
    public var contacts: RetentionPeriod?
    /// The before/after values of the edit log (the entries stay, tombstoned).
    public var auditDetails: RetentionPeriod?

    /// Creates a policy.
    public init(
        drafts: RetentionPeriod? = nil, invitations: RetentionPeriod? = nil, contacts: RetentionPeriod? = nil,
        auditDetails: RetentionPeriod? = nil
    ) {
        self.drafts = drafts
        self.invitations = invitations
        self.contacts = contacts
        self.auditDetails = auditDetails
    }

    /// The YAML keys of the block, in the order the documentation gives them.
    public static let keys = ["drafts", "invitations", "contacts", "audit_details"]
}
