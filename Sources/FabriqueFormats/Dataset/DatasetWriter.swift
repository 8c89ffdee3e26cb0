import CLibReadStat
import FabriqueCore
import Foundation

/// Writes a `Dataset` as an SPSS `.sav` or a Stata `.dta` file through ReadStat: variable and value
/// labels, declared missing values (SPSS user-missing values, Stata `.a`–`.z`), dates as dates.
public enum DatasetWriter {
    /// The file's bytes, with the layout's warnings.
    public static func data(_ dataset: Dataset, format: DatasetFormat) throws -> (data: Data, warnings: [String]) {
        let sink = DatasetSink(handle: nil)
        let layout = try write(dataset, format: format, to: sink)
        return (sink.buffer, layout.warnings)
    }

    /// Writes the file at `path` through a temporary file beside it, renamed into place once
    /// complete: a failure leaves neither a half-written file nor a changed one. Returns the warnings.
    @discardableResult
    public static func write(_ dataset: Dataset, format: DatasetFormat, toFile path: String) throws -> [String] {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp").path
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw DatasetError.output(path: path, reason: "check that the folder exists and is writable")
        }
        do {
            let sink = DatasetSink(handle: handle)
            let layout = try write(dataset, format: format, to: sink)
            try sink.flush()
            try handle.synchronize()
            try handle.close()
            guard rename(temporary, path) == 0 else {
                throw DatasetError.output(path: path, reason: String(cString: strerror(errno)))
            }
            return layout.warnings
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
            if let failure = error as? DatasetError { throw failure }
            throw DatasetError.output(path: path, reason: error.localizedDescription)
        }
    }

    private static func write(_ dataset: Dataset, format: DatasetFormat, to sink: DatasetSink) throws -> DatasetLayout {
        let layout = try DatasetLayout(dataset, format: format)
        guard let writer = readstat_writer_init() else { throw DatasetError.readStat(format: format, step: "start", message: "out of memory") }
        defer { readstat_writer_free(writer) }
        let check = ReadStatCheck(format: format, sink: sink)
        try check(readstat_set_data_writer(writer, datasetSinkWrite), "output")
        try check(readstat_writer_set_file_label(writer, layout.fileLabel), "file label")
        if format == .sav {
            try check(readstat_writer_set_compression(writer, READSTAT_COMPRESS_ROWS), "compression")
        } else {
            try check(readstat_writer_set_file_format_version(writer, 118), "format version 118")
        }
        let variables = try ReadStatVariables(dataset, layout: layout, writer: writer, check: check)
        for note in layout.notes { readstat_add_note(writer, note) }
        let context = Unmanaged.passUnretained(sink).toOpaque()
        let rows = dataset.rows.count
        if format == .sav {
            try check(readstat_begin_writing_sav(writer, context, rows), "header")
        } else {
            try check(readstat_begin_writing_dta(writer, context, rows), "header")
        }
        for (index, row) in dataset.rows.enumerated() {
            try check(readstat_begin_row(writer), "row \(index + 1)")
            for (column, value) in row.enumerated() {
                try variables.insert(value, column: column, row: index)
            }
            try check(readstat_end_row(writer), "row \(index + 1)")
        }
        try check(readstat_end_writing(writer), "end of file")
        return layout
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's algorithm).
    static func daysSince1970(_ date: CalendarDate) -> Int {
        let year = date.month <= 2 ? date.year - 1 : date.year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// A date as SPSS stores it: seconds since 1582-10-14.
    static func spssSeconds(_ date: CalendarDate) -> Double {
        Double(daysSince1970(date) - spssEpoch) * 86_400
    }

    /// A date as Stata stores it (`%td`): days since 1960-01-01.
    static func stataDays(_ date: CalendarDate) -> Double {
        Double(daysSince1970(date) - stataEpoch)
    }

    private static let spssEpoch = daysSince1970(CalendarDate(year: 1582, month: 10, day: 14)!)
    private static let stataEpoch = daysSince1970(CalendarDate(year: 1960, month: 1, day: 1)!)
}

/// Turns ReadStat's status codes into `DatasetError`s, preferring the output's own error.
struct ReadStatCheck {
    let format: DatasetFormat
    let sink: DatasetSink

    func callAsFunction(_ status: readstat_error_t, _ step: @autoclosure () -> String) throws {
        guard status != READSTAT_OK else { return }
        if let failure = sink.failure { throw DatasetError.output(path: "the output", reason: failure) }
        throw DatasetError.readStat(format: format, step: step(), message: String(cString: readstat_error_message(status)))
    }
}

/// Where ReadStat's bytes go: a buffer, flushed to a file when there is one.
final class DatasetSink {
    let handle: FileHandle?
    var buffer = Data()
    /// Why the file could not be written, once it could not.
    var failure: String?

    init(handle: FileHandle?) {
        self.handle = handle
    }

    func append(_ bytes: UnsafeRawPointer, count: Int) -> Bool {
        buffer.append(bytes.assumingMemoryBound(to: UInt8.self), count: count)
        guard handle != nil, buffer.count >= 1 << 16 else { return true }
        do {
            try flush()
            return true
        } catch {
            failure = error.localizedDescription
            return false
        }
    }

    func flush() throws {
        guard let handle, !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// ReadStat's output callback: the sink is the writer's user context.
private let datasetSinkWrite: readstat_data_writer = { bytes, count, context in
    guard let bytes, let context else { return -1 }
    let sink = Unmanaged<DatasetSink>.fromOpaque(context).takeUnretainedValue()
    return sink.append(bytes, count: count) ? count : -1
}
