import Foundation

/// The one way fabrique writes JSON for people and scripts: an `Encodable` value, laid out in one
/// of two styles. Commands, exports and the web form's `data-` attributes all go through it, so
/// that a string or a number is written the same way everywhere. (The database's JSON columns are
/// storage, written by `StoredJSON`.)
public enum JSONOutput {
    /// How a value is laid out.
    public enum Style: Sendable {
        /// One line without spaces, each object's keys in the order the value encodes them (a
        /// synthesized `Encodable` encodes its properties in declaration order):
        /// `{"units":9,"coders":2}`. For outputs whose key order is part of the documented
        /// interface: the `--format json` of most commands, JSON lines, the web form's data.
        /// So that every documented key is always there, an optional that is nil is written as
        /// `null` (`encodeIfPresent` keeps its key), and so is a number that is not finite.
        case line
        /// Indented, keys sorted, slashes unescaped: Foundation's `JSONEncoder`, as the outlines,
        /// counts and subject-access exports have always been written. A nil optional is left
        /// out, and a number that is not finite is an error.
        case pretty
    }

    /// The JSON text of a value.
    ///
    /// Foundation's `JSONEncoder` on Linux writes an object's keys in hash order, different at
    /// every run (swiftlang/swift-corelibs-foundation#3676), so the line style has its own small
    /// encoder (`JSONLineEncoder`); its strings and numbers are written exactly as `JSONEncoder`
    /// writes them, which `JSONOutputTests` checks.
    public static func text<Value: Encodable>(_ value: Value, style: Style = .line) throws -> String {
        switch style {
        case .line:
            return try JSONLineEncoder.text(value)
        case .pretty:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        }
    }

    /// A text as a JSON string literal, quotes included, as the line style writes it (for a
    /// message that quotes names the way a JSON or YAML list would).
    public static func string(_ text: String) -> String {
        JSONLineEncoder.string(text)
    }
}
