/// Descriptive statistics of a numeric question: n, mean, sd (n − 1), median and quartiles (R type
/// 7), min, max, and the t-based 95% interval of the mean.
public struct DescriptiveSummary: Sendable, Equatable {
    public var n: Int
    public var mean: Double?
    public var sd: Double?
    public var median: Double?
    public var q1: Double?
    public var q3: Double?
    public var min: Double?
    public var max: Double?
    public var ci95: (Double, Double)?
    /// The sum of the values, and the largest ones (at most `largestKept`, largest first): the
    /// disclosure rules of magnitude tables read them (dominance, contributors).
    public var sum: Double = 0
    public var largest: [Double] = []
    public static let largestKept = 5

    public static func == (a: DescriptiveSummary, b: DescriptiveSummary) -> Bool {
        a.n == b.n && a.mean == b.mean && a.sd == b.sd && a.median == b.median && a.q1 == b.q1 && a.q3 == b.q3
            && a.min == b.min && a.max == b.max && a.ci95?.0 == b.ci95?.0 && a.ci95?.1 == b.ci95?.1
    }

    /// Summarises values; everything but n is nil for no values, and sd and the interval need two.
    public init(_ values: [Double]) {
        n = values.count
        guard !values.isEmpty else { return }
        let sorted = values.sorted()
        // Compensated summation: means of a million values stay exact to the last digits.
        sum = KahanSum.sum(values)
        let mean = sum / Double(n)
        self.mean = mean
        largest = Array(sorted.suffix(Self.largestKept).reversed())
        median = Quantile.type7(sorted, 0.5)
        q1 = Quantile.type7(sorted, 0.25)
        q3 = Quantile.type7(sorted, 0.75)
        min = sorted.first
        max = sorted.last
        guard n > 1 else { return }
        let variance = KahanSum.sum(values.map { ($0 - mean) * ($0 - mean) }) / Double(n - 1)
        let sd = variance.squareRoot()
        self.sd = sd
        let half = Distributions.studentTQuantile(0.975, degreesOfFreedom: Double(n - 1)) * sd / Double(n).squareRoot()
        ci95 = (mean - half, mean + half)
    }
}

/// Kahan–Babuška summation.
enum KahanSum {
    static func sum(_ values: [Double]) -> Double {
        var sum = 0.0
        var compensation = 0.0
        for value in values {
            let t = sum + value
            compensation += abs(sum) >= abs(value) ? (sum - t) + value : (value - t) + sum
            sum = t
        }
        return sum + compensation
    }
}

/// A likert item's distribution over its scale, its mean score and its top-2-box percentage.
public struct LikertSummary: Sendable, Equatable {
    public var n: Int
    public var missing: Int
    /// Counts per scale point, in scale order.
    public var distribution: [Int]
    public var mean: Double?
    /// The share of the two highest scale points, 0–100, among answered values.
    public var top2Percent: Double?

    /// Summarises answers (nil is missing) on a scale of numeric points, lowest first.
    public init(_ values: [Double?], scale: [Double]) {
        let answered = values.compactMap { $0 }
        n = answered.count
        missing = values.count - answered.count
        distribution = scale.map { point in answered.filter { $0 == point }.count }
        mean = answered.isEmpty ? nil : KahanSum.sum(answered) / Double(answered.count)
        let top = Set(scale.sorted().suffix(2))
        top2Percent = answered.isEmpty ? nil : Double(answered.filter(top.contains).count) * 100 / Double(answered.count)
    }
}
