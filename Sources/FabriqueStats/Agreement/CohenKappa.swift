/// Cohen's kappa for two coders over the units both coded, unweighted or with linear or quadratic
/// disagreement weights on the categories' positions in their sorted order (as scikit-learn).
public enum CohenKappa {
    /// How disagreements between categories i and j are weighted.
    public enum Weighting: String, Sendable, CaseIterable {
        case none, linear, quadratic
    }

    /// Kappa, or nil when undefined (no pairs, or no expected disagreement: a single category).
    /// `labels` orders the categories; pairs whose values are not in `labels` are ignored.
    public static func kappa(_ a: [String], _ b: [String], labels: [String], weighting: Weighting) -> Double? {
        let position = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($0.element, $0.offset) })
        let q = labels.count
        var confusion = Array(repeating: Array(repeating: 0.0, count: q), count: q)
        var total = 0.0
        for (x, y) in zip(a, b) {
            guard let i = position[x], let j = position[y] else { continue }
            confusion[i][j] += 1
            total += 1
        }
        guard total > 0, q > 1 else { return nil }
        let rows = confusion.map { $0.reduce(0, +) }
        let columns = (0..<q).map { j in confusion.reduce(0) { $0 + $1[j] } }
        var observed = 0.0
        var expected = 0.0
        for i in 0..<q {
            for j in 0..<q {
                let weight: Double =
                    switch weighting {
                    case .none: i == j ? 0 : 1
                    case .linear: Double(abs(i - j))
                    case .quadratic: Double((i - j) * (i - j))
                    }
                observed += weight * confusion[i][j]
                expected += weight * rows[i] * columns[j] / total
            }
        }
        guard expected > 0 else { return nil }
        return 1 - observed / expected
    }
}

/// The share of agreeing values: for two coders, over the units both coded; for more, the share of
/// agreeing ordered pairs among all pairable ordered pairs within units.
public enum PercentAgreement {
    /// Nil when nothing is pairable.
    public static func proportion(_ data: ReliabilityData) -> Double? {
        var agreeing = 0.0
        var pairs = 0.0
        for unit in data.values {
            let present = unit.compactMap { $0 }
            guard present.count >= 2 else { continue }
            let counts = Dictionary(present.map { ($0, 1) }, uniquingKeysWith: +)
            agreeing += counts.values.reduce(0) { $0 + Double($1 * ($1 - 1)) }
            pairs += Double(present.count * (present.count - 1))
        }
        return pairs > 0 ? agreeing / pairs : nil
    }
}
