import FabriqueStats

/// One scope's counts of one categorical variable, as its report publishes them: a count per
/// answer, the total the percentages are computed on (valid answers; answers given for a
/// multi-select), the respondents of a multi-select, and the non-responses where a note prints them.
struct CountLine: Sendable {
    var counts: [String: Int]
    var total: Int
    var respondents: Int?
    var missing: Int?

    init(counts: [String: Int], total: Int, respondents: Int? = nil, missing: Int? = nil) {
        (self.counts, self.total, self.respondents, self.missing) = (counts, total, respondents, missing)
    }

    /// The line of a frequency or multi-select table; nil for the other kinds.
    init?(_ table: StatTable) {
        switch table {
        case .frequency(_, _, let valid, let missing, let categories, _):
            self.init(counts: Self.byCode(categories), total: valid, missing: missing)
        case .multiSelect(_, _, let respondents, let missing, let responses, let categories, _):
            self.init(counts: Self.byCode(categories), total: responses, respondents: respondents, missing: missing)
        default:
            return nil
        }
    }

    /// The line of one likert item: its distribution over the scale codes and its n (its
    /// non-responses are not printed).
    init(scale: [(code: String, label: String)], item: LikertSummary) {
        self.init(
            counts: Dictionary(scale.indices.map { (scale[$0].code, item.distribution[$0]) }, uniquingKeysWith: +), total: item.n)
    }

    private static func byCode(_ categories: [CategoryCount]) -> [String: Int] {
        Dictionary(categories.map { ($0.value, $0.n) }, uniquingKeysWith: +)
    }
}
