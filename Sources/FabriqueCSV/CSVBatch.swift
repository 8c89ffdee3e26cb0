/// Consecutive records of a CSV file packed in one byte buffer: every field's text (UTF-8,
/// already decoded from the file's encoding, quotes removed) end to end, with offsets. A bulk
/// import reads millions of fields; one buffer per batch, reused, costs no allocation per field
/// and keeps memory flat, where a string per field did neither.
public struct CSVBatch: Sendable {
    /// The fields' UTF-8 bytes, end to end.
    public private(set) var bytes: [UInt8] = []
    /// The end offset in `bytes` of each field; a field starts where the previous one ends.
    /// 32 bits are enough: the reader hands a batch over past 64 MiB and refuses fields over 1 GiB.
    private var fieldEnds: [UInt32] = [0]
    /// For each record, the index in `fieldEnds` of its last field's end.
    private var recordEnds: [UInt32] = [0]
    /// For each record, the line of the file where it starts.
    public private(set) var lines: [Int] = []

    /// An empty batch.
    public init() {}

    /// The number of complete records.
    public var count: Int { lines.count }

    /// The number of fields of a record.
    public func fieldCount(_ record: Int) -> Int {
        Int(recordEnds[record + 1] - recordEnds[record])
    }

    /// Where a field's bytes are in `bytes`.
    public func range(_ record: Int, _ field: Int) -> Range<Int> {
        let index = Int(recordEnds[record]) + field
        return Int(fieldEnds[index])..<Int(fieldEnds[index + 1])
    }

    /// A field's text.
    public func string(_ record: Int, _ field: Int) -> String {
        let range = range(record, field)
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    /// A record's fields as text.
    public func fields(_ record: Int) -> [String] {
        (0..<fieldCount(record)).map { string(record, $0) }
    }

    /// A record as a `CSVRecord` (for the few that are shown or written back, such as rejects).
    public func record(_ index: Int) -> CSVRecord {
        CSVRecord(line: lines[index], fields: fields(index))
    }

    /// Empties the batch and keeps its buffers, for reuse.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        fieldEnds.append(0)
        recordEnds.removeAll(keepingCapacity: true)
        recordEnds.append(0)
        lines.removeAll(keepingCapacity: true)
    }

    // MARK: Building (the reader)

    /// Fields added since the last complete record.
    var pendingFields: Int { fieldEnds.count - 1 - Int(recordEnds[recordEnds.count - 1]) }

    /// Adds a field of UTF-8 bytes to the record being read.
    mutating func appendField(_ utf8: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: utf8)
        fieldEnds.append(UInt32(bytes.count))
    }

    /// Adds a field of Windows-1252 bytes, decoded to UTF-8.
    mutating func appendWindows1252Field(_ source: UnsafeRawBufferPointer) {
        for byte in source {
            if byte < 0x80 {
                bytes.append(byte)
                continue
            }
            for unit in UTF8.encode(Windows1252.scalar(byte))! { bytes.append(unit) }
        }
        fieldEnds.append(UInt32(bytes.count))
    }

    /// Closes the record being read, which started on `line`.
    mutating func endRecord(line: Int) {
        recordEnds.append(UInt32(fieldEnds.count - 1))
        lines.append(line)
    }
}
