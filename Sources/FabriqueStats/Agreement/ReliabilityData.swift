/// The level of measurement of coded values, which sets how far apart two values are.
public enum MeasurementLevel: String, Sendable, CaseIterable, Codable {
    case nominal, ordinal, interval, ratio
}

/// Reliability data: for each unit (a coded experience × criterion, say), each coder's value or nil
/// when that coder did not code the unit. Values are kept as text and, when they all are numbers,
/// as numbers too.
public struct ReliabilityData: Sendable, Equatable {
    /// units × coders; nil is missing.
    public var values: [[String?]]
    /// The distinct values, sorted (numerically when numeric).
    public let domain: [String]
    /// The numeric value of each domain entry, when every value is a number.
    public let numbers: [Double]?

    /// Prepares the data; values that all parse as numbers (with `.` or `,`) are numeric, and equal
    /// numbers written differently ("0,5" and "0.5", "1" and "1.0") are the same value.
    public init(values raw: [[String?]]) {
        var values = raw
        let allNumeric = raw.allSatisfy { $0.allSatisfy { $0.map { Self.number($0) != nil } ?? true } }
        if allNumeric {
            values = raw.map { $0.map { $0.flatMap(Self.number).map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int64($0)) : String($0) } } }
        }
        self.values = values
        let distinct = Set(values.flatMap { $0.compactMap { $0 } })
        let parsed = distinct.map { ($0, Self.number($0)) }
        if !parsed.isEmpty, parsed.allSatisfy({ $0.1 != nil }) {
            let sorted = parsed.sorted { ($0.1!, $0.0) < ($1.1!, $1.0) }
            domain = sorted.map(\.0)
            numbers = sorted.map { $0.1! }
        } else {
            domain = distinct.sorted()
            numbers = parsed.isEmpty ? [] : nil
        }
    }

    /// A number written with `.` or `,` as decimal separator, or nil.
    public static func number(_ text: String) -> Double? {
        Double(String(text.map { $0 == "," ? "." : $0 }))
    }

    /// How many coders (columns) the data has.
    public var coderCount: Int { values.map(\.count).max() ?? 0 }

    /// Each unit as domain indices of its non-missing values.
    var unitIndices: [[Int]] {
        let position = Dictionary(uniqueKeysWithValues: domain.enumerated().map { ($0.element, $0.offset) })
        return values.map { $0.compactMap { $0.flatMap { position[$0] } } }
    }

    /// Units with at least two values, which alone carry information about agreement.
    public var pairableUnitCount: Int { values.filter { $0.compactMap { $0 }.count >= 2 }.count }
}
