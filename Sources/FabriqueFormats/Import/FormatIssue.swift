/// Where something stands in another tool's file: a spreadsheet cell, a line and column of a
/// text file, or the file as a whole.
public enum FormatPlace: Sendable, Hashable {
    /// A cell of a workbook: `survey!A14`.
    case cell(sheet: String, CellReference)
    /// A line and column (1-based) of a text file; for CSV and TSV files the column is the field's position.
    case text(line: Int, column: Int)
    /// The file as a whole.
    case file
}

/// A located remark about another tool's file: something fabrique cannot represent, or a
/// change it made while reading. Printed as `FILE:SHEET!CELL: message` or `FILE:LINE:COLUMN: message`.
public struct FormatIssue: Sendable, Hashable, CustomStringConvertible {
    /// The file name as the user gave it.
    public var file: String
    /// Where the construct is.
    public var place: FormatPlace
    /// What it is and what to do about it.
    public var message: String

    /// Creates an issue.
    public init(file: String, place: FormatPlace, message: String) {
        self.file = file
        self.place = place
        self.message = message
    }

    /// The location part: `form.xlsx:survey!A14`, `dictionary.csv:12:4` or `form.txt`.
    public var location: String {
        switch place {
        case .cell(let sheet, let reference): "\(file):\(sheet)!\(reference)"
        case .text(let line, let column): "\(file):\(line):\(column)"
        case .file: file
        }
    }

    public var description: String { "\(location): \(message)" }
}
