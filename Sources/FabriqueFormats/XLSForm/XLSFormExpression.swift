/// XLSForm's expressions (XPath with `${name}`) in fabrique's language, which shares their
/// syntax: the translation only checks the functions and, in a choice_filter, names a choice's
/// code `value` where XLSForm names it `name`.
enum XLSFormExpression {
    /// The fabrique text, or nil when the expression calls a function fabrique lacks.
    static func translate(_ text: String, choiceFilter: Bool) -> String? {
        guard ExpressionText.unknownFunctions(text).isEmpty else { return nil }
        guard choiceFilter else { return text }
        return ExpressionText.rewritingCode(text) { ExpressionText.replacingWord("name", with: "value", in: $0) }
    }

    /// A fabrique expression in XLSForm's language: a choice's code is `name` in a choice_filter.
    static func export(_ text: String, choiceFilter: Bool) -> String {
        guard choiceFilter else { return text }
        return ExpressionText.rewritingCode(text) { ExpressionText.replacingWord("value", with: "name", in: $0) }
    }
}
