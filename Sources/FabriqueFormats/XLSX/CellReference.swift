/// A cell's address in A1 style: a column of letters and a 1-based row.
public struct CellReference: Sendable, Hashable, CustomStringConvertible {
    /// The row, starting at 1.
    public var row: Int
    /// The column, starting at 1 (A = 1, Z = 26, AA = 27).
    public var column: Int

    /// Creates a reference.
    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Reads `B12` or `$B$12`; nil when the text is not a cell address.
    public init?(_ text: String) {
        var column = 0
        var digits = ""
        for character in text where character != "$" {
            if let ascii = character.asciiValue, character.isLetter, digits.isEmpty {
                column = column * 26 + Int(ascii & 0xDF) - 64
            } else if character.isASCII, character.isNumber {
                digits.append(character)
            } else {
                return nil
            }
        }
        guard column > 0, let row = Int(digits), row > 0 else { return nil }
        self.init(row: row, column: column)
    }

    /// The column's letters, such as `AB`.
    public static func letters(_ column: Int) -> String {
        var number = column
        var letters = ""
        while number > 0 {
            let remainder = (number - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            number = (number - 1) / 26
        }
        return letters
    }

    public var description: String { Self.letters(column) + String(row) }
}
