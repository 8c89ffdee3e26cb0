import FabriqueCore
import FabriqueReports

/// The fiche's text on the coding screen: its Markdown rendered to HTML (raw HTML shown as text,
/// never as markup), with each saved excerpt highlighted in `<mark>` elements.
///
/// Highlighting works on the text only, never on the markup: the rendered HTML is split into tags
/// and text nodes, the text nodes are joined into the fiche's plain text (a line break between
/// blocks), each excerpt is found in it by `Excerpt.locate` (the one rule for a valid excerpt,
/// whitespace-insensitive), and the located characters are wrapped inside each text node they
/// cover. An excerpt over several paragraphs or list items thus gets one `<mark>` per text node,
/// and the Markdown's structure is kept. Excerpts of several criteria may overlap: the text is cut
/// into segments covered by the same set of criteria, and each segment's `<mark>` carries the
/// classes and the labels of every criterion covering it.
enum FicheHTML {
    /// A saved excerpt to highlight: its quote and the criterion it supports.
    struct Highlight: Equatable {
        var quote: String
        /// The criterion's colour, by its rank in the codebook (`extrait-0`, `extrait-1`…).
        var rank: Int
        var label: String
    }

    /// A piece of the rendered HTML: a tag (or comment) kept as is, or a text node's characters.
    private enum Piece {
        case markup(String)
        case text([Unicode.Scalar])
    }

    /// Elements whose boundaries separate words in the plain text.
    private static let blockTags: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre", "table", "thead", "tbody", "tr", "td", "th",
        "br", "hr", "div"
    ]

    static func render(markdown: String, highlights: [Highlight]) -> String {
        // Headings start at level 3: the page has its h1 and the section its h2.
        let html = MarkdownHTML.fragment(shiftingHeadings(markdown), showingRawHTML: true)
        let pieces = split(html)
        // The plain text, and for each of its characters the piece and offset it comes from
        // (nil for the line break put between blocks).
        var plain: [Unicode.Scalar] = []
        var origin: [(piece: Int, offset: Int)?] = []
        for (index, piece) in pieces.enumerated() {
            switch piece {
            case .markup(let tag):
                if blockTags.contains(tagName(tag)) && plain.last != "\n" {
                    plain.append("\n")
                    origin.append(nil)
                }
            case .text(let scalars):
                plain.append(contentsOf: scalars)
                origin.append(contentsOf: scalars.indices.map { (index, $0) })
            }
        }
        let text = String(String.UnicodeScalarView(plain))
        // For each text piece, the highlights covering each of its characters.
        var covering: [Int: [Set<Int>]] = [:]
        for (number, highlight) in highlights.enumerated() {
            guard let excerpt = Excerpt.locate(highlight.quote, in: text) else { continue }
            for position in excerpt.start..<excerpt.end {
                guard let (piece, offset) = origin[position] else { continue }
                if covering[piece] == nil, case .text(let scalars) = pieces[piece] {
                    covering[piece] = Array(repeating: [], count: scalars.count)
                }
                covering[piece]?[offset].insert(number)
            }
        }
        var out = ""
        for (index, piece) in pieces.enumerated() {
            switch piece {
            case .markup(let tag): out += tag
            case .text(let scalars):
                guard let sets = covering[index] else {
                    out += HTMLText.escape(String(String.UnicodeScalarView(scalars)))
                    continue
                }
                var start = 0
                while start < scalars.count {
                    var end = start + 1
                    while end < scalars.count && sets[end] == sets[start] { end += 1 }
                    let segment = HTMLText.escape(String(String.UnicodeScalarView(scalars[start..<end])))
                    out += sets[start].isEmpty ? segment : mark(segment, sets[start].sorted().map { highlights[$0] })
                    start = end
                }
            }
        }
        return out
    }

    /// A highlighted segment: a class per criterion (colour) and the criteria's labels as title.
    private static func mark(_ segment: String, _ covering: [Highlight]) -> String {
        var ranks: [Int] = []
        var labels: [String] = []
        for highlight in covering {
            if !ranks.contains(highlight.rank) { ranks.append(highlight.rank) }
            if !labels.contains(highlight.label) { labels.append(highlight.label) }
        }
        let classes = (["extrait"] + ranks.map { "extrait-\($0 % 6)" } + (ranks.count > 1 ? ["extrait-plusieurs"] : [])).joined(separator: " ")
        let title = (labels.count > 1 ? "Critères : " : "Critère : ") + labels.joined(separator: " ; ")
        return "<mark class=\"\(classes)\" title=\"\(HTMLText.escape(title))\">\(segment)</mark>"
    }

    /// `#` → `###`, `##` → `###`, `###` → `####`…: the fiche's headings sit under the page's h2.
    static func shiftingHeadings(_ markdown: String) -> String {
        var inFence = false
        return markdown.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle() }
            guard !inFence, line.count - trimmed.count < 4, trimmed.hasPrefix("#") else { return String(line) }
            let level = trimmed.prefix { $0 == "#" }.count
            let rest = trimmed.dropFirst(level)
            guard level <= 6, rest.isEmpty || rest.first == " " || rest.first == "\t" else { return String(line) }
            let shifted = min(6, max(3, level + 1))
            return String(repeating: "#", count: shifted) + rest
        }.joined(separator: "\n")
    }

    /// The HTML as tags and decoded text nodes. cmark's output is well formed: `<` only opens a
    /// tag or a comment, and text escapes only `&`, `<`, `>` and `"` (numeric references decoded too).
    private static func split(_ html: String) -> [Piece] {
        var pieces: [Piece] = []
        var rest = Substring(html)
        while !rest.isEmpty {
            if rest.first == "<" {
                let close = rest.hasPrefix("<!--") ? rest.range(of: "-->")?.upperBound : rest.firstIndex(of: ">").map { rest.index(after: $0) }
                let end = close ?? rest.endIndex
                pieces.append(.markup(String(rest[..<end])))
                rest = rest[end...]
            } else {
                let end = rest.firstIndex(of: "<") ?? rest.endIndex
                pieces.append(.text(Array(decode(rest[..<end]).unicodeScalars)))
                rest = rest[end...]
            }
        }
        return pieces
    }

    private static func tagName(_ tag: String) -> String {
        String(tag.dropFirst().drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }).lowercased()
    }

    /// The named character references cmark writes.
    private static let namedReferences: [Substring: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}"]

    private static func decode(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var out = ""
        var rest = text
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semicolon = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semicolon) <= 10 else {
                out += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let name = rest[rest.index(after: amp)..<semicolon]
            if let value = namedReferences[name] {
                out += value
            } else if name.hasPrefix("#x") || name.hasPrefix("#X"), let code = UInt32(name.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(code)
            {
                out.unicodeScalars.append(scalar)
            } else if name.hasPrefix("#"), let code = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(code) {
                out.unicodeScalars.append(scalar)
            } else {
                out += rest[amp...semicolon]
                rest = rest[rest.index(after: semicolon)...]
                continue
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return out + rest
    }
}
