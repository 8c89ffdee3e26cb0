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

    /// The HTML fragment of a Markdown text. With `showingRawHTML`, raw HTML in the Markdown is
    /// shown as text (escaped) rather than left out: the coding screen quotes a fiche word for word.
    public static func fragment(_ markdown: String, showingRawHTML: Bool = false) -> String {
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
        if showingRawHTML { rawHTMLAsText(document) }
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

    /// Replaces the raw HTML nodes of a document by text nodes (a block by a paragraph) carrying
    /// the same characters, which the renderer then escapes.
    private static func rawHTMLAsText(_ document: OpaquePointer) {
        var raw: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document) else { return }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            if let node = cmark_iter_get_node(iterator), cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
                [CMARK_NODE_HTML_INLINE, CMARK_NODE_HTML_BLOCK].contains(cmark_node_get_type(node))
            {
                raw.append(node)
            }
        }
        cmark_iter_free(iterator)
        for node in raw {
            let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            guard let text = cmark_node_new(CMARK_NODE_TEXT) else { continue }
            cmark_node_set_literal(text, literal.trimmingCharacters(in: .newlines))
            var replacement = text
            if cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK, let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH) {
                cmark_node_append_child(paragraph, text)
                replacement = paragraph
            }
            cmark_node_replace(node, replacement)
            cmark_node_free(node)
        }
    }
}
