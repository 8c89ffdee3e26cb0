/// The encoder behind `JSONOutput.Style.line`: one line without spaces, each object's keys in
/// the order they were encoded, a nil optional and a non-finite number as `null`. Strings and
/// numbers are written as Foundation's `JSONEncoder` writes them (with `.withoutEscapingSlashes`).
/// A value is first encoded into a tree of `JSONNode`s (containers are filled after they are
/// handed out, so they are shared boxes), then written out.
struct JSONLineEncoder: Encoder {
    /// Where the value being encoded goes.
    let holder: JSONHolder
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The one-line JSON of a value.
    static func text<Value: Encodable>(_ value: Value) throws -> String {
        if let scalar = scalar(value) { return scalar }
        let holder = JSONHolder()
        try value.encode(to: JSONLineEncoder(holder: holder, codingPath: []))
        guard let node = holder.node else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(Value.self) did not encode any value."))
        }
        var out = ""
        write(node, to: &out)
        return out
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedContainer<Key>(object: holder.object(), codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        UnkeyedContainer(array: holder.array(), codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        SingleValueContainer(holder: holder, codingPath: codingPath)
    }

    /// A value's node: strings, numbers and booleans directly, anything else through its own
    /// `encode(to:)`.
    static func node<Value: Encodable>(_ value: Value, codingPath: [CodingKey]) throws -> JSONNode {
        if let scalar = scalar(value) { return .scalar(scalar) }
        let holder = JSONHolder()
        try value.encode(to: JSONLineEncoder(holder: holder, codingPath: codingPath))
        return holder.node ?? .scalar("{}")
    }

    /// The JSON of the common scalars, without an encoder round trip (an export writes one
    /// string per answer).
    private static func scalar<Value: Encodable>(_ value: Value) -> String? {
        switch value {
        case let text as String: string(text)
        case let number as Int: String(number)
        case let number as Double: self.number(number)
        case let flag as Bool: flag ? "true" : "false"
        default: nil
        }
    }

    /// A number as `JSONEncoder` writes it (`description`, without a trailing `.0`), or `null`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// A `Float` as `JSONEncoder` writes it, or `null`.
    static func number(_ value: Float) -> String {
        guard value.isFinite else { return "null" }
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// A JSON string literal: quote, backslash and control characters escaped, as `JSONEncoder`
    /// escapes them; everything else (slashes, `<`, non-ASCII) as it is.
    static func string(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return "\"" + text + "\"" }
        var out: [UInt8] = [0x22]
        out.reserveCapacity(text.utf8.count + 8)
        let hex = Array("0123456789abcdef".utf8)
        for byte in text.utf8 {
            switch byte {
            case 0x22, 0x5C: out += [0x5C, byte]
            case 0x08: out += [0x5C, UInt8(ascii: "b")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0C: out += [0x5C, UInt8(ascii: "f")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case ..<0x20: out += [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    private static func write(_ node: JSONNode, to out: inout String) {
        switch node {
        case .scalar(let text):
            out += text
        case .object(let object):
            out += "{"
            for index in object.keys.indices {
                if index > 0 { out += "," }
                out += string(object.keys[index])
                out += ":"
                write(object.values[index], to: &out)
            }
            out += "}"
        case .array(let array):
            out += "["
            for (index, item) in array.items.enumerated() {
                if index > 0 { out += "," }
                write(item, to: &out)
            }
            out += "]"
        case .deferred(let holder):
            write(holder.node ?? .scalar("{}"), to: &out)
        }
    }
}

/// A value in the tree `JSONLineEncoder` builds.
enum JSONNode {
    /// A string, number, boolean or null, already written as JSON.
    case scalar(String)
    case object(JSONObjectBox)
    case array(JSONArrayBox)
    /// The value of a `superEncoder()`, known once its caller has encoded into it.
    case deferred(JSONHolder)
}

/// The slot one value is encoded into.
final class JSONHolder {
    var node: JSONNode?

    /// The object encoded here, made on the first request (a value may ask for its container twice).
    func object() -> JSONObjectBox {
        if case .object(let object) = node { return object }
        let object = JSONObjectBox()
        node = .object(object)
        return object
    }

    /// The array encoded here, made on the first request.
    func array() -> JSONArrayBox {
        if case .array(let array) = node { return array }
        let array = JSONArrayBox()
        node = .array(array)
        return array
    }
}

/// An object's members in encoding order; a key encoded again keeps its place and takes the new value.
final class JSONObjectBox {
    private(set) var keys: [String] = []
    private(set) var values: [JSONNode] = []
    private var positions: [String: Int] = [:]

    func set(_ value: JSONNode, for key: String) {
        if let position = positions[key] {
            values[position] = value
        } else {
            positions[key] = keys.count
            keys.append(key)
            values.append(value)
        }
    }
}

/// An array's items in encoding order.
final class JSONArrayBox {
    var items: [JSONNode] = []
}
