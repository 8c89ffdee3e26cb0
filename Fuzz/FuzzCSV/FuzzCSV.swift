@_spi(Testing) import FabriqueCSV
import Foundation
import FuzzSupport

/// libFuzzer's entry: any bytes as a CSV file, read as `fabrique csv preview` and `import` read
/// one (encoding and delimiter detected, one large chunk), then again in chunks of a few bytes,
/// which must give the same records, lines and error; then with an encoding and a delimiter
/// imposed, as `--encoding` and `--delimiter` do.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    // The reader reads files: each input goes to one, removed once read.
    let path = CSVFuzzFile.path
    guard let file = fopen(path, "wb") else { fatalError("cannot write \(path)") }
    if count > 0 { fuzzCheck(fwrite(bytes.baseAddress!, 1, count, file) == count, "cannot write \(path)") }
    fclose(file)

    // One chunk larger than any input, as the reader's own megabyte is.
    let whole = CSVFuzzFile.outcome(path, chunk: 1 << 16)
    let chunk = 1 + count % 13
    let chunked = CSVFuzzFile.outcome(path, chunk: chunk)
    fuzzCheck(whole == chunked, "chunks of \(chunk) bytes read differently:\n\(whole)\n\(chunked)")

    let encoding: CSVEncoding = count % 2 == 0 ? .utf8 : .windows1252
    let delimiter = CSVDialect.candidates[count % CSVDialect.candidates.count]
    _ = CSVFuzzFile.outcome(path, encoding: encoding, delimiter: delimiter, chunk: 64)
    if let reader = try? CSVReader(path: path) { _ = try? CSVPreview(reader: reader, rows: 3) }
    unlink(path)
    return 0
}

/// Where the inputs are written, and what reading one gives.
enum CSVFuzzFile {
    /// One file per process, in memory where the system offers it.
    static let path: String = {
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return folder + "/fabrique-fuzz-csv-\(getpid()).csv"
    }()

    /// The dialect, each record with its line, and the error that stopped the read, as text.
    static func outcome(_ path: String, encoding: CSVEncoding? = nil, delimiter: UInt8? = nil, chunk: Int) -> String {
        var text = ""
        do {
            let reader = try CSVReader(path: path, encoding: encoding, delimiter: delimiter)
            reader.readChunkSize = chunk
            text = "\(reader.dialect)\n"
            try reader.forEachRecord { record in text += "\(record.line):\(record.fields)\n" }
        } catch {
            text += "error: \(error)"
        }
        return text
    }
}

/// Runs the entry under libFuzzer, or on the files given in a plain build.
@main
enum FuzzCSVMain {
    static func main() { FuzzDriver.main(fuzzCSV) }
}
