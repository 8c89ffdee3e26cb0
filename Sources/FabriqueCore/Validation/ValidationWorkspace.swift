/// One response's raw answers and what their validation made of them, in memory that one thread
/// reuses from response to response. A bulk import validates millions of responses: arrays made
/// and freed for each one, and a reference count taken for each answer, cost more than the
/// checks themselves. With `keepsParses`, answers the caller numbers (`setKey`) are parsed once
/// and then read where they are kept (`ParsedAnswers`). A workspace validates as of one date,
/// so that verdicts reading `today()` are kept for that date only.
///
/// For each response: `beginResponse()`, then `setKey` and/or `setText` per answer (or
/// `beginResponse(texts:)` with all the texts), then `ResponseValidator.validate(_:)`, then read
/// `issues`, `ignored` and the values. Not thread-safe.
public final class ValidationWorkspace {
    /// The number of answer variables (the validator's `fieldNames`).
    public let count: Int
    let names: [String]
    let parsed: ParsedAnswers?
    /// The answers stored so far, which expressions read.
    let answers: ValidatedAnswers
    /// One context for the whole response: its closures read `answers`, which change as answers arrive.
    let context: EvaluationContext
    /// The date `today()` means.
    public let today: CalendarDate
    /// What `today()` gives: its ISO text.
    let todayText: ExpressionValue

    private let keys: UnsafeMutableBufferPointer<Int32>
    private let raw: UnsafeMutableBufferPointer<String?>
    /// The response each raw text was given for: texts of earlier responses are not cleared, just ignored.
    private let rawRow: UnsafeMutableBufferPointer<UInt32>
    private var row: UInt32 = 0

    /// Per section: -1 not judged yet, 0 hidden, 1 shown.
    let sectionShown: UnsafeMutableBufferPointer<Int8>
    let failed: UnsafeMutableBufferPointer<Bool>
    var failedCount = 0
    /// Whether each variable applies (its section and question are relevant). Complete only
    /// after a validation that tracks applicability (`ResponseValidator.evaluate`).
    let applies: UnsafeMutableBufferPointer<Bool>
    /// Every problem of the response, in survey order.
    public internal(set) var issues: [ValidationIssue] = []
    /// Accepted answers that break a soft limit (a question's `warning`), in survey order.
    public internal(set) var warnings: [ValidationIssue] = []
    /// Positions of answers given to questions that did not apply (skip logic): not stored.
    public internal(set) var ignored: [Int] = []

    /// A workspace for a validator's responses as of a date; `keepsParses` for many responses
    /// whose answers the caller numbers.
    public init(validator: ResponseValidator, today: CalendarDate, keepsParses: Bool = false) {
        self.today = today
        todayText = .string(today.description)
        count = validator.fieldNames.count
        names = validator.fieldNames
        parsed = keepsParses ? ParsedAnswers(count: count) : nil
        let answers = ValidatedAnswers(index: validator.index, count: count, parsed: parsed)
        self.answers = answers
        var context = EvaluationContext(today: today, current: .empty, value: { answers.value($0) }, attribute: { answers.attribute($0) })
        context.slot = { answers.value(at: $0) }
        self.context = context
        keys = .allocate(capacity: count)
        keys.initialize(repeating: -1)
        raw = .allocate(capacity: count)
        raw.initialize(repeating: nil)
        rawRow = .allocate(capacity: count)
        rawRow.initialize(repeating: 0)
        sectionShown = .allocate(capacity: validator.sectionRelevant.count)
        sectionShown.initialize(repeating: -1)
        failed = .allocate(capacity: count)
        failed.initialize(repeating: false)
        applies = .allocate(capacity: count)
        applies.initialize(repeating: false)
    }

    deinit {
        keys.deallocate()
        raw.deinitialize()
        raw.deallocate()
        rawRow.deallocate()
        sectionShown.deallocate()
        failed.deallocate()
        applies.deallocate()
    }

    // MARK: The response's answers

    /// Starts a response: no answer given yet.
    public func beginResponse() {
        row &+= 1
        if row == 0 {
            rawRow.update(repeating: 0)
            row = 1
        }
        keys.update(repeating: -1)
    }

    /// Starts a response with its raw texts, aligned with the validator's `fieldNames` (nil for
    /// no answer).
    public func beginResponse(texts raw: [String?]) {
        precondition(raw.count == count, "\(raw.count) answers for \(count) variables")
        beginResponse()
        for (position, text) in raw.enumerated() {
            if let text { setText(text, at: position) }
        }
    }

    /// Gives the caller's number for an answer's raw text: equal texts of a field, equal numbers
    /// (from 0, densely), for every response given to this workspace.
    public func setKey(_ key: Int32, at position: Int) {
        keys[position] = key
    }

    /// Whether the validator needs the answer's text: not when the numbered answer's parse is kept.
    public func needsText(at position: Int) -> Bool {
        keptVerdict(position) == 0
    }

    /// Gives an answer's raw text.
    public func setText(_ text: String, at position: Int) {
        raw[position] = text
        rawRow[position] = row
    }

    /// Whether an answer was given for the variable, by number or text.
    public func isGiven(_ position: Int) -> Bool {
        keys[position] >= 0 || rawRow[position] == row
    }

    /// The kept verdict of the answer's parse (`ParsedAnswers.meets`…), or 0.
    func keptVerdict(_ position: Int) -> UInt8 {
        parsed?.verdict(position, keys[position]) ?? 0
    }

    func key(_ position: Int) -> Int32 { keys[position] }

    /// The answer's raw text without surrounding ASCII whitespace, or "" when none was given.
    func text(_ position: Int) -> String {
        guard rawRow[position] == row, let text = raw[position] else { return "" }
        return text.trimmingASCIIWhitespace()
    }

    /// Whether the answer is more than whitespace (a kept parse was made of such an answer).
    func hasText(_ position: Int) -> Bool {
        keptVerdict(position) != 0 || !text(position).isEmpty
    }

    // MARK: The validation's results

    /// Clears the last validation's results.
    func startValidation() {
        answers.source.update(repeating: ValidatedAnswers.none)
        sectionShown.update(repeating: -1)
        failed.update(repeating: false)
        failedCount = 0
        applies.update(repeating: false)
        issues.removeAll(keepingCapacity: true)
        warnings.removeAll(keepingCapacity: true)
        ignored.removeAll(keepingCapacity: true)
    }

    func fail(_ position: Int, _ kind: ValidationIssue.Kind, _ message: String) {
        issues.append(ValidationIssue(field: names[position], kind: kind, message: message))
        if !failed[position] {
            failed[position] = true
            failedCount += 1
        }
    }

    /// Whether the valid answer at a position breaks its question's soft limit.
    func breaksWarning(_ position: Int, _ warning: FormExpression) -> Bool {
        let value = answers.value(at: position)
        if case .empty = value { return false }
        return !isTrue(warning, current: value)
    }

    func isTrue(_ expression: FormExpression, current: ExpressionValue, item: Choice? = nil) -> Bool {
        answers.item = item
        defer { if item != nil { answers.item = nil } }
        // The response's context has no `.`: a choice filter, which has none either, needs no copy.
        if case .empty = current { return expression.isTrue(in: context) }
        var context = context
        context.current = current
        return expression.isTrue(in: context)
    }

    func evaluate(_ expression: FormExpression) -> ExpressionValue {
        expression.evaluate(in: context)
    }

    /// The canonical value of a valid, applicable answer, or nil.
    public func value(at position: Int) -> String? {
        let source = answers.source[position]
        if source >= 0 { return String(decoding: parsed!.canonicalBytes(position, source), as: UTF8.self) }
        return source == ValidatedAnswers.own ? answers.canonical[position] : nil
    }

    /// Reads the canonical value's UTF-8 bytes, or nil for no value, without copying it.
    public func withValue<R>(at position: Int, _ body: (UnsafeRawBufferPointer?) -> R) -> R {
        let source = answers.source[position]
        if source >= 0 { return body(parsed!.canonicalBytes(position, source)) }
        guard source == ValidatedAnswers.own else { return body(nil) }
        var text = answers.canonical[position]
        return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }

    /// Whether a choice answer holds `other`, read from its canonical text (codes one space
    /// apart; a code has no space, `SurveyParser`) without a copy. When `last`, `other` can
    /// only be the last code (`FieldRule.otherComesLast`), and only the end is read.
    func holdsOther(at position: Int, last: Bool) -> Bool {
        withValue(at: position) { value in
            guard let value else { return false }
            let code = Choice.otherValue.utf8
            if last {
                guard value.count >= code.count else { return false }
                let start = value.count - code.count
                return value[start...].elementsEqual(code) && (start == 0 || value[start - 1] == 0x20)
            }
            return ASCIIWords(value).contains { value[$0].elementsEqual(code) }
        }
    }

    /// Reads every canonical value's bytes in field order (nil for no value), without copying them.
    public func forEachValue(_ body: (UnsafeRawBufferPointer?) -> Void) {
        for position in 0..<count { withValue(at: position, body) }
    }

    /// The canonical values, aligned with the validator's `fieldNames` (nil for none).
    public var values: [String?] {
        (0..<count).map(value(at:))
    }
}

/// The answers stored so far in one response, which later expressions read by position: kept
/// answers where they are kept, others in memory of their own.
final class ValidatedAnswers {
    static let none: Int32 = -1
    static let own: Int32 = -2
    /// Per position: `none`, `own` (`canonical` and `typed` hold it) or the number of a kept answer.
    let source: UnsafeMutableBufferPointer<Int32>
    let canonical: UnsafeMutableBufferPointer<String>
    let typed: UnsafeMutableBufferPointer<ExpressionValue>
    let parsed: ParsedAnswers?
    let index: [String: Int]
    /// The choice a choice filter is judging.
    var item: Choice?

    init(index: [String: Int], count: Int, parsed: ParsedAnswers?) {
        self.index = index
        self.parsed = parsed
        source = .allocate(capacity: count)
        source.initialize(repeating: Self.none)
        canonical = .allocate(capacity: count)
        canonical.initialize(repeating: "")
        typed = .allocate(capacity: count)
        typed.initialize(repeating: .empty)
    }

    deinit {
        source.deallocate()
        canonical.deinitialize()
        canonical.deallocate()
        typed.deinitialize()
        typed.deallocate()
    }

    func store(_ position: Int, _ text: String, _ value: ExpressionValue) {
        canonical[position] = text
        typed[position] = value
        source[position] = Self.own
    }

    func storeKept(_ position: Int, _ key: Int32) {
        source[position] = key
    }

    func value(at position: Int) -> ExpressionValue {
        let source = source[position]
        if source >= 0 { return parsed!.typed(position, source) }
        return source == Self.own ? typed[position] : .empty
    }

    func value(_ name: String) -> ExpressionValue {
        index[name].map(value(at:)) ?? .empty
    }

    func attribute(_ name: String) -> ExpressionValue {
        item.map { ChoiceFilter.attribute(name, of: $0) } ?? .empty
    }
}
