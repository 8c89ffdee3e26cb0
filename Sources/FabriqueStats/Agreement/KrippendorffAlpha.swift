/// Krippendorff's alpha for any number of coders with missing values (Krippendorff 2011,
/// "Computing Krippendorff's Alpha-Reliability"): 1 − observed / expected disagreement, both read
/// from the coincidence matrix of pairable values.
public enum KrippendorffAlpha {
    /// The coincidence matrix: o[c][k] sums, over units, the c–k pairs weighted by 1 / (m_u − 1).
    static func coincidences(_ data: ReliabilityData) -> [[Double]] {
        let size = data.domain.count
        var o = Array(repeating: Array(repeating: 0.0, count: size), count: size)
        for unit in data.unitIndices where unit.count >= 2 {
            let weight = 1.0 / Double(unit.count - 1)
            for i in unit.indices {
                for j in unit.indices where j != i { o[unit[i]][unit[j]] += weight }
            }
        }
        return o
    }

    /// The squared distance between domain values c and k at a level. `totals` are the marginal
    /// frequencies n_c, which the ordinal metric needs.
    static func distance(_ level: MeasurementLevel, _ c: Int, _ k: Int, numbers: [Double]?, totals: [Double]) -> Double {
        if c == k { return 0 }
        switch level {
        case .nominal:
            return 1
        case .ordinal:
            let (low, high) = c < k ? (c, k) : (k, c)
            let between = totals[low...high].reduce(0, +) - (totals[c] + totals[k]) / 2
            return between * between
        case .interval:
            let d = numbers![c] - numbers![k]
            return d * d
        case .ratio:
            let sum = numbers![c] + numbers![k]
            // 0 against 0 never happens here (c ≠ k); 0 against x ≠ 0 is at distance 1.
            guard sum != 0 else { return 0 }
            let d = (numbers![c] - numbers![k]) / sum
            return d * d
        }
    }

    /// Alpha at a level, or nil when it is undefined (no pairable values, or a single value, so
    /// no expected disagreement). Non-nominal levels need numeric data (see `AgreementError`).
    public static func alpha(_ data: ReliabilityData, level: MeasurementLevel) -> Double? {
        let o = coincidences(data)
        let totals = o.map { $0.reduce(0, +) }
        let n = totals.reduce(0, +)
        guard n > 1 else { return nil }
        let delta = distances(level, data, totals)
        var observed = 0.0
        var expected = 0.0
        for c in o.indices {
            for k in o.indices where k != c {
                observed += o[c][k] * delta[c][k]
                expected += totals[c] * totals[k] * delta[c][k]
            }
        }
        guard expected > 0 else { return nil }
        return 1 - (n - 1) * observed / expected
    }

    static func distances(_ level: MeasurementLevel, _ data: ReliabilityData, _ totals: [Double]) -> [[Double]] {
        data.domain.indices.map { c in data.domain.indices.map { k in distance(level, c, k, numbers: data.numbers, totals: totals) } }
    }

    /// A 95% bootstrap interval (Hayes & Krippendorff 2007): pairable value pairs are resampled with
    /// replacement, each keeping its weight 1 / (m_u − 1), while the expected disagreement stays that
    /// of the data. The percentile interval of `samples` replicates, each capped at 1. Reproducible for a seed.
    public static func bootstrapInterval(_ data: ReliabilityData, level: MeasurementLevel, samples: Int = 2000, seed: UInt64 = 1) -> (Double, Double)?
    {
        let o = coincidences(data)
        let totals = o.map { $0.reduce(0, +) }
        let n = totals.reduce(0, +)
        let delta = distances(level, data, totals)
        var expected = 0.0
        for c in o.indices { for k in o.indices where k != c { expected += totals[c] * totals[k] * delta[c][k] } }
        guard n > 1, expected > 0 else { return nil }
        let expectedPerPair = expected / (n * (n - 1))
        // Every ordered pair of values within a unit, with its weight and distance.
        var pairs: [(weight: Double, distance: Double)] = []
        for unit in data.unitIndices where unit.count >= 2 {
            let weight = 1.0 / Double(unit.count - 1)
            for i in unit.indices { for j in unit.indices where j != i { pairs.append((weight, delta[unit[i]][unit[j]])) } }
        }
        var random = SplitMix64(seed: seed)
        var alphas: [Double] = []
        alphas.reserveCapacity(samples)
        for _ in 0..<samples {
            var weightSum = 0.0
            var disagreement = 0.0
            for _ in pairs.indices {
                let pair = pairs[Int(random.next() % UInt64(pairs.count))]
                weightSum += pair.weight
                disagreement += pair.weight * pair.distance
            }
            alphas.append(min(1, 1 - (disagreement / weightSum) / expectedPerPair))
        }
        alphas.sort()
        return (Quantile.type7(alphas, 0.025), Quantile.type7(alphas, 0.975))
    }
}

/// SplitMix64, a small reproducible generator for resampling.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
