import FabriqueCore
import Testing

/// The one Markdown table writer.
struct MarkdownTableTests {
    @Test func cellsAreEscapedAndColumnsAligned() {
        let table = MarkdownTable(header: ["Région", "n"], rows: [["Grand Est | Nord", "12"], ["ligne\nsuivante", "3"]], alignments: [.left, .right])
        #expect(
            table.markdown() == """
                | Région | n |
                |:---|---:|
                | Grand Est \\| Nord | 12 |
                | ligne suivante | 3 |
                """)
    }

    @Test func unalignedColumnsAndACallersEscaper() {
        let table = MarkdownTable(header: ["a", "b", "c"], rows: [["[x](x.md)", "*", ""]])
        #expect(table.markdown { $0 } == "| a | b | c |\n|---|---|---|\n| [x](x.md) | * |  |")
        #expect(MarkdownTable.escapeCell("sans barre") == "sans barre")
    }
}
