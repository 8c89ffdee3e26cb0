import FabriqueStats

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

/// A box so that `NumericGroup` stays `Equatable` with `DescriptiveSummary`'s tuple.
public struct DescriptiveSummaryBox: Sendable, Equatable {
    public var value: DescriptiveSummary
}

/// The result of a table request.
public enum StatTable: Sendable, Equatable {
    case frequency(question: String, label: String, valid: Int, missing: Int, categories: [CategoryCount], threshold: Int)
    case multiSelect(question: String, label: String, respondents: Int, missing: Int, responses: Int, categories: [CategoryCount], threshold: Int)
    case crosstab(
        rowQuestion: String, colQuestion: String, rows: [(code: String, label: String)], cols: [(code: String, label: String)],
        counts: [[Int]], suppressed: [[Bool]], test: CrosstabTest, missing: Int, threshold: Int)
    case numeric(question: String, label: String, by: String?, groups: [NumericGroup], threshold: Int)
    /// Likert items on one scale: (code, label) points, and per item its summary.
    case likert(
        scale: [(code: String, label: String)], items: [(name: String, label: String, summary: LikertSummary, suppressed: [Bool])], threshold: Int)

    public static func == (a: StatTable, b: StatTable) -> Bool {
        switch (a, b) {
        case (.frequency(let q1, let l1, let v1, let m1, let c1, let t1), .frequency(let q2, let l2, let v2, let m2, let c2, let t2)):
            return q1 == q2 && l1 == l2 && v1 == v2 && m1 == m2 && c1 == c2 && t1 == t2
        case (
            .multiSelect(let q1, let l1, let r1, let m1, let s1, let c1, let t1), .multiSelect(let q2, let l2, let r2, let m2, let s2, let c2, let t2)
        ):
            return q1 == q2 && l1 == l2 && r1 == r2 && m1 == m2 && s1 == s2 && c1 == c2 && t1 == t2
        case (
            .crosstab(let r1, let c1, let rs1, let cs1, let n1, let s1, let t1, let m1, let h1),
            .crosstab(let r2, let c2, let rs2, let cs2, let n2, let s2, let t2, let m2, let h2)
        ):
            return r1 == r2 && c1 == c2 && rs1.map(\.code) == rs2.map(\.code) && cs1.map(\.code) == cs2.map(\.code) && n1 == n2
                && s1 == s2 && t1 == t2 && m1 == m2 && h1 == h2
        case (.numeric(let q1, let l1, let b1, let g1, let t1), .numeric(let q2, let l2, let b2, let g2, let t2)):
            return q1 == q2 && l1 == l2 && b1 == b2 && g1 == g2 && t1 == t2
        case (.likert(let s1, let i1, let t1), .likert(let s2, let i2, let t2)):
            return s1.map(\.code) == s2.map(\.code) && i1.map(\.name) == i2.map(\.name) && i1.map(\.summary) == i2.map(\.summary) && t1 == t2
        default:
            return false
        }
    }
}

/// The test of independence a crosstab carries.
public enum CrosstabTest: Sendable, Equatable {
    /// Each response counts in one cell: Pearson's χ² on the table (with Fisher's exact test for
    /// 2 × 2).
    case pearson(ChiSquareTest)
    /// One side is a select_multiple (the question named): a response counts in as many cells as
    /// it chose options, so the cells are not independent observations and no χ² on the table is
    /// valid. None is computed, and the published table says so.
    case multipleChoice(question: String)

    /// Pearson's test, when it applies.
    public var pearson: ChiSquareTest? {
        if case .pearson(let test) = self { return test }
        return nil
    }
}
