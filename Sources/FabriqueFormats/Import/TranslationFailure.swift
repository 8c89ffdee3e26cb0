/// Why an expression of another tool has no fabrique equivalent, in words for a message.
struct TranslationFailure: Error, ExpressibleByStringInterpolation, CustomStringConvertible {
    let reason: String

    init(stringLiteral value: String) {
        reason = value
    }

    init(stringInterpolation: DefaultStringInterpolation) {
        reason = String(stringInterpolation: stringInterpolation)
    }

    var description: String { reason }
}
