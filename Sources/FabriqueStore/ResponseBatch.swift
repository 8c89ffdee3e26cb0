import FabriqueCore

/// Responses to write, packed in one byte buffer: each response's id, digest and canonical values
/// end to end, with offsets. A bulk import builds one per batch of rows on its validating threads
/// and the writer binds straight from the buffer; the buffer is then reused, so a long import
/// neither allocates nor frees a string per value on the writing thread.
public struct ResponseBatch: Sendable {
    /// Values per response (the survey's fields, in the writer's `fieldNames` order).
    public let width: Int
    /// Each response's values joined by U+001F (U+001E for an absent one), then its id and digest.
    private(set) var bytes: [UInt8] = []
    /// Per value: its length, or -1 for no answer (a value starts one byte after the previous one).
    private(set) var lengths: [Int32] = []
    /// Per response: where its first value starts, and where its id and digest are.
    private(set) var rowStarts: [Int] = []
    private(set) var ids: [Range<Int>] = []
    private(set) var digests: [Range<Int>] = []
    /// Per response: the line of the source file, for messages.
    public private(set) var lines: [Int] = []

    /// An empty batch of responses with `width` values each.
    public init(width: Int) {
        self.width = width
    }

    /// The number of responses.
    public var count: Int { lines.count }

    /// The digest of canonical values, whatever path they came by (import, web form, edit): equal
    /// answers give equal digests, so a re-import of the same row is "unchanged".
    public static func digest(of values: [String?]) -> String {
        var batch = ResponseBatch(width: values.count)
        batch.append(line: 0, responseId: "", values: values)
        return batch.digest(0)
    }

    /// Adds a response and its digest: SHA-256 of the values joined by U+001F, U+001E standing for
    /// an absent one. The values are packed that way, so the digest reads them in one piece.
    public mutating func append(line: Int, responseId: String, values: [String?]) {
        precondition(values.count == width, "a response has \(values.count) values, the batch \(width)")
        appendResponse(line: line, responseId: responseId) { add in
            for value in values {
                guard var value else {
                    add(nil)
                    continue
                }
                value.withUTF8 { add(UnsafeRawBufferPointer($0)) }
            }
        }
    }

    /// Adds a response whose `width` values `values` gives, in order, as UTF-8 bytes (nil for no
    /// answer) to the function it is passed: a bulk import copies each value's bytes from where
    /// its validation keeps them, without a string per value.
    public mutating func appendResponse(line: Int, responseId: String, values: ((UnsafeRawBufferPointer?) -> Void) -> Void) {
        let first = bytes.count
        let firstLength = lengths.count
        rowStarts.append(first)
        // Each value is followed by a separator; the last one is taken back below.
        values { value in
            if let value {
                bytes.append(contentsOf: value)
                lengths.append(Int32(value.count))
            } else {
                bytes.append(0x1E)
                lengths.append(-1)
            }
            bytes.append(0x1F)
        }
        precondition(lengths.count - firstLength == width, "a response has \(lengths.count - firstLength) values, the batch \(width)")
        if width > 0 { bytes.removeLast() }
        var stream = SHA256.Stream()
        bytes.withUnsafeBytes { stream.update(UnsafeRawBufferPointer(rebasing: $0[first...])) }
        var id = responseId
        let idStart = bytes.count
        id.withUTF8 { bytes.append(contentsOf: $0) }
        ids.append(idStart..<bytes.count)
        let digestStart = bytes.count
        stream.finalize(appendingHexTo: &bytes)
        digests.append(digestStart..<bytes.count)
        lines.append(line)
    }

    /// Empties the batch and keeps its buffers, for reuse.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
        rowStarts.removeAll(keepingCapacity: true)
        ids.removeAll(keepingCapacity: true)
        digests.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
    }

    /// The text of a response's id, digest or value (for messages and conflict checks).
    func responseId(_ row: Int) -> String { text(ids[row]) }
    func digest(_ row: Int) -> String { text(digests[row]) }

    /// Where a value is in `bytes`, or nil for no answer.
    func value(_ row: Int, _ position: Int) -> Range<Int>? {
        var start = rowStarts[row]
        for earlier in 0..<position { start += Self.advance(lengths[row * width + earlier]) }
        let length = Int(lengths[row * width + position])
        return length < 0 ? nil : start..<(start + length)
    }

    /// From a value's start to the next one's: its bytes (or the U+001E of no answer) and the separator.
    @inline(__always)
    static func advance(_ length: Int32) -> Int {
        length < 0 ? 2 : Int(length) + 1
    }

    /// The packed bytes and each value's length (-1: no answer), row after row, for the writer
    /// to bind without touching an array per value.
    func withUnsafeValues<R>(_ body: (UnsafeRawBufferPointer, UnsafeBufferPointer<Int32>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes { raw in
            try lengths.withUnsafeBufferPointer { lengths in try body(raw, lengths) }
        }
    }

    func text(_ range: Range<Int>) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }
}
