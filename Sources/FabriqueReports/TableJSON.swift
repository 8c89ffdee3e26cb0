import FabriqueCore
import FabriqueStats

/// The stable JSON of `fabrique table`: raw values with a `suppressed` flag per cell, for scripting.
/// Fields are added over time, never renamed; their order is the order of the properties below
/// (written with `JSONOutput`'s line style, an undefined figure is `null`).
public struct TableJSON: Encodable, Sendable {
    /// The table written.
    public var table: StatTable

    /// The JSON form of a table.
    public init(_ table: StatTable) { self.table = table }

    /// Encodes the table as the object of its kind.
    public func encode(to encoder: Encoder) throws {
        switch table {
        case .frequency(let question, _, let valid, let missing, let categories, _):
            try Frequency(question: question, n: valid, missing: missing, categories: categories.map(Frequency.Category.init)).encode(to: encoder)
        case .multiSelect(let question, _, let respondents, let missing, let responses, let categories, _):
            try MultiSelect(
                question: question, respondents: respondents, missing: missing, responses: responses,
                categories: categories.map(MultiSelect.Category.init)
            ).encode(to: encoder)
        case .crosstab(_, _, let rows, let cols, let counts, let suppressed, let test, let missing, _):
            let pearson = test.pearson
            try Crosstab(
                rows: rows.map(\.code), cols: cols.map(\.code), counts: counts, chi2: pearson?.statistic, df: pearson?.degreesOfFreedom,
                p: pearson?.p, cramersV: pearson?.cramersV, fisherP: pearson?.fisherP, expectedBelow5Share: pearson?.expectedBelow5Share,
                missing: missing, suppressed: suppressed, test: pearson == nil ? "none" : "pearson"
            ).encode(to: encoder)
        case .likert(let scale, let items, _):
            try Likert(scale: scale.map(\.code), items: items.map { Likert.Item($0.name, $0.summary, $0.suppressed) }).encode(to: encoder)
        case .numeric(let question, _, _, let groups, _):
            try Numeric(question: question, groups: groups.map(Numeric.Group.init)).encode(to: encoder)
        }
    }

    /// An interval as `[low, high]`, or nil.
    static func interval(_ ci: (Double, Double)?) -> [Double]? { ci.map { [$0.0, $0.1] } }

    private struct Frequency: Encodable {
        struct Category: Encodable {
            let value, label: String
            let n: Int
            let percent: Double
            let ci95: [Double]?
            let suppressed: Bool

            init(_ c: CategoryCount) {
                (value, label, n, percent, ci95, suppressed) = (c.value, c.label, c.n, c.percent, interval(c.ci95), c.suppressed)
            }
        }

        let question: String
        let n, missing: Int
        let categories: [Category]
    }

    private struct MultiSelect: Encodable {
        struct Category: Encodable {
            let value, label: String
            let n: Int
            let percentRespondents: Double
            let percentResponses: Double?
            let ci95: [Double]?
            let suppressed: Bool

            init(_ c: CategoryCount) {
                (value, label, n, percentRespondents) = (c.value, c.label, c.n, c.percent)
                (percentResponses, ci95, suppressed) = (c.percentOfResponses, interval(c.ci95), c.suppressed)
            }
        }

        let question: String
        let respondents, missing, responses: Int
        let categories: [Category]
    }

    private struct Crosstab: Encodable {
        let rows, cols: [String]
        let counts: [[Int]]
        /// Null, with `test` "none", when a select_multiple makes the χ² invalid.
        let chi2: Double?
        let df: Int?
        let p, cramersV, fisherP: Double?
        let expectedBelow5Share: Double?
        let missing: Int
        let suppressed: [[Bool]]
        /// "pearson", or "none" when no test applies.
        let test: String
    }

    private struct Likert: Encodable {
        struct Item: Encodable {
            let question: String
            let n, missing: Int
            let distribution: [Int]
            let mean, top2Percent: Double?
            let suppressed: [Bool]

            init(_ name: String, _ summary: LikertSummary, _ suppressed: [Bool]) {
                (question, n, missing, distribution) = (name, summary.n, summary.missing, summary.distribution)
                (mean, top2Percent, self.suppressed) = (summary.mean, summary.top2Percent, suppressed)
            }
        }

        let scale: [String]
        let items: [Item]
    }

    private struct Numeric: Encodable {
        struct Group: Encodable {
            let value: String
            let n, missing: Int
            let mean, sd, median, q1, q3, min, max: Double?
            let ci95: [Double]?
            let suppressed: Bool

            init(_ g: NumericGroup) {
                let s = g.summary.value
                (value, n, missing, mean, sd, median) = (g.value, s.n, g.missing, s.mean, s.sd, s.median)
                (q1, q3, min, max, ci95, suppressed) = (s.q1, s.q3, s.min, s.max, interval(s.ci95), g.suppressed)
            }
        }

        let question: String
        let groups: [Group]
    }
}
