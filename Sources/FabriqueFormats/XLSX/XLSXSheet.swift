/// One worksheet's non-empty cells as text, by row and column (gaps are simply absent).
public struct XLSXSheet: Sendable {
    /// The sheet's name as the workbook spells it.
    public var name: String
    /// Text by row number, then column number (both from 1).
    public var cells: [Int: [Int: String]]

    /// Creates a sheet.
    public init(name: String, cells: [Int: [Int: String]]) {
        self.name = name
        self.cells = cells
    }

    /// The row numbers holding at least one non-empty cell, in order.
    public var rowNumbers: [Int] { cells.keys.sorted() }

    /// The text of a cell, nil when the cell is empty.
    public func value(row: Int, column: Int) -> String? { cells[row]?[column] }
}
