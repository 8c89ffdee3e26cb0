/// A syntax error in an expression, located by its character offset in the expression text.
public struct ExpressionSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// 0-based offset, in characters, from the start of the expression.
    public var offset: Int

    /// Creates the error.
    public init(_ message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "\(message) (at character \(offset + 1))" }
}
