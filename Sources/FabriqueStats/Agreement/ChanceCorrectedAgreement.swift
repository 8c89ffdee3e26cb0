/// Fleiss' kappa, Gwet's AC1 and AC2, and Brennan–Prediger's coefficient for any number of coders
/// with missing ratings, computed from raw ratings as Gwet's *Handbook of Inter-Rater Reliability*
/// (4th ed., 2014, ch. 2 and 5) and the irrCAC package do:
///
/// - units that no coder rated are left out; `n` counts the others;
/// - the observed agreement `pa` averages, over the units rated by two coders or more, the share
///   of agreeing (or, with weights, partly agreeing) ordered pairs of ratings;
/// - the classification probabilities `π_k` average, over the `n` units, each unit's share of
///   ratings in category `k`;
/// - each coefficient is `(pa − pe) / (1 − pe)`, with its own chance agreement `pe`:
///   Fleiss `Σ w_kl π_k π_l`, Gwet `T_w Σ π_k (1 − π_k) / (q (q − 1))` (T_w the sum of the weights),
///   Brennan–Prediger `T_w / q²`.
///
/// The categories are the data's distinct values (`ReliabilityData.domain`). Weights follow the
/// categories' numeric values when they are numbers, their positions 1…q otherwise:
/// linear `1 − |x_k − x_l| / (x_max − x_min)`, quadratic `1 − (x_k − x_l)² / (x_max − x_min)²`.
/// A coefficient is nil when it is undefined: fewer than two categories, no unit with two
/// ratings, or no room for agreement beyond chance (`pe` = 1).
public struct ChanceCorrectedAgreement: Sendable {
    /// Per rated unit, the number of ratings in each category (units × q).
    let counts: [[Double]]
    /// The categories' values used by the weights.
    let scale: [Double]

    /// Counts the ratings of each unit by category.
    public init(_ data: ReliabilityData) {
        let position = Dictionary(uniqueKeysWithValues: data.domain.enumerated().map { ($0.element, $0.offset) })
        counts = data.values.compactMap { unit in
            var row = [Double](repeating: 0, count: data.domain.count)
            for value in unit { if let value, let k = position[value] { row[k] += 1 } }
            return row.contains { $0 > 0 } ? row : nil
        }
        scale = data.numbers ?? data.domain.indices.map { Double($0 + 1) }
    }

    /// The number of categories.
    var q: Int { scale.count }

    /// The agreement weights of every pair of categories.
    func weights(_ weighting: CohenKappa.Weighting) -> [[Double]] {
        let range = (scale.max() ?? 0) - (scale.min() ?? 0)
        return scale.map { x in
            scale.map { y in
                switch weighting {
                case .none: x == y ? 1 : 0
                case .linear: range > 0 ? 1 - abs(x - y) / range : 1
                case .quadratic: range > 0 ? 1 - (x - y) * (x - y) / (range * range) : 1
                }
            }
        }
    }

    /// The observed agreement `pa` over the units rated twice or more, or nil when there is none.
    func observedAgreement(_ weights: [[Double]]) -> Double? {
        var sum = 0.0
        var units = 0
        for row in counts {
            let ratings = row.reduce(0, +)
            guard ratings >= 2 else { continue }
            var agreeing = 0.0
            for k in 0..<q where row[k] > 0 {
                let weighted = (0..<q).reduce(0.0) { $0 + weights[k][$1] * row[$1] }
                agreeing += row[k] * (weighted - 1)
            }
            sum += agreeing / (ratings * (ratings - 1))
            units += 1
        }
        return units > 0 ? sum / Double(units) : nil
    }

    /// The classification probabilities `π_k`.
    func classification() -> [Double] {
        var pi = [Double](repeating: 0, count: q)
        for row in counts {
            let ratings = row.reduce(0, +)
            for k in 0..<q { pi[k] += row[k] / ratings }
        }
        return pi.map { $0 / Double(counts.count) }
    }

    /// Fleiss' kappa (generalised to weights, as Gwet does); unweighted it is Fleiss (1971).
    public func fleissKappa(_ weighting: CohenKappa.Weighting = .none) -> Double? {
        let weights = weights(weighting)
        let pi = classification()
        var expected = 0.0
        for k in 0..<q { for l in 0..<q { expected += weights[k][l] * pi[k] * pi[l] } }
        return coefficient(weights, expected: expected)
    }

    /// Gwet's AC1 (`.none`) or AC2 with linear or quadratic weights.
    public func gwet(_ weighting: CohenKappa.Weighting = .none) -> Double? {
        guard q >= 2 else { return nil }
        let weights = weights(weighting)
        let total = weights.joined().reduce(0, +)
        let expected = total * classification().reduce(0) { $0 + $1 * (1 - $1) } / Double(q * (q - 1))
        return coefficient(weights, expected: expected)
    }

    /// Brennan and Prediger's coefficient (chance agreement from a uniform use of the categories).
    public func brennanPrediger(_ weighting: CohenKappa.Weighting = .none) -> Double? {
        let weights = weights(weighting)
        return coefficient(weights, expected: weights.joined().reduce(0, +) / Double(q * q))
    }

    private func coefficient(_ weights: [[Double]], expected: Double) -> Double? {
        guard q >= 2, let observed = observedAgreement(weights), expected < 1 else { return nil }
        return (observed - expected) / (1 - expected)
    }
}

/// Byrt, Bishop and Carlin's (1993) prevalence and bias indices for two coders and two categories,
/// over the units both coded, as absolute values (Sim and Wright 2005): with `a` and `d` the shares
/// of units both put in the first and in the second category, and `b` and `c` those they split,
/// prevalence `|a − d|` and bias `|b − c|`. A high prevalence index is what makes kappa low while
/// the coders mostly agree (the "kappa paradox").
public struct PrevalenceAndBias: Sendable, Equatable {
    public var prevalence: Double
    public var bias: Double

    /// The indices, or nil when the pairs do not fall in exactly two categories.
    public init?(_ a: [String], _ b: [String], categories: [String]) {
        guard categories.count == 2, !a.isEmpty, a.count == b.count else { return nil }
        let (first, second) = (categories[0], categories[1])
        var cells = [0.0, 0.0, 0.0, 0.0]
        for (x, y) in zip(a, b) {
            switch (x, y) {
            case (first, first): cells[0] += 1
            case (first, second): cells[1] += 1
            case (second, first): cells[2] += 1
            case (second, second): cells[3] += 1
            default: return nil
            }
        }
        let n = Double(a.count)
        prevalence = abs(cells[0] - cells[3]) / n
        bias = abs(cells[1] - cells[2]) / n
    }
}
