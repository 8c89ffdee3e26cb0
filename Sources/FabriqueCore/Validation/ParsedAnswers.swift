/// Results computed from a field's text, kept by field position and exact text, at most `limit`
/// texts per field so that memory stays small whatever the input. A bulk import meets the same
/// codes, multi-select combinations, numbers and dates again and again, and one dictionary lookup
/// costs less than parsing them again. Not thread-safe: one per thread.
public final class FieldTextMemo<Value> {
    private var entries: [[String: Value]]
    private let limit: Int

    /// An empty memo for `fields` positions.
    public init(fields: Int, limit: Int = 256) {
        entries = Array(repeating: [:], count: fields)
        self.limit = limit
    }

    /// The result kept for this text, if any. (No closure computes a missing one: a closure
    /// capturing its caller, a struct of tables, would copy it on every call.)
    public func known(_ position: Int, _ text: String) -> Value? {
        entries[position][text]
    }

    /// Keeps a result while the field has room. Refused answers are not kept: they are
    /// reported each time.
    public func keep(_ position: Int, _ text: String, _ value: Value) {
        if entries[position].count < limit { entries[position][text] = value }
    }
}

/// Answers one thread has already parsed (see `FieldTextMemo`). Only parses that depend on the
/// text alone and cost more than a lookup are kept (`FieldRule.parseDependsOnTextAlone`).
public final class ParsedAnswers {
    let memo: FieldTextMemo<ParsedAnswer>

    /// An empty cache for a validator's fields.
    public init(validator: ResponseValidator, limit: Int = 256) {
        memo = FieldTextMemo(fields: validator.fieldNames.count, limit: limit)
    }
}

/// An answer's canonical text and its typed value for expressions.
struct ParsedAnswer {
    var canonical: String
    var typed: ExpressionValue
}
