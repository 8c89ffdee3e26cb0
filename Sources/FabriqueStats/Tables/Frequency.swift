/// One category of a frequency table.
public struct FrequencyRow: Sendable, Equatable {
    public var value: String
    public var count: Int
    /// 0–100, of the valid answers.
    public var percent: Double
    /// Wilson 95% interval, 0–100.
    public var ci95: (Double, Double)

    public static func == (a: FrequencyRow, b: FrequencyRow) -> Bool {
        a.value == b.value && a.count == b.count && a.percent == b.percent && a.ci95.0 == b.ci95.0 && a.ci95.1 == b.ci95.1
    }
}

/// A frequency table of a categorical variable: each category's count, percent of valid answers
/// with its Wilson interval, and the missing count.
public struct FrequencyTable: Sendable, Equatable {
    public var valid: Int
    public var missing: Int
    public var rows: [FrequencyRow]

    /// Tabulates answers (nil is missing) over categories in the given order; answers outside
    /// `categories` are appended in sorted order.
    public init(_ answers: [String?], categories: [String]) {
        let given = answers.compactMap { $0 }
        valid = given.count
        missing = answers.count - given.count
        let counts = Dictionary(given.map { ($0, 1) }, uniquingKeysWith: +)
        let order = categories + counts.keys.filter { !categories.contains($0) }.sorted()
        rows = order.map { value in
            let count = counts[value] ?? 0
            let interval = WilsonInterval.interval(count: count, n: given.count) ?? (0, 0)
            return FrequencyRow(
                value: value, count: count, percent: given.isEmpty ? 0 : Double(count) * 100 / Double(given.count),
                ci95: (interval.lower * 100, interval.upper * 100))
        }
    }
}
