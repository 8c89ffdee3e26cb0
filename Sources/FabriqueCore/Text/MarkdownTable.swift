/// A GitHub-flavoured Markdown table: one helper for every table fabrique writes in Markdown
/// (published tables, reports, survey outlines, data dictionaries, agreement reports), so that they
/// all escape and align cells the same way.
public struct MarkdownTable: Sendable, Equatable {
    /// How a column aligns: GFM's `---` (none), `:---` (left) or `---:` (right).
    public enum Alignment: Sendable {
        case none, left, right
    }

    public var header: [String]
    public var rows: [[String]]
    /// One per column; missing ones are `.none`.
    public var alignments: [Alignment]

    /// A table; `alignments` shorter than the header leaves the other columns unaligned.
    public init(header: [String], rows: [[String]], alignments: [Alignment] = []) {
        self.header = header
        self.rows = rows
        self.alignments = alignments
    }

    /// The table's lines (no final line break). Each cell goes through `escape` first: by default
    /// `|` and line breaks, which would break the table; a caller whose cells are already Markdown
    /// (links, emphasis) passes `{ $0 }`, one whose cells are plain text a fuller escaper.
    public func markdown(escape: (String) -> String = MarkdownTable.escapeCell) -> String {
        func line(_ cells: [String]) -> String { "| " + cells.map(escape).joined(separator: " | ") + " |" }
        let rule =
            "|"
            + header.indices.map { index -> String in
                switch index < alignments.count ? alignments[index] : .none {
                case .none: "---|"
                case .left: ":---|"
                case .right: "---:|"
                }
            }.joined()
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }

    /// A cell with its `|` escaped and its line breaks made spaces.
    public static func escapeCell(_ text: String) -> String {
        guard text.contains(where: { $0 == "|" || $0.isNewline }) else { return text }
        return String(text.flatMap { $0 == "|" ? "\\|" : $0.isNewline ? " " : String($0) })
    }
}
