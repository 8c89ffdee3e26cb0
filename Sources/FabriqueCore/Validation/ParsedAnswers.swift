/// Answers one thread has already parsed, so that a bulk import does not parse the same code,
/// number or date millions of times. The caller numbers each field's raw texts (equal texts,
/// equal numbers; `keys`) before each response; the validator keeps the parse of a numbered
/// text and reuses it, with the same results as parsing it again (a test compares both). Only
/// parses that depend on the text alone are kept (`FieldRule.parseDependsOnTextAlone`); refused
/// answers are parsed, and reported, each time; a constraint that reads the answer alone is
/// judged once with its parse (per validation date). Not thread-safe: one per thread.
public final class ParsedAnswers {
    /// For the response about to be validated: per field position, the caller's number for its
    /// raw answer, or -1 when it has none (`setKey`). The same number for a field must mean the
    /// same text. This and `kept` are in memory of their own, read and written through constant
    /// pointers: as a class's arrays they would pay a dynamic exclusivity check on every access,
    /// twice per answer of every row.
    private let keys: UnsafeMutableBufferPointer<Int32>
    /// Parses kept per field, by number.
    private let kept: UnsafeMutableBufferPointer<[ParsedAnswer?]>
    /// The validation date of the kept verdicts (a constraint may read `today()`).
    private var date: CalendarDate?

    /// An empty cache for a validator's fields.
    public init(validator: ResponseValidator) {
        keys = .allocate(capacity: validator.fieldNames.count)
        keys.initialize(repeating: -1)
        kept = .allocate(capacity: validator.fieldNames.count)
        kept.initialize(repeating: [])
    }

    deinit {
        keys.deallocate()
        kept.deinitialize()
        kept.deallocate()
    }

    /// Gives the number of a field's raw answer in the response about to be validated.
    public func setKey(_ number: Int32, at position: Int) {
        keys[position] = number
    }

    /// Forgets the numbers of the last response (every field back to -1).
    public func clearKeys() {
        keys.update(repeating: -1)
    }

    /// Forgets every kept parse when the validation date is not the one they were made on.
    func use(date today: CalendarDate) {
        guard date != today else { return }
        if date != nil { kept.update(repeating: []) }
        date = today
    }

    /// The parse kept for a field's numbered answer, if any.
    func known(_ position: Int) -> ParsedAnswer? {
        let key = Int(keys[position])
        guard key >= 0, key < kept[position].count else { return nil }
        return kept[position][key]
    }

    /// Keeps the parse of a field's numbered answer.
    func keep(_ position: Int, _ answer: ParsedAnswer) {
        let key = Int(keys[position])
        guard key >= 0 else { return }
        if kept[position].count <= key { kept[position].append(contentsOf: repeatElement(nil, count: key + 1 - kept[position].count)) }
        kept[position][key] = answer
    }
}

/// An answer's canonical text, its typed value for expressions, and whether it meets the
/// question's constraint when that depends on the answer alone (nil otherwise).
struct ParsedAnswer {
    var canonical: String
    var typed: ExpressionValue
    var meetsConstraint: Bool?
}
