/// Parses expression text into an `FormExpression` by precedence climbing.
public struct ExpressionParser {
    /// The most tokens an expression may have (it bounds the parser's own recursion).
    public static let maximumTokens = 5_000
    /// The most parentheses, calls and minus signs an expression may nest, and the deepest its
    /// tree may be: every walk over the tree (evaluation, source, JavaScript) recurses that deep.
    public static let maximumNesting = 256
    /// The most operations and values in the tree. With these limits the canonical `source`,
    /// which parenthesises every operation, is itself within them and parses back.
    public static let maximumNodes = 1_000

    private var tokens: [ExpressionToken]
    private var index = 0
    private var nesting = 0

    /// Parses a whole expression; anything left over is an error.
    public static func parse(_ text: String) throws(ExpressionSyntaxError) -> FormExpression {
        var lexer = ExpressionLexer(text)
        var parser = ExpressionParser(tokens: try lexer.tokens())
        // The fuzzer's inputs of 100,000 '(' or '-' overflowed the stack (docs/fuzzing.md).
        guard parser.tokens.count <= maximumTokens + 1 else {
            throw ExpressionSyntaxError(
                "the expression has more than \(maximumTokens) tokens; split it with calculate questions", offset: parser.tokens[maximumTokens].offset
            )
        }
        guard parser.current.kind != .end else { throw ExpressionSyntaxError("the expression is empty", offset: 0) }
        let expression = try parser.parseBinary(minimumPrecedence: 1)
        guard parser.current.kind == .end else {
            throw ExpressionSyntaxError("unexpected \(parser.describe(parser.current)) after a complete expression", offset: parser.current.offset)
        }
        var nodes = 0
        let depth = expression.depth(counting: &nodes)
        guard nodes <= maximumNodes else {
            throw ExpressionSyntaxError(
                "the expression has more than \(maximumNodes) values and operations; split it with calculate questions", offset: 0)
        }
        guard depth <= maximumNesting else {
            throw ExpressionSyntaxError("the expression nests more than \(maximumNesting) levels deep; split it with calculate questions", offset: 0)
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
        case .number(let value): "number \(value)"
        case .string(let text): "string '\(text)'"
        case .reference(let name): "${\(name)}"
        case .dot: "'.'"
        case .name(let name): "'\(name)'"
        case .symbol(let symbol): "'\(symbol)'"
        case .end: "end of expression"
        }
    }

    private var binaryOperator: BinaryOperator? {
        switch current.kind {
        case .symbol(let symbol): BinaryOperator(rawValue: symbol)
        case .name(let name) where ["and", "or", "div", "mod"].contains(name): BinaryOperator(rawValue: name)
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
        case .number(let value):
            advance()
            return .number(value)
        case .string(let text):
            advance()
            return .string(text)
        case .reference(let name):
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
        case .name(let name):
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
            let expected =
                function.arity.lowerBound == function.arity.upperBound
                ? "\(function.arity.lowerBound)" : "\(function.arity.lowerBound) to \(function.arity.upperBound)"
            throw ExpressionSyntaxError("\(name)() takes \(expected) argument(s), not \(arguments.count)", offset: offset)
        }
        return .call(function, arguments)
    }

    private mutating func expect(_ symbol: String, opening: Int) throws(ExpressionSyntaxError) {
        guard current.kind == .symbol(symbol) else {
            throw ExpressionSyntaxError(
                "expected '\(symbol)' to close the '(' at character \(opening + 1), found \(describe(current))", offset: current.offset)
        }
        advance()
    }
}

extension FormExpression {
    /// The tree's depth (a value alone is 1), adding its node count to `nodes`.
    func depth(counting nodes: inout Int) -> Int {
        nodes += 1
        switch self {
        case .number, .string, .reference, .resolved, .current, .attribute: return 1
        case .negate(let operand): return 1 + operand.depth(counting: &nodes)
        case .binary(_, let lhs, let rhs): return 1 + max(lhs.depth(counting: &nodes), rhs.depth(counting: &nodes))
        case .call(_, let arguments): return 1 + (arguments.map { $0.depth(counting: &nodes) }.max() ?? 0)
        }
    }
}
