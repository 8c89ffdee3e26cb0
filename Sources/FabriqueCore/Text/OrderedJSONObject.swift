/// A JSON object whose keys are known only at run time (a response's answers, a data
/// dictionary's row), encoded in the order of its pairs.
public struct OrderedJSONObject<Value: Encodable>: Encodable {
    /// The keys and their values, in output order.
    public var pairs: [(key: String, value: Value)]

    /// An object with these pairs, in this order.
    public init(_ pairs: some Sequence<(String, Value)>) {
        self.pairs = pairs.map { (key: $0.0, value: $0.1) }
    }

    /// Encodes each pair under its own key, in order.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        for (key, value) in pairs { try container.encode(value, forKey: JSONKey(stringValue: key)) }
    }
}

extension OrderedJSONObject: Sendable where Value: Sendable {}

/// A coding key made from any text, for objects whose keys are data.
public struct JSONKey: CodingKey, Sendable {
    /// The key as written.
    public var stringValue: String
    /// Always nil: the key names an object member, not an array position.
    public var intValue: Int? { nil }

    /// A key with this text.
    public init(stringValue: String) { self.stringValue = stringValue }

    /// A key for a position, written as its decimal digits.
    public init(intValue: Int) { self.stringValue = String(intValue) }
}
