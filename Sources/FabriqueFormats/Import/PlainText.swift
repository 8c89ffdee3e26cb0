import Foundation

/// Other tools' labels may hold HTML; fabrique's labels are plain text.
enum PlainText {
    /// The text without HTML tags, with common entities decoded and spaces tidied.
    static func plain(_ text: String) -> String {
        guard text.contains("<") || text.contains("&") else { return text }
        var result = text.replacingOccurrences(of: #"<br\s*/?>"#, with: "\n", options: [.regularExpression, .caseInsensitive])
        result = result.replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
        for (entity, character) in [("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            result = result.replacingOccurrences(of: entity, with: character)
        }
        return result.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
