/// Quantiles by linear interpolation between order statistics (R type 7, numpy's default).
public enum Quantile {
    /// The q-quantile of values already sorted ascending; nil for no values.
    public static func type7(_ sorted: [Double], _ q: Double) -> Double {
        precondition(!sorted.isEmpty, "quantile of no values")
        let h = Double(sorted.count - 1) * q
        let low = Int(h.rounded(.down))
        let high = min(low + 1, sorted.count - 1)
        return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
    }
}
