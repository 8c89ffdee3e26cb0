/// Which language's columns an XLSForm's labels are taken from: `label::Français (fr)`,
/// `label::french`, `label::fr` all count as French.
struct XLSFormLanguage {
    /// The language as written in the headers, or nil for the plain `label` column.
    let key: String?

    private static let aliases: [String: Set<String>] = [
        "fr": ["fr", "french", "français", "francais"], "en": ["en", "english", "anglais"],
        "es": ["es", "spanish", "español", "espagnol"], "de": ["de", "german", "deutsch", "allemand"],
        "pt": ["pt", "portuguese", "português", "portugais"], "nl": ["nl", "dutch", "nederlands"],
        "ar": ["ar", "arabic", "arabe"], "it": ["it", "italian", "italiano", "italien"]
    ]

    /// Whether a header's language is the one asked for (`fr`, `French`, `Français (fr)`).
    static func matches(_ key: String, _ wanted: String) -> Bool {
        let key = key.lowercased()
        let wanted = wanted.lowercased()
        if key == wanted { return true }
        var names: Set<String> = [key]
        if let open = key.lastIndex(of: "("), key.hasSuffix(")") {
            names.insert(String(key[key.index(after: open)..<key.index(before: key.endIndex)]).trimmingCharacters(in: .whitespaces))
            names.insert(String(key[..<open]).trimmingCharacters(in: .whitespaces))
        }
        let group = aliases.first { $0.value.contains(wanted) || $0.key == wanted }?.value ?? [wanted]
        return !names.isDisjoint(with: group)
    }

    /// The short code of a language key for `languages:` (`Français (fr)` → `fr`, `english` → `en`).
    static func code(_ key: String?) -> String {
        guard let key else { return "fr" }
        for (code, names) in aliases where matches(key, code) || names.contains(key.lowercased()) { return code }
        return key
    }
}
