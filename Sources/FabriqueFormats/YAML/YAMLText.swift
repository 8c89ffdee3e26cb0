/// Scalars of the questionnaire files fabrique writes: every text double-quoted, with YAML's
/// escapes, so that no value is ever read back as a number, a boolean or a null.
enum YAMLText {
    /// `text` as a double-quoted YAML scalar.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0xFEFF || (0x2028...0x2029).contains(scalar.value) {
                    result += "\\u" + String(format4(scalar.value))
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    private static func format4(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// A comment line: `# ` and the text, with line breaks turned into spaces.
    static func comment(_ text: String, indent: String = "") -> String {
        indent + "# " + text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
    }
}
