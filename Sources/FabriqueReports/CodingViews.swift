import FabriqueCore

/// A fiche's level on a criterion as reports use it: the consensus where there is one, else the
/// level its coders agree on, else a single coding (flagged), else unresolved.
public struct ResolvedLevel: Sendable, Equatable {
    /// `unresolved`: coders disagree and no consensus is set; `uncoded`: nobody coded it yet.
    public enum Source: String, Sendable { case consensus, agreed, single, unresolved, uncoded }
    public var level: Int?
    public var source: Source
    /// Quotes that justify the level (from the consensus, or from the codings that agree).
    public var excerpts: [Excerpt]
}

/// Views of the codings for reports: criteria profiles, co-occurrence of criteria, and queries such
/// as "fiches of region R meeting criterion C at level ≥ 2".
public struct CodingViews: Sendable {
    public let criteria: [String]
    private let groups: [String: [Coding]]

    /// Prepares views over codings (already filtered by the blind rule).
    public init(codings: [Coding], criteria: [String]) {
        self.criteria = criteria
        groups = Dictionary(grouping: codings, by: { "\($0.experience)\u{1F}\($0.criterion)" })
    }

    /// The level of one fiche on one criterion.
    public func level(_ experience: String, _ criterion: String) -> ResolvedLevel {
        let group = groups["\(experience)\u{1F}\(criterion)"] ?? []
        if let consensus = group.first(where: \.consensus) {
            return ResolvedLevel(level: consensus.level, source: .consensus, excerpts: consensus.excerpts)
        }
        switch group.count {
        case 0: return ResolvedLevel(level: nil, source: .uncoded, excerpts: [])
        case 1: return ResolvedLevel(level: group[0].level, source: .single, excerpts: group[0].excerpts)
        default:
            guard Set(group.map(\.level)).count == 1 else { return ResolvedLevel(level: nil, source: .unresolved, excerpts: []) }
            return ResolvedLevel(level: group[0].level, source: .agreed, excerpts: group.flatMap(\.excerpts))
        }
    }

    /// The criteria profile of a fiche, in codebook order.
    public func profile(_ experience: String) -> [(criterion: String, level: ResolvedLevel)] {
        criteria.map { ($0, level(experience, $0)) }
    }

    /// How many of the fiches meet both criteria at `minimum` or above (the diagonal: each alone).
    public func cooccurrence(_ experiences: [String], minimum: Int = 2) -> [[Int]] {
        let meets = experiences.map { e in criteria.map { (level(e, $0).level ?? -1) >= minimum } }
        return criteria.indices.map { i in criteria.indices.map { j in meets.filter { $0[i] && $0[j] }.count } }
    }

    /// The fiches (among `experiences`) meeting a criterion at `minimum` or above.
    public func meeting(_ criterion: String, minimum: Int, among experiences: [String]) -> [String] {
        experiences.filter { (level($0, criterion).level ?? -1) >= minimum }
    }
}
