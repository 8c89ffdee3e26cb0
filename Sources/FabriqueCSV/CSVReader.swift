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
        dialect = CSVDialect(
            encoding: detectedEncoding, hasByteOrderMark: bom && detectedEncoding == .utf8,
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
    public func forEachRecord(progress: ((Int64) -> Void)? = nil, _ body: (CSVRecord) throws -> Void) throws {
        try forEachBatch(progress: progress) { batch in
            for index in 0..<batch.count { try body(batch.record(index)) }
        }
    }

    /// Calls `body` with batches of up to `size` records in file order (the header is the first
    /// record of the first batch), as `forEachRecord` does one record at a time. Each batch comes from
    /// `makeBatch` (empty), so that a caller can hand out used batches again instead of new ones.
    public func forEachBatch(
        size: Int = 256, makeBatch: @escaping () -> CSVBatch = CSVBatch.init, progress: ((Int64) -> Void)? = nil,
        _ body: (CSVBatch) throws -> Void
    ) throws {
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
            let failed = buffer.withUnsafeBytes { raw in
                let chunk = UnsafeRawBufferPointer(rebasing: raw[start..<count])
                let keepsSpaces = !scansEdgeSpaces || spaces.keepsSpaces(chunk)
                csv_set_space_func(&parser, keepsSpaces ? fabrique_csv_no_space : nil)
                return parseChunk(chunk, &parser, state, context)
            }
            if failed {
                try state.deliver(all: true, body)
                throw CSVError.malformed(
                    file: path, line: state.currentRecordLine,
                    reason: "bad quoting: text after a closing quote; put the whole field in quotes and double the quotes inside it (\"\")")
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
        bareQuotes = (state.bareQuoteCount, state.bareQuoteLines)
        moreBareQuoteLines = state.moreBareQuoteLines
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

    /// Parses one chunk; true on a quoting error. A quote inside an unquoted field (`37°36'37.8"N`)
    /// is read as a literal quote, as Python's csv module and Excel read it, and its line is kept
    /// for a warning: libcsv's strict mode stops on it, before consuming it, with the field still
    /// open, so that quote alone is fed without strict mode and the parse goes on.
    private func parseChunk(_ chunk: UnsafeRawBufferPointer, _ parser: inout csv_parser, _ state: ParseState, _ context: UnsafeMutableRawPointer)
        -> Bool
    {
        var offset = 0
        while offset < chunk.count {
            offset += csv_parse(&parser, chunk.baseAddress! + offset, chunk.count - offset, ParseState.field, ParseState.record, context)
            guard offset < chunk.count else { return false }
            guard chunk[offset] == UInt8(ascii: "\""), parser.quoted == 0 else { return true }
            state.noteBareQuote()
            let options = csv_get_opts(&parser)
            csv_set_opts(&parser, UInt8(options & ~CSV_STRICT))
            parser.status = 0
            offset += csv_parse(&parser, chunk.baseAddress! + offset, 1, ParseState.field, ParseState.record, context)
            csv_set_opts(&parser, UInt8(options))
        }
        return false
    }

    /// The lines of fields that held a quote inside an unquoted field, read as a literal quote
    /// (the first ten), and how many such quotes the file held; set by a read.
    public private(set) var bareQuotes: (count: Int, lines: [Int]) = (0, [])
    /// Whether bare quotes stood on more lines than `bareQuotes.lines` keeps.
    private var moreBareQuoteLines = false

    /// A warning naming where bare quotes were read as literal quotes, or nil when there were none.
    public var bareQuoteWarning: String? {
        guard bareQuotes.count > 0 else { return nil }
        let lines = bareQuotes.lines.map(String.init).joined(separator: ", ")
        return
            "\(path): \(bareQuotes.count) quote(s) inside unquoted fields were read as literal quotes (line\(bareQuotes.lines.count > 1 ? "s" : "") "
            + "\(lines)\(moreBareQuoteLines ? ", …" : "")); check those cells, or quote the whole field and double the quotes inside it (\"\")"
    }

    /// All records of a small file, for tests and previews.
    public func records() throws -> [CSVRecord] {
        var result: [CSVRecord] = []
        try forEachRecord { result.append($0) }
        return result
    }
}
