import CLibCmark
import FabriqueCore
import Foundation

/// Markdown to HTML through cmark-gfm, GitHub's CommonMark implementation, with the GFM tables,
/// strikethrough, autolinks and the tag filter. Raw HTML in the Markdown is left out (cmark's safe
/// default), so a value typed by a respondent can never become markup in a report.
public enum MarkdownHTML {
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// The HTML fragment of a Markdown text.
    public static func fragment(_ markdown: String) -> String {
        _ = registered
        let options = CMARK_OPT_DEFAULT
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink", "tagfilter"] {
            if let extensionPointer = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extensionPointer)
            }
        }
        var text = markdown
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        guard let html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    /// A standalone French HTML page: the fragment, the stylesheet inlined (screen and print), and
    /// nothing fetched from elsewhere, so that the file opens offline and prints to PDF as is.
    public static func document(title: String, markdown: String, stylesheet: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(stylesheet)
        </style>
        </head>
        <body>
        <main>
        \(fragment(markdown))</main>
        </body>
        </html>

        """
    }

    static func escape(_ text: String) -> String { HTMLText.escape(text) }
}
