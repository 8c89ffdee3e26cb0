import CLibCSV
import Foundation

/// What libcsv's callbacks build: decoded fields packed into batches, and line accounting.
final class ParseState {
    /// The encoding fields are decoded from.
    let encoding: CSVEncoding
    /// Whether each field is checked as UTF-8 (UTF-8 imposed rather than detected).
    let checkUTF8: Bool
    /// Records per batch.
    let batchSize: Int
    /// Where empty batches come from.
    let makeBatch: () -> CSVBatch
    /// What the callbacks change, behind a pointer: libcsv calls back for every field, and each
    /// access to a class's stored property would pay Swift's dynamic exclusivity check.
    let cursor: UnsafeMutablePointer<Cursor>
    /// Full batches not yet given.
    var ready: [CSVBatch] = []

    struct Cursor {
        /// The batch being filled.
        var current: CSVBatch
        /// The first line holding bytes that are not UTF-8, when UTF-8 was imposed.
        var invalidUTF8Line: Int?
        /// The line where a field over `CSVReader.maximumFieldBytes` starts.
        var oversizedLine: Int?
        /// The line the parser is on: 1 + line breaks seen (CRLF counts once).
        var line = 1
        var recordStart = 1
        var lastWasCR = false
    }

    /// Starts with an empty batch.
    init(encoding: CSVEncoding, checkUTF8: Bool, batchSize: Int, makeBatch: @escaping () -> CSVBatch) {
        self.encoding = encoding
        self.checkUTF8 = checkUTF8
        self.batchSize = batchSize
        self.makeBatch = makeBatch
        cursor = .allocate(capacity: 1)
        cursor.initialize(to: Cursor(current: makeBatch()))
    }

    deinit {
        cursor.deinitialize(count: 1)
        cursor.deallocate()
    }

    /// Quotes read literally inside unquoted fields.
    var bareQuoteCount = 0
    /// The first ten lines holding such quotes.
    var bareQuoteLines: [Int] = []
    /// Whether more lines held such quotes than `bareQuoteLines` keeps.
    var moreBareQuoteLines = false

    /// Counts a quote read literally inside an unquoted field, at the current record's line.
    func noteBareQuote() {
        bareQuoteCount += 1
        let line = currentRecordLine
        guard bareQuoteLines.last != line else { return }
        if bareQuoteLines.count < 10 { bareQuoteLines.append(line) } else { moreBareQuoteLines = true }
    }

    /// The first line with bytes that are not UTF-8, when UTF-8 was imposed.
    var invalidUTF8Line: Int? { cursor.pointee.invalidUTF8Line }
    /// The line where a field over the maximum size starts.
    var oversizedLine: Int? { cursor.pointee.oversizedLine }

    /// The line where the record being read starts (for errors).
    var currentRecordLine: Int { cursor.pointee.current.pendingFields == 0 ? cursor.pointee.line : cursor.pointee.recordStart }

    /// Gives the full batches, and with `all` the complete records of the one being filled.
    func deliver(all: Bool, _ body: (CSVBatch) throws -> Void) throws {
        for batch in ready { try body(batch) }
        ready.removeAll(keepingCapacity: true)
        if all, cursor.pointee.current.count > 0 {
            let last = cursor.pointee.current
            cursor.pointee.current = makeBatch()
            try body(last)
        }
    }

    /// libcsv's field callback; the reader holds the state while libcsv runs. (Using it without
    /// retaining it, through an underscored API, saved under 2 % of the import's wall time.)
    static let field: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { pointer, length, context in
        Unmanaged<ParseState>.fromOpaque(context!).takeUnretainedValue().take(pointer, length)
    }

    private func take(_ pointer: UnsafeMutableRawPointer?, _ length: Int) {
        let state = self
        if cursor.pointee.current.pendingFields == 0 { cursor.pointee.recordStart = cursor.pointee.line }
        cursor.pointee.lastWasCR = false
        var bytes = UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : length)
        if bytes.count > CSVReader.maximumFieldBytes {
            if cursor.pointee.oversizedLine == nil { cursor.pointee.oversizedLine = cursor.pointee.recordStart }
            bytes = UnsafeRawBufferPointer(rebasing: bytes[0..<0])
        }
        if state.encoding == .windows1252 {
            cursor.pointee.current.appendWindows1252Field(bytes)
        } else {
            if state.checkUTF8, cursor.pointee.invalidUTF8Line == nil {
                var validator = UTF8Validator()
                validator.feed(bytes)
                if !validator.isComplete { cursor.pointee.invalidUTF8Line = cursor.pointee.recordStart }
            }
            cursor.pointee.current.appendField(bytes)
        }
        // Line breaks inside a quoted field move the line counter too.
        guard let base = bytes.baseAddress, memchr(base, 0x0A, bytes.count) != nil || memchr(base, 0x0D, bytes.count) != nil else { return }
        var previousCR = false
        for byte in bytes {
            if byte == 0x0D {
                cursor.pointee.line += 1
                previousCR = true
            } else {
                if byte == 0x0A, !previousCR { cursor.pointee.line += 1 }
                previousCR = false
            }
        }
    }

    /// libcsv's record callback: ends the record, hands over a full batch, and counts the line break.
    static let record: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { terminator, context in
        let state = Unmanaged<ParseState>.fromOpaque(context!).takeUnretainedValue()
        let cursor = state.cursor
        if cursor.pointee.current.pendingFields > 0 {
            cursor.pointee.current.endRecord(line: cursor.pointee.recordStart)
            if cursor.pointee.current.count >= state.batchSize || cursor.pointee.current.bytes.count >= CSVReader.batchBytes {
                state.ready.append(cursor.pointee.current)
                cursor.pointee.current = state.makeBatch()
            }
        }
        switch terminator {
        case 0x0D:
            cursor.pointee.line += 1
            cursor.pointee.lastWasCR = true
        case 0x0A:
            if !cursor.pointee.lastWasCR { cursor.pointee.line += 1 }
            cursor.pointee.lastWasCR = false
        default:
            cursor.pointee.lastWasCR = false
        }
    }
}

/// The two halves' verdicts of a parallel encoding scan.
final class ScanResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Bool?] = [nil, nil]

    /// Records one half's verdict.
    func set(_ half: Int, _ result: Bool?) {
        lock.lock()
        results[half] = result
        lock.unlock()
    }

    /// One half's verdict.
    func get(_ half: Int) -> Bool? {
        lock.lock()
        defer { lock.unlock() }
        return results[half]
    }
}
