/// The Wilson score interval of a proportion (95% by default), on a 0–1 scale.
public enum WilsonInterval {
    /// The interval for `count` successes out of `n`; nil when n is 0.
    public static func interval(count: Int, n: Int, z: Double = Distributions.z975) -> (lower: Double, upper: Double)? {
        guard n > 0 else { return nil }
        let n = Double(n)
        let p = Double(count) / n
        let z2 = z * z
        let center = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return (max(0, center - half), min(1, center + half))
    }
}
