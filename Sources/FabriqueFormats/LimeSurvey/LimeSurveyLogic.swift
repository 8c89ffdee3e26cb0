import Foundation

/// LimeSurvey's Expression Manager in fabrique's language: bare names become `${name}`,
/// `==` `=`, `&&` `and`, `is_empty(x)` `${x} = ''`, a multiple choice's `Q_SQ == "Y"`
/// `selected(${Q}, 'SQ')`.
enum LimeSurveyLogic {
    static let functions: [String: String] = ["if": "if", "intval": "int", "floatval": "number", "strlen": "string-length", "round": "round"]
    static let keywords: [String: String] = [
        "and": "and", "or": "or", "eq": "=", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">=",
        "AND": "and", "OR": "or"
    ]

    /// The fabrique text, nil for "always" (`1` or empty), or the reason there is none.
    static func translate(_ source: String, multiple: Set<String>) -> Result<String?, TranslationFailure> {
        var text = source.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("{"), text.hasSuffix("}") { text = String(text.dropFirst().dropLast()) }
        if text.isEmpty || text == "1" { return .success(nil) }
        for question in multiple {
            let pattern = "\\b\(question)_([A-Za-z0-9]+)(?:\\.NAOK)?\\s*(==|!=|eq|ne)\\s*([\"'])Y\\3"
            text = text.replacingOccurrences(of: pattern, with: "«$2:\(question):$1»", options: .regularExpression)
        }
        text = text.replacingOccurrences(
            of: #"!\s*is_empty\(\s*([A-Za-z_][A-Za-z0-9_]*)(?:\.NAOK)?\s*\)"#, with: "($1 != '')", options: .regularExpression)
        text = text.replacingOccurrences(
            of: #"is_empty\(\s*([A-Za-z_][A-Za-z0-9_]*)(?:\.NAOK)?\s*\)"#, with: "($1 == '')", options: .regularExpression)
        var failure: String?
        let result = ExpressionText.rewritingCode(text) { code in
            var output = ""
            let characters = Array(code)
            var index = 0
            while index < characters.count {
                let character = characters[index]
                if character == "«", let close = characters[index...].firstIndex(of: "»") {
                    let parts = String(characters[(index + 1)..<close]).split(separator: ":").map(String.init)
                    let call = "selected(${\(parts[1])}, '\(parts[2])')"
                    output += parts[0] == "==" || parts[0] == "eq" ? call : "not(\(call))"
                    index = close + 1
                } else if character.isLetter || character == "_" {
                    var end = index
                    while end < characters.count,
                        characters[end].isLetter || characters[end].isNumber || characters[end] == "_" || characters[end] == "."
                    { end += 1 }
                    var word = String(characters[index..<end])
                    var next = end
                    while next < characters.count, characters[next] == " " { next += 1 }
                    if next < characters.count, characters[next] == "(" {
                        guard let function = functions[word] else {
                            failure = "it calls \(word)(), which fabrique's expressions lack"
                            return code
                        }
                        output += function
                    } else if let keyword = keywords[word] {
                        output += " \(keyword) "
                    } else {
                        for suffix in [".NAOK", ".value", ".code"] where word.hasSuffix(suffix) { word = String(word.dropLast(suffix.count)) }
                        if word.contains(".") {
                            failure = "it uses '\(word)', a property of the survey's structure that fabrique has no equivalent of"
                            return code
                        }
                        output += "${\(word)}"
                    }
                    index = end
                } else if character == "&" || character == "|" {
                    output += character == "&" ? " and " : " or "
                    index += index + 1 < characters.count && characters[index + 1] == character ? 2 : 1
                } else if character == "=", index + 1 < characters.count, characters[index + 1] == "=" {
                    output += "="
                    index += 2
                } else if character == "!", !(index + 1 < characters.count && characters[index + 1] == "=") {
                    failure = "'!' is only translated before is_empty(); write the condition with '!=' or 'not'"
                    return code
                } else if character == "/" {
                    output += " div "
                    index += 1
                } else {
                    output.append(character)
                    index += 1
                }
            }
            return output
        }
        if let failure { return .failure(TranslationFailure(stringLiteral: failure)) }
        return .success(result)
    }
}
