import ArgumentParser
import FabriqueCSV
import FabriqueCore

/// Options shared by commands that read a CSV file.
struct CSVInputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The file's encoding: utf-8 or windows-1252 (default: detected).", valueName: "name"))
    var encoding: String?

    @Option(help: ArgumentHelp("The field separator: ',' ';' or tab (default: detected).", valueName: "char"))
    var delimiter: String?

    func validate() throws {
        if let encoding, CSVEncoding(name: encoding) == nil { throw ValidationError("--encoding must be utf-8 or windows-1252, not '\(encoding)'") }
        if let delimiter, CSVDialect.delimiter(named: delimiter) == nil {
            throw ValidationError("--delimiter must be ',' ';' or tab, not '\(delimiter)'")
        }
    }

    /// Opens a reader with the overrides in force.
    func reader(_ path: String) throws -> CSVReader {
        try CSVReader(path: path, encoding: encoding.flatMap(CSVEncoding.init(name:)), delimiter: delimiter.flatMap(CSVDialect.delimiter(named:)))
    }
}

/// `fabrique csv`: look at CSV files before importing them.
struct CSVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Look at CSV files before importing them.",
        subcommands: [Preview.self]
    )

    /// `fabrique csv preview FILE`.
    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a CSV file's encoding, delimiter, header, first rows and number of records.",
            discussion: """
                The whole file is read, so a malformed record anywhere (an unterminated quote, or a record whose field count \
                differs from the header's) exits 1 with the line where that record starts.
                JSON: {"encoding", "delimiter", "header", "rows", "rowCount"}.
                """
        )

        @Argument(help: ArgumentHelp("The CSV file.", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp("How many data records to show.", valueName: "n"))
        var rows = 20

        @Option(help: "Output format: table or json.")
        var format: OutputFormat = .table

        @OptionGroup var input: CSVInputOptions

        func validate() throws {
            guard rows >= 0 else { throw ValidationError("--rows must be 0 or more") }
            guard format == .table || format == .json else { throw ValidationError("csv preview prints --format table or json") }
        }

        func run() throws {
            let reader = try input.reader(file)
            let preview = try CSVPreview(reader: reader, rows: rows)
            if let warning = reader.bareQuoteWarning { Console.error("warning: \(warning)") }
            if format == .json {
                let json = PreviewJSON(
                    encoding: preview.dialect.encoding.rawValue, delimiter: preview.dialect.delimiterText, header: preview.header,
                    rows: preview.rows, rowCount: preview.rowCount)
                print(try JSONOutput.text(json))
                return
            }
            let delimiter = preview.dialect.delimiter == 9 ? "tab" : preview.dialect.delimiterText
            print(
                "\(file): \(preview.dialect.encoding.rawValue)\(preview.dialect.hasByteOrderMark ? " with BOM" : ""), "
                    + "delimiter '\(delimiter)', \(preview.header.count) columns, \(preview.rowCount) records"
            )
            let shown = preview.rows.map { $0.map { Self.clip($0) } }
            print(Console.table([preview.header.map { Self.clip($0) }] + shown))
            if preview.rowCount > preview.rows.count { print("… \(preview.rowCount - preview.rows.count) more records") }
        }

        /// The JSON of a preview, with the keys the help lists.
        private struct PreviewJSON: Encodable {
            let encoding, delimiter: String
            let header: [String]
            let rows: [[String]]
            let rowCount: Int
        }

        /// One line per cell, cut at 30 characters, so a wide file stays readable.
        static func clip(_ text: String) -> String {
            let flat = text.replacingOccurrences(of: "\r\n", with: "⏎").replacingOccurrences(of: "\n", with: "⏎").replacingOccurrences(
                of: "\r", with: "⏎")
            return flat.count > 30 ? String(flat.prefix(29)) + "…" : flat
        }
    }
}
