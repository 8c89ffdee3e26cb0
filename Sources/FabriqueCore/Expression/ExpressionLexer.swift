/// A token of the expression language.
struct ExpressionToken: Equatable {
    enum Kind: Equatable {
        case number(Double)
        case string(String)
        case reference(String)
        case dot
        case name(String)
        case symbol(String)
        case end
    }

    var kind: Kind
    var offset: Int
}

/// Splits an expression into tokens, reporting the first unreadable character.
struct ExpressionLexer {
    private let characters: [Character]
    private var position = 0

    init(_ text: String) {
        characters = Array(text)
    }

    mutating func tokens() throws(ExpressionSyntaxError) -> [ExpressionToken] {
        var result: [ExpressionToken] = []
        while true {
            let token = try next()
            result.append(token)
            if token.kind == .end { return result }
        }
    }

    private func peek(_ ahead: Int = 0) -> Character? {
        position + ahead < characters.count ? characters[position + ahead] : nil
    }

    private mutating func next() throws(ExpressionSyntaxError) -> ExpressionToken {
        while let c = peek(), c.isWhitespace { position += 1 }
        let start = position
        guard let c = peek() else { return ExpressionToken(kind: .end, offset: start) }
        switch c {
        case "$":
            return try reference(start)
        case "'", "\"":
            return try stringLiteral(quote: c, start: start)
        case "0"..."9":
            return try number(start)
        case "." where !(peek(1).map { $0.isASCII && $0.isNumber } ?? false):
            position += 1
            return ExpressionToken(kind: .dot, offset: start)
        case ".":
            return try number(start)
        case "(", ")", ",", "+", "-", "*", "=":
            position += 1
            return ExpressionToken(kind: .symbol(String(c)), offset: start)
        case "!", "<", ">":
            position += 1
            if peek() == "=" {
                position += 1
                return ExpressionToken(kind: .symbol(String(c) + "="), offset: start)
            }
            if c == "!" { throw ExpressionSyntaxError("'!' must be followed by '=' (use not(...) for negation)", offset: start) }
            return ExpressionToken(kind: .symbol(String(c)), offset: start)
        case "/":
            throw ExpressionSyntaxError("'/' is not an operator here: divide with 'div'", offset: start)
        default:
            if Self.isNameStart(c) { return name(start) }
            throw ExpressionSyntaxError("unexpected character '\(c)'", offset: start)
        }
    }

    private static func isNameStart(_ c: Character) -> Bool {
        c == "_" || (c.isASCII && c.isLetter)
    }

    private static func isNamePart(_ c: Character) -> Bool {
        isNameStart(c) || (c.isASCII && c.isNumber)
    }

    private mutating func reference(_ start: Int) throws(ExpressionSyntaxError) -> ExpressionToken {
        guard peek(1) == "{" else { throw ExpressionSyntaxError("'$' must start a reference such as ${name}", offset: start) }
        position += 2
        var name = ""
        while let c = peek(), c != "}" {
            guard Self.isNamePart(c) else {
                throw ExpressionSyntaxError("a reference must be ${name} with letters, digits and '_' only", offset: start)
            }
            name.append(c)
            position += 1
        }
        guard peek() == "}" else { throw ExpressionSyntaxError("unterminated reference: missing '}'", offset: start) }
        position += 1
        guard let first = name.first, Self.isNameStart(first) else {
            throw ExpressionSyntaxError("empty or invalid name in reference", offset: start)
        }
        return ExpressionToken(kind: .reference(name), offset: start)
    }

    private mutating func stringLiteral(quote: Character, start: Int) throws(ExpressionSyntaxError) -> ExpressionToken {
        position += 1
        var text = ""
        while let c = peek() {
            position += 1
            if c == quote { return ExpressionToken(kind: .string(text), offset: start) }
            text.append(c)
        }
        throw ExpressionSyntaxError("unterminated string: missing closing \(quote)", offset: start)
    }

    private mutating func number(_ start: Int) throws(ExpressionSyntaxError) -> ExpressionToken {
        var text = ""
        var seenDot = false
        while let c = peek(), (c.isASCII && c.isNumber) || (c == "." && !seenDot) {
            if c == "." { seenDot = true }
            text.append(c)
            position += 1
        }
        // Past Double's range the value would be infinite, which neither the source text nor
        // JavaScript can spell as a number (found by the fuzzer: 400 nines).
        guard let value = Double(text), value.isFinite else {
            throw ExpressionSyntaxError("the number \(text.count > 20 ? text.prefix(20) + "…" : text) is too large", offset: start)
        }
        return ExpressionToken(kind: .number(value), offset: start)
    }

    /// Names may contain '-' between letters, as in `count-selected`.
    private mutating func name(_ start: Int) -> ExpressionToken {
        var text = ""
        while let c = peek() {
            if Self.isNamePart(c) {
                text.append(c)
                position += 1
            } else if c == "-", let after = peek(1), after.isASCII, after.isLetter, !text.isEmpty {
                text.append(c)
                position += 1
            } else {
                break
            }
        }
        return ExpressionToken(kind: .name(text), offset: start)
    }
}
