import CLibCSV
import Foundation

/// Streams the records of a CSV file through libcsv in strict mode, one chunk at a time, so memory
/// stays bounded whatever the file size. Detects the encoding (UTF-8, UTF-8 with BOM, or
/// Windows-1252) and the delimiter unless told, reads LF, CRLF and CR line endings, and gives each
/// record the line where it starts.
public final class CSVReader {
    /// The path, as given (used in messages).
    public let path: String
    /// The encoding and delimiter in force, detected or given.
    public let dialect: CSVDialect
    /// UTF-8 given by the caller rather than detected: each field is checked as it is decoded.
    private let checkUTF8: Bool
    /// Whether the file starts with a UTF-8 byte order mark, which is never part of a field.
    private let startsWithByteOrderMark: Bool

    static let chunkSize = 1 << 20
    /// The bytes read and parsed at a time (smaller in tests and fuzzers, to put chunk edges
    /// everywhere; they import it as SPI, which a release build allows where `@testable` does not).
    @_spi(Testing) public var readChunkSize = chunkSize
    /// Whether chunks without a space at a field's edge use libcsv's own space test (off in
    /// tests, to compare with reading every chunk through fabrique's).
    @_spi(Testing) public var scansEdgeSpaces = true
    /// A batch is handed over past this many bytes even when it holds fewer records than asked.
    static let batchBytes = 64 << 20
    /// The largest field read; a larger one is refused (it would not fit the batches' offsets).
    static let maximumFieldBytes = 1 << 30

    /// Opens the file and detects what was not given.
    public init(path: String, encoding: CSVEncoding? = nil, delimiter: UInt8? = nil) throws(CSVError) {
        self.path = path
        guard let file = fopen(path, "rb") else { throw CSVError.cannotRead(path: path) }
        defer { fclose(file) }
        var head = [UInt8](repeating: 0, count: 1 << 16)
        head.removeSubrange(fread(&head, 1, head.count, file)...)
        let bom = head.starts(with: [0xEF, 0xBB, 0xBF])
        let sample = bom ? Array(head.dropFirst(3)) : head
        let detectedEncoding: CSVEncoding
        if let encoding {
            detectedEncoding = encoding
        } else if bom {
            detectedEncoding = .utf8
        } else {
            detectedEncoding = try Self.isUTF8(file: file, path: path) ? .utf8 : .windows1252
        }
        checkUTF8 = encoding == .utf8
        startsWithByteOrderMark = bom
        dialect = CSVDialect(encoding: detectedEncoding, hasByteOrderMark: bom && detectedEncoding == .utf8,
                             delimiter: delimiter ?? DelimiterSniffer.detect(sample))
    }

    /// Whether the whole file is UTF-8. The scan comes before the first record is parsed, on one
    /// core while the other waits: a large file is scanned in two halves on two threads, the
    /// second starting at a character's first byte.
    private static func isUTF8(file: UnsafeMutablePointer<FILE>, path: String) throws(CSVError) -> Bool {
        let descriptor = fileno(file)
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw CSVError.cannotRead(path: path) }
        let size = Int(status.st_size)
        guard size >= 4 * chunkSize else {
            guard let valid = scanUTF8(descriptor, from: 0, to: size) else { throw CSVError.cannotRead(path: path) }
            return valid
        }
        // Continuation bytes (10xxxxxx) at the middle belong to the character before it.
        var middle = size / 2
        var byte: UInt8 = 0
        while middle < size / 2 + 4, pread(descriptor, &byte, 1, off_t(middle)) == 1, byte & 0xC0 == 0x80 { middle += 1 }
        let halves = ScanResults()
        let boundary = middle
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            halves.set(half, half == 0 ? scanUTF8(descriptor, from: 0, to: boundary) : scanUTF8(descriptor, from: boundary, to: size))
        }
        guard let first = halves.get(0), let second = halves.get(1) else { throw CSVError.cannotRead(path: path) }
        return first && second
    }

    /// Whether the bytes from `start` to `end` are complete UTF-8 characters; nil on a read error.
    private static func scanUTF8(_ descriptor: Int32, from start: Int, to end: Int) -> Bool? {
        var validator = UTF8Validator()
        // No larger than the bytes to scan: a small file does not pay for a large buffer.
        var buffer = [UInt8](repeating: 0, count: max(1, min(chunkSize, end - start)))
        var offset = start
        while offset < end, validator.isValid {
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, min($0.count, end - offset), off_t(offset)) }
            guard count > 0 else { return nil }
            buffer.withUnsafeBytes { validator.feed(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            offset += count
        }
        return validator.isComplete
    }

    /// Calls `body` for each record in file order (the header is the first record). Blank lines are
    /// skipped but counted. A quoting error stops the read with the line where the faulty record starts,
    /// after the records before it were given. `progress` receives the number of bytes read so far after each chunk.
    public func forEach(progress: ((Int64) -> Void)? = nil, _ body: (CSVRecord) throws -> Void) throws {
        try forEachBatch(progress: progress) { batch in
            for index in 0..<batch.count { try body(batch.record(index)) }
        }
    }

    /// Calls `body` with batches of up to `size` records in file order (the header is the first
    /// record of the first batch), as `forEach` does one record at a time. Each batch comes from
    /// `makeBatch` (empty), so that a caller can hand out used batches again instead of new ones.
    public func forEachBatch(size: Int = 256, makeBatch: @escaping () -> CSVBatch = CSVBatch.init, progress: ((Int64) -> Void)? = nil,
                             _ body: (CSVBatch) throws -> Void) throws {
        guard let file = fopen(path, "rb") else { throw CSVError.cannotRead(path: path) }
        defer { fclose(file) }
        let state = ParseState(encoding: dialect.encoding, checkUTF8: checkUTF8, batchSize: max(1, size), makeBatch: makeBatch)
        var parser = csv_parser()
        guard csv_init(&parser, UInt8(CSV_STRICT | CSV_REPALL_NL | CSV_STRICT_FINI)) == 0 else {
            throw CSVError.malformed(file: path, line: 1, reason: "cannot start the CSV parser")
        }
        defer { csv_free(&parser) }
        csv_set_delim(&parser, dialect.delimiter)
        // Keep spaces around fields: they belong to the values (RFC 4180). libcsv's own space
        // test is used for chunks where it cannot trim one (`EdgeSpaceScan`).
        var spaces = EdgeSpaceScan(delimiter: dialect.delimiter)
        let context = Unmanaged.passUnretained(state).toOpaque()
        var buffer = [UInt8](repeating: 0, count: readChunkSize)
        // The mark may span chunks when they are smaller than it (found by the fuzzer).
        var markLeft = startsWithByteOrderMark ? 3 : 0
        var bytesRead: Int64 = 0
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count == 0 { break }
            let start = min(markLeft, count)
            markLeft -= start
            let parsed = buffer.withUnsafeBytes { raw in
                let chunk = UnsafeRawBufferPointer(rebasing: raw[start..<count])
                let keepsSpaces = !scansEdgeSpaces || spaces.keepsSpaces(chunk)
                csv_set_space_func(&parser, keepsSpaces ? fabrique_csv_no_space : nil)
                return csv_parse(&parser, chunk.baseAddress!, chunk.count, ParseState.field, ParseState.record, context)
            }
            if parsed != count - start {
                try state.deliver(all: true, body)
                throw CSVError.malformed(file: path, line: state.currentRecordLine,
                                         reason: "bad quoting: a quote inside an unquoted field, or text after a closing quote; put the whole field in quotes and double the quotes inside it (\"\")")
            }
            if let line = state.invalidUTF8Line {
                throw CSVError.badEncoding(file: path, line: line, encoding: "UTF-8")
            }
            if let line = state.oversizedLine {
                throw CSVError.malformed(file: path, line: line, reason: "a field is larger than 1 GiB; is a quote left open?")
            }
            try state.deliver(all: false, body)
            bytesRead += Int64(count)
            progress?(bytesRead)
        }
        if ferror(file) != 0 { throw CSVError.cannotRead(path: path) }
        let finished = csv_fini(&parser, ParseState.field, ParseState.record, context)
        if let line = state.invalidUTF8Line { throw CSVError.badEncoding(file: path, line: line, encoding: "UTF-8") }
        if let line = state.oversizedLine {
            throw CSVError.malformed(file: path, line: line, reason: "a field is larger than 1 GiB; is a quote left open?")
        }
        if finished != 0 {
            try state.deliver(all: true, body)
            throw CSVError.unterminatedQuote(file: path, line: state.currentRecordLine)
        }
        try state.deliver(all: true, body)
    }

    /// All records of a small file, for tests and previews.
    public func records() throws -> [CSVRecord] {
        var result: [CSVRecord] = []
        try forEach { result.append($0) }
        return result
    }
}

/// What libcsv's callbacks build: decoded fields packed into batches, and line accounting.
private final class ParseState {
    let encoding: CSVEncoding
    let checkUTF8: Bool
    let batchSize: Int
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

    var invalidUTF8Line: Int? { cursor.pointee.invalidUTF8Line }
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

    /// libcsv's field callback. The state is used without being retained (the reader holds it
    /// while libcsv runs): a retain and release per field were a tenth of the reader's time.
    static let field: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { pointer, length, context in
        Unmanaged<ParseState>.fromOpaque(context!)._withUnsafeGuaranteedRef { $0.take(pointer, length) }
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
private final class ScanResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Bool?] = [nil, nil]

    func set(_ half: Int, _ result: Bool?) {
        lock.lock()
        results[half] = result
        lock.unlock()
    }

    func get(_ half: Int) -> Bool? {
        lock.lock()
        defer { lock.unlock() }
        return results[half]
    }
}
