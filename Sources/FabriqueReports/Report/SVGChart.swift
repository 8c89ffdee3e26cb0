import FabriqueCore
import Foundation

/// Accessible SVG charts for the reports: horizontal bars (one bar per series and category) and
/// diverging stacked bars for Likert items. Each has a `<title>` and a `<desc>` that says the
/// values in words, and writes its numbers with fixed decimals so that output is byte-stable.
/// A hidden value (small-cell suppression) gets no bar, only its published mark ("< 5", "s").
public enum SVGChart {
    /// One series of a bar chart: a value (0–100) per category, nil when hidden, and the text shown
    /// at the end of each bar.
    public struct Series: Sendable, Equatable {
        public var name: String
        public var values: [Double?]
        public var labels: [String]
    }

    /// One Likert item: the share (0–100) of each scale point, nil when the item is hidden.
    public struct LikertRow: Sendable, Equatable {
        public var label: String
        public var shares: [Double]?
        public var mark: String
    }

    static let width = 720.0
    static let labelWidth = 290.0
    static let font = "font-family=\"Helvetica, Arial, sans-serif\""
    static let seriesColours = ["#1f4e79", "#9aa5b1", "#c55a11"]
    /// From disagreement (warm) to agreement (cool), readable by colour-blind readers.
    static let scaleColours: [Int: [String]] = [
        2: ["#d6604d", "#4393c3"],
        3: ["#d6604d", "#bababa", "#4393c3"],
        4: ["#b2182b", "#ef8a62", "#67a9cf", "#2166ac"],
        5: ["#b2182b", "#ef8a62", "#bababa", "#67a9cf", "#2166ac"],
        6: ["#b2182b", "#d6604d", "#f4a582", "#92c5de", "#4393c3", "#2166ac"],
        7: ["#b2182b", "#d6604d", "#f4a582", "#bababa", "#92c5de", "#4393c3", "#2166ac"]
    ]

    /// Horizontal bars: for each category, one bar per series, scaled to 100 %.
    public static func bars(title: String, description: String, categories: [String], series: [Series]) -> String {
        let barHeight = 14.0
        let gap = 3.0
        let groupGap = 12.0
        let legendHeight = series.count > 1 ? 26.0 : 0
        let top = 34.0 + legendHeight
        let groupHeight = Double(series.count) * (barHeight + gap) - gap
        let height = top + Double(categories.count) * (groupHeight + groupGap) + 8
        let plotWidth = width - labelWidth - 70
        var body = header(title: title, description: description, height: height)
        body += legend(series.map(\.name), colours: seriesColours, y: 34)
        for (index, category) in categories.enumerated() {
            let y = top + Double(index) * (groupHeight + groupGap)
            body += label(category, x: labelWidth - 8, y: y + groupHeight / 2)
            for (s, serie) in series.enumerated() {
                let barY = y + Double(s) * (barHeight + gap)
                let text = serie.labels[index]
                if let value = serie.values[index] {
                    let w = max(0, min(100, value)) / 100 * plotWidth
                    body +=
                        "<rect x=\"\(n(labelWidth))\" y=\"\(n(barY))\" width=\"\(n(w))\" "
                        + "height=\"\(n(barHeight))\" fill=\"\(seriesColours[s % seriesColours.count])\"/>\n"
                    body += "<text x=\"\(n(labelWidth + w + 4))\" y=\"\(n(barY + barHeight - 3))\" font-size=\"11\" \(font)>\(escape(text))</text>\n"
                } else {
                    body +=
                        "<text x=\"\(n(labelWidth + 4))\" y=\"\(n(barY + barHeight - 3))\" font-size=\"11\" "
                        + "font-style=\"italic\" fill=\"#555555\" \(font)>\(escape(text))</text>\n"
                }
            }
        }
        return body + "</svg>\n"
    }

    /// Diverging stacked bars: the points below the middle of the scale to the left of the axis,
    /// those above to the right, a middle point split across it.
    public static func diverging(title: String, description: String, scale: [String], rows: [LikertRow]) -> String {
        let barHeight = 18.0
        let gap = 14.0
        let top = 34.0 + 26 + 18 * Double((scale.count + 2) / 3)
        let height = top + Double(rows.count) * (barHeight + gap) + 8
        let plotWidth = width - labelWidth - 20
        let centre = labelWidth + plotWidth / 2
        let colours = scaleColours[scale.count] ?? Array(repeating: "#4393c3", count: scale.count)
        var body = header(title: title, description: description, height: height)
        body += legend(scale, colours: colours, y: 34)
        body += "<line x1=\"\(n(centre))\" y1=\"\(n(top - 6))\" x2=\"\(n(centre))\" y2=\"\(n(height - 6))\" stroke=\"#333333\" stroke-width=\"1\"/>\n"
        let half = scale.count / 2
        let middle = scale.count % 2 == 1 ? half : nil
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * (barHeight + gap)
            body += label(row.label, x: labelWidth - 8, y: y + barHeight / 2)
            let scaleFactor = plotWidth / 200
            guard let shares = row.shares else {
                body +=
                    "<text x=\"\(n(centre + 4))\" y=\"\(n(y + barHeight - 5))\" font-size=\"11\" "
                    + "font-style=\"italic\" fill=\"#555555\" \(font)>\(escape(row.mark))</text>\n"
                continue
            }
            // The middle point straddles the axis; lower points go left of it, higher ones right.
            let left = centre - (middle.map { shares[$0] / 2 } ?? 0) * scaleFactor
            var cursor = left
            for point in (0..<half).reversed() {
                let w = shares[point] * scaleFactor
                cursor -= w
                body += rect(cursor, y, w, barHeight, colours[point])
            }
            cursor = left
            if let middle {
                let w = shares[middle] * scaleFactor
                body += rect(cursor, y, w, barHeight, colours[middle])
                cursor += w
            }
            for point in (middle.map { $0 + 1 } ?? half)..<scale.count {
                let w = shares[point] * scaleFactor
                body += rect(cursor, y, w, barHeight, colours[point])
                cursor += w
            }
        }
        return body + "</svg>\n"
    }

    static func header(title: String, description: String, height: Double) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" viewBox="0 0 \(n(width)) \(n(height))" \
        role="img" aria-labelledby="titre description" lang="fr">
        <title id="titre">\(escape(title))</title>
        <desc id="description">\(escape(description))</desc>
        <rect width="100%" height="100%" fill="#ffffff"/>
        <text x="8" y="20" font-size="14" font-weight="bold" \(font)>\(escape(shortened(title, 95)))</text>

        """
    }

    static func legend(_ names: [String], colours: [String], y: Double) -> String {
        guard names.count > 1 else { return "" }
        var body = ""
        for (index, name) in names.enumerated() {
            let x = 8 + Double(index % 3) * 236
            let rowY = y + Double(index / 3) * 18
            body += "<rect x=\"\(n(x))\" y=\"\(n(rowY))\" width=\"12\" height=\"12\" fill=\"\(colours[index % colours.count])\"/>\n"
            body += "<text x=\"\(n(x + 16))\" y=\"\(n(rowY + 10))\" font-size=\"11\" \(font)>\(escape(shortened(name, 36)))</text>\n"
        }
        return body
    }

    /// A category label right-aligned before the bars, on two lines when long.
    static func label(_ text: String, x: Double, y: Double) -> String {
        let lines = wrapped(text, width: 44)
        let firstY = y + 4 - Double(lines.count - 1) * 6.5
        return lines.enumerated().map { index, line in
            "<text x=\"\(n(x))\" y=\"\(n(firstY + Double(index) * 13))\" font-size=\"11\" text-anchor=\"end\" \(font)>\(escape(line))</text>\n"
        }.joined()
    }

    static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ colour: String) -> String {
        guard w > 0 else { return "" }
        return "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(h))\" fill=\"\(colour)\"/>\n"
    }

    /// Up to two lines of at most `width` characters, cut at spaces; the rest becomes "…".
    static func wrapped(_ text: String, width: Int) -> [String] {
        guard text.count > width else { return [text] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        guard lines.count > 2 else { return lines }
        return [lines[0], shortened(lines[1...].joined(separator: " "), width)]
    }

    static func shortened(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// A coordinate with one decimal, the same on every machine.
    static func n(_ x: Double) -> String { String(format: "%.1f", x) }

    static func escape(_ text: String) -> String { HTMLText.escape(text) }
}
