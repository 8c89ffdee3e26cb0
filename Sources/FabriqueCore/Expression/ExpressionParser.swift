/// Parses expression text into an `FormExpression` by precedence climbing.
public struct ExpressionParser {
    /// The most tokens an expression may have. The tree, and so the recursion of every walk
    /// over it (evaluation, source, JavaScript), is never deeper than the tokens are many.
    public static let maximumTokens = 1_000
    /// The most parentheses, calls and minus signs an expression may nest.
    public static let maximumNesting = 64

    private var tokens: [ExpressionToken]
    private var index = 0
    private var nesting = 0

    /// Parses a whole expression; anything left over is an error.
    public static func parse(_ text: String) throws(ExpressionSyntaxError) -> FormExpression {
        var lexer = ExpressionLexer(text)
        var parser = ExpressionParser(tokens: try lexer.tokens())
        // The fuzzer's inputs of 100,000 '(' or '-' overflowed the stack (docs/fuzzing.md).
        guard parser.tokens.count <= maximumTokens + 1 else {
            throw ExpressionSyntaxError("the expression has more than \(maximumTokens) tokens; split it with calculate questions", offset: parser.tokens[maximumTokens].offset)
        }
        guard parser.current.kind != .end else { throw ExpressionSyntaxError("the expression is empty", offset: 0) }
        let expression = try parser.parseBinary(minimumPrecedence: 1)
        guard parser.current.kind == .end else {
            throw ExpressionSyntaxError("unexpected \(parser.describe(parser.current)) after a complete expression", offset: parser.current.offset)
        }
        return expression
    }

    private init(tokens: [ExpressionToken]) {
        self.tokens = tokens
    }

    private var current: ExpressionToken { tokens[index] }

    private mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    /// Goes one level deeper, or refuses past `maximumNesting`; `leave()` comes back up.
    private mutating func enter(at offset: Int) throws(ExpressionSyntaxError) {
        nesting += 1
        guard nesting <= Self.maximumNesting else {
            throw ExpressionSyntaxError("the expression nests more than \(Self.maximumNesting) levels deep", offset: offset)
        }
    }

    private mutating func leave() {
        nesting -= 1
    }

    private func describe(_ token: ExpressionToken) -> String {
        switch token.kind {
        case let .number(value): "number \(value)"
        case let .string(text): "string '\(text)'"
        case let .reference(name): "${\(name)}"
        case .dot: "'.'"
        case let .name(name): "'\(name)'"
        case let .symbol(symbol): "'\(symbol)'"
        case .end: "end of expression"
        }
    }

    private var binaryOperator: BinaryOperator? {
        switch current.kind {
        case let .symbol(symbol): BinaryOperator(rawValue: symbol)
        case let .name(name) where ["and", "or", "div", "mod"].contains(name): BinaryOperator(rawValue: name)
        default: nil
        }
    }

    private mutating func parseBinary(minimumPrecedence: Int) throws(ExpressionSyntaxError) -> FormExpression {
        var lhs = try parseUnary()
        while let op = binaryOperator, op.precedence >= minimumPrecedence {
            advance()
            let rhs = try parseBinary(minimumPrecedence: op.precedence + 1)
            lhs = .binary(op, lhs, rhs)
        }
        return lhs
    }

    private mutating func parseUnary() throws(ExpressionSyntaxError) -> FormExpression {
        if current.kind == .symbol("-") {
            try enter(at: current.offset)
            advance()
            let operand = try parseUnary()
            leave()
            return .negate(operand)
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(ExpressionSyntaxError) -> FormExpression {
        let token = current
        switch token.kind {
        case let .number(value):
            advance()
            return .number(value)
        case let .string(text):
            advance()
            return .string(text)
        case let .reference(name):
            advance()
            return .reference(name, offset: token.offset)
        case .dot:
            advance()
            return .current
        case .symbol("("):
            try enter(at: token.offset)
            advance()
            let inner = try parseBinary(minimumPrecedence: 1)
            try expect(")", opening: token.offset)
            leave()
            return inner
        case let .name(name):
            advance()
            guard current.kind == .symbol("(") else {
                if ["and", "or", "div", "mod"].contains(name) {
                    throw ExpressionSyntaxError("'\(name)' needs a value on its left", offset: token.offset)
                }
                return .attribute(name, offset: token.offset)
            }
            return try parseCall(name, at: token.offset)
        case .end:
            throw ExpressionSyntaxError("the expression ends where a value was expected", offset: token.offset)
        default:
            throw ExpressionSyntaxError("expected a value but found \(describe(token))", offset: token.offset)
        }
    }

    private mutating func parseCall(_ name: String, at offset: Int) throws(ExpressionSyntaxError) -> FormExpression {
        guard let function = ExpressionFunction(rawValue: name) else {
            let known = ExpressionFunction.allCases.map(\.rawValue).joined(separator: ", ")
            throw ExpressionSyntaxError("unknown function '\(name)'; known functions: \(known)", offset: offset)
        }
        let open = current.offset
        try enter(at: open)
        advance()
        var arguments: [FormExpression] = []
        if current.kind != .symbol(")") {
            arguments.append(try parseBinary(minimumPrecedence: 1))
            while current.kind == .symbol(",") {
                advance()
                arguments.append(try parseBinary(minimumPrecedence: 1))
            }
        }
        try expect(")", opening: open)
        leave()
        guard function.arity.contains(arguments.count) else {
            let expected = function.arity.lowerBound == function.arity.upperBound
                ? "\(function.arity.lowerBound)" : "\(function.arity.lowerBound) to \(function.arity.upperBound)"
            throw ExpressionSyntaxError("\(name)() takes \(expected) argument(s), not \(arguments.count)", offset: offset)
        }
        return .call(function, arguments)
    }

    private mutating func expect(_ symbol: String, opening: Int) throws(ExpressionSyntaxError) {
        guard current.kind == .symbol(symbol) else {
            throw ExpressionSyntaxError("expected '\(symbol)' to close the '(' at character \(opening + 1), found \(describe(current))", offset: current.offset)
        }
        advance()
    }
}
