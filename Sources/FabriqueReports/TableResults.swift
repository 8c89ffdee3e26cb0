/// A category of a frequency or multi-select table.
public struct CategoryCount: Sendable, Equatable {
    public var value: String
    public var label: String
    public var n: Int
    /// 0–100: of valid answers (frequency) or of respondents (multi-select).
    public var percent: Double
    /// Wilson 95% interval on the same scale as `percent`.
    public var ci95: (Double, Double)?
    /// Multi-select: share of all choices made, 0–100.
    public var percentOfResponses: Double?
    public var suppressed: Bool

    public static func == (a: CategoryCount, b: CategoryCount) -> Bool {
        a.value == b.value && a.label == b.label && a.n == b.n && a.percent == b.percent && a.ci95?.0 == b.ci95?.0
            && a.ci95?.1 == b.ci95?.1 && a.percentOfResponses == b.percentOfResponses && a.suppressed == b.suppressed
    }
}

/// One group of a numeric question split by a grouping variable.
public struct NumericGroup: Sendable, Equatable {
    public var value: String
    public var label: String
    public var missing: Int
    public var summary: DescriptiveSummaryBox
    /// Fewer answers than the threshold (statistics would describe identifiable people), or the
    /// partner of such a group.
    public var suppressed: Bool
}

import FabriqueStats

/// A box so that `NumericGroup` stays `Equatable` with `DescriptiveSummary`'s tuple.
public struct DescriptiveSummaryBox: Sendable, Equatable {
    public var value: DescriptiveSummary
}

/// The result of a table request.
public enum StatTable: Sendable, Equatable {
    case frequency(question: String, label: String, valid: Int, missing: Int, categories: [CategoryCount], threshold: Int)
    case multiSelect(question: String, label: String, respondents: Int, missing: Int, responses: Int, categories: [CategoryCount], threshold: Int)
    case crosstab(rowQuestion: String, colQuestion: String, rows: [(code: String, label: String)], cols: [(code: String, label: String)],
                  counts: [[Int]], suppressed: [[Bool]], test: ChiSquareTest, missing: Int, threshold: Int)
    case numeric(question: String, label: String, by: String?, groups: [NumericGroup], threshold: Int)
    /// Likert items on one scale: (code, label) points, and per item its summary.
    case likert(scale: [(code: String, label: String)], items: [(name: String, label: String, summary: LikertSummary, suppressed: [Bool])], threshold: Int)

    public static func == (a: StatTable, b: StatTable) -> Bool {
        switch (a, b) {
        case let (.frequency(q1, l1, v1, m1, c1, t1), .frequency(q2, l2, v2, m2, c2, t2)):
            return q1 == q2 && l1 == l2 && v1 == v2 && m1 == m2 && c1 == c2 && t1 == t2
        case let (.multiSelect(q1, l1, r1, m1, s1, c1, t1), .multiSelect(q2, l2, r2, m2, s2, c2, t2)):
            return q1 == q2 && l1 == l2 && r1 == r2 && m1 == m2 && s1 == s2 && c1 == c2 && t1 == t2
        case let (.crosstab(r1, c1, rs1, cs1, n1, s1, t1, m1, h1), .crosstab(r2, c2, rs2, cs2, n2, s2, t2, m2, h2)):
            return r1 == r2 && c1 == c2 && rs1.map(\.code) == rs2.map(\.code) && cs1.map(\.code) == cs2.map(\.code) && n1 == n2
                && s1 == s2 && t1 == t2 && m1 == m2 && h1 == h2
        case let (.numeric(q1, l1, b1, g1, t1), .numeric(q2, l2, b2, g2, t2)):
            return q1 == q2 && l1 == l2 && b1 == b2 && g1 == g2 && t1 == t2
        case let (.likert(s1, i1, t1), .likert(s2, i2, t2)):
            return s1.map(\.code) == s2.map(\.code) && i1.map(\.name) == i2.map(\.name) && i1.map(\.summary) == i2.map(\.summary) && t1 == t2
        default:
            return false
        }
    }
}
