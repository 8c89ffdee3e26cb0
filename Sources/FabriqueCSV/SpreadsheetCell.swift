/// Spreadsheet formula injection, neutralised the OWASP way: a cell that starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return is run as a formula by Excel, LibreOffice and Google
/// Sheets (`=HYPERLINK(…)` sends data away, `+cmd|' /C calc'!A0` runs a program). Such a cell is
/// written with a leading `'`, which spreadsheets read as "this is text" and do not display.
/// A plain number (`-1`, `+2,5`) is not a formula and is left alone, so it stays a number.
public enum SpreadsheetCell {
    /// `text`, or `'text` when a spreadsheet would read it as a formula.
    public static func neutralised(_ text: String) -> String {
        guard let first = text.utf8.first, triggers.contains(first), !isPlainNumber(text) else { return text }
        return "'" + text
    }

    /// Whether a spreadsheet would run `text` as a formula.
    public static func isFormula(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        return triggers.contains(first) && !isPlainNumber(text)
    }

    private static let triggers: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D]

    /// An optional sign, digits, and at most one decimal separator followed by digits.
    static func isPlainNumber(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let parts = bytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).flatMap {
            $0.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        }
        return (1...2).contains(parts.count)
            && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }
    }
}
