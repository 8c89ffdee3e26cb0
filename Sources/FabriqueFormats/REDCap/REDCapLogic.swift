import Foundation

/// REDCap's branching logic and calculations in fabrique's language: `[field]` becomes
/// `${field}`, `[cb(2)] = '1'` `selected(${cb}, '2')`, `<>` `!=`, `AND`/`OR` lower case, `/` `div`.
enum REDCapLogic {
    /// The fabrique text, or the reason there is none.
    static func translate(_ text: String) -> Result<String, TranslationFailure> {
        if text.range(of: #"\]\s*\["#, options: .regularExpression) != nil {
            return .failure("it refers to another event or instance ([event][field]); fabrique has one event per response")
        }
        // Checkbox options compared with 1 or 0 become selected() and not(selected()).
        var result = text
        let checkbox = try! NSRegularExpression(pattern: #"\[([A-Za-z_][A-Za-z0-9_]*)\(([^)\]]+)\)\]\s*(=|<>|!=)\s*(['"]?)([01])\4"#)
        for match in checkbox.matches(in: result, range: NSRange(result.startIndex..., in: result)).reversed() {
            let part = { (group: Int) in String(result[Range(match.range(at: group), in: result)!]) }
            let (field, code, op, value) = (part(1), part(2), part(3), part(5))
            let positive = (op == "=") == (value == "1")
            let call = "selected(${\(field)}, '\(code)')"
            result.replaceSubrange(Range(match.range, in: result)!, with: positive ? call : "not(\(call))")
        }
        let unknown = ExpressionText.unknownFunctions(result, known: ["if", "round", "not", "selected"])
        if !unknown.isEmpty {
            return .failure("it calls \(unknown.map { "\($0)()" }.joined(separator: ", ")), which fabrique's expressions lack")
        }
        if result.range(of: #"\[[A-Za-z_][A-Za-z0-9_]*\("#, options: .regularExpression) != nil {
            return .failure("a checkbox option ([field(code)]) is used otherwise than compared with 1 or 0")
        }
        if result.contains("^") { return .failure("'^' (power) has no fabrique equivalent") }
        result = ExpressionText.rewritingCode(result) { code in
            var code = code.replacingOccurrences(of: #"\[([A-Za-z_][A-Za-z0-9_]*)\]"#, with: "\\${$1}", options: .regularExpression)
            code = code.replacingOccurrences(of: "<>", with: "!=")
            code = code.replacingOccurrences(of: "==", with: "=")
            code = code.replacingOccurrences(of: #"(?i)\band\b"#, with: "and", options: .regularExpression)
            code = code.replacingOccurrences(of: #"(?i)\bor\b"#, with: "or", options: .regularExpression)
            code = code.replacingOccurrences(of: "/", with: " div ")
            return code
        }
        return .success(result)
    }
}
