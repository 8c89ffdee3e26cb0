/// Answers one thread has already parsed, so that a bulk import does not parse the same code,
/// number or date millions of times. The caller numbers each field's raw texts (equal texts,
/// equal numbers; `ValidationWorkspace.setKey`); the validator keeps the parse of a numbered
/// text and reuses it, with the same results as parsing it again (a test compares both). Only
/// parses that depend on the text alone are kept (`FieldRule.parseDependsOnTextAlone`); refused
/// answers are parsed, and reported, each time; a constraint that reads the answer alone is
/// judged once with its parse (a workspace has one validation date). Not thread-safe.
///
/// A kept answer is read where it lies (its verdict, its canonical bytes, its typed value when
/// an expression reads it), never copied per response: copies cost a reference count each, for
/// every answer of every row.
final class ParsedAnswers {
    /// What is kept for one field, by the caller's number.
    struct Field {
        /// 0: nothing kept; 1: meets the constraint (or has none); 2: fails it; 3: judged per response.
        var verdicts: [UInt8] = []
        var typed: [ExpressionValue] = []
        /// Where each canonical text is in `text`.
        var starts: [Int] = []
        var lengths: [Int] = []
    }

    static let meets: UInt8 = 1
    static let fails: UInt8 = 2
    static let judgedPerResponse: UInt8 = 3

    /// In memory of their own, read and written through a constant pointer: as a class's array
    /// they would pay a dynamic exclusivity check on every access.
    private let fields: UnsafeMutableBufferPointer<Field>
    /// The canonical texts, end to end, in memory of their own: read per answer of every row,
    /// an array's buffer would be retained and released for each read.
    private var text: UnsafeMutableRawPointer
    private var textCount = 0
    private var textCapacity = 4096

    init(count: Int) {
        fields = .allocate(capacity: count)
        fields.initialize(repeating: Field())
        text = .allocate(byteCount: textCapacity, alignment: 1)
    }

    deinit {
        fields.deinitialize()
        fields.deallocate()
        text.deallocate()
    }

    /// The kept verdict of a field's numbered answer (`meets`, `fails`, `judgedPerResponse`), or 0.
    @inline(__always)
    func verdict(_ position: Int, _ key: Int32) -> UInt8 {
        let key = Int(key)
        guard key >= 0, key < fields[position].verdicts.count else { return 0 }
        return fields[position].verdicts[key]
    }

    /// The typed value of a kept answer.
    func typed(_ position: Int, _ key: Int32) -> ExpressionValue {
        fields[position].typed[Int(key)]
    }

    /// The canonical bytes of a kept answer, valid until the next `keep`.
    @inline(__always)
    func canonicalBytes(_ position: Int, _ key: Int32) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: text + fields[position].starts[Int(key)], count: fields[position].lengths[Int(key)])
    }

    /// Keeps the parse of a field's numbered answer; `meetsConstraint` is nil when the constraint
    /// must be judged per response. Returns false, keeping nothing, for an answer without number.
    @discardableResult
    func keep(_ position: Int, _ key: Int32, canonical: String, typed: ExpressionValue, meetsConstraint: Bool?) -> Bool {
        let key = Int(key)
        guard key >= 0 else { return false }
        if fields[position].verdicts.count <= key {
            let missing = key + 1 - fields[position].verdicts.count
            fields[position].verdicts.append(contentsOf: repeatElement(0, count: missing))
            fields[position].typed.append(contentsOf: repeatElement(.empty, count: missing))
            fields[position].starts.append(contentsOf: repeatElement(0, count: missing))
            fields[position].lengths.append(contentsOf: repeatElement(0, count: missing))
        }
        fields[position].verdicts[key] =
            switch meetsConstraint {
            case true?: Self.meets
            case false?: Self.fails
            case nil: Self.judgedPerResponse
            }
        fields[position].typed[key] = typed
        var canonical = canonical
        canonical.withUTF8 { bytes in
            if textCount + bytes.count > textCapacity {
                let larger = UnsafeMutableRawPointer.allocate(byteCount: max(2 * textCapacity, textCount + bytes.count), alignment: 1)
                larger.copyMemory(from: text, byteCount: textCount)
                text.deallocate()
                text = larger
                textCapacity = max(2 * textCapacity, textCount + bytes.count)
            }
            if let base = bytes.baseAddress { (text + textCount).copyMemory(from: base, byteCount: bytes.count) }
            fields[position].starts[key] = textCount
            fields[position].lengths[key] = bytes.count
            textCount += bytes.count
        }
        return true
    }
}
