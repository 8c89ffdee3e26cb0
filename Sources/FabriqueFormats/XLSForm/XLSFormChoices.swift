import FabriqueCore

/// The choices sheet of an XLSForm: its lists, added to the draft the first time a question
/// uses them, so that lists no question uses raise no remarks.
final class XLSFormChoices {
    private let table: XLSFormTable?
    private let language: XLSFormLanguage
    private let draft: ImportDraft
    /// The rows of each list, in sheet order.
    private var rowsByList: [String: [Int]] = [:]
    /// The fabrique name of each list already added.
    private var added: [String: String] = [:]
    private var listNames: Set<String> = []

    init(_ table: XLSFormTable?, language: XLSFormLanguage, draft: ImportDraft) {
        self.table = table
        self.language = language
        self.draft = draft
        guard let table else { return }
        for row in table.rows {
            guard let list = table.value(row, "list_name") else { continue }
            rowsByList[list, default: []].append(row)
        }
    }

    /// The lists added to the draft, in the order of the choices sheet rather than of first use.
    func sortDraftLists() {
        var firstRow: [String: Int] = [:]
        for (list, name) in added { firstRow[name] = rowsByList[list]?.first ?? 0 }
        draft.lists.sort { (firstRow[$0.name] ?? 0) < (firstRow[$1.name] ?? 0) }
    }

    /// Whether the sheet defines the list.
    func has(_ list: String) -> Bool { rowsByList[list] != nil }

    /// The choices of a list (for likert checks), without adding it.
    func values(_ list: String) -> [String] {
        guard let table else { return [] }
        return (rowsByList[list] ?? []).compactMap { table.value($0, "name") ?? table.value($0, "value") }
    }

    /// Adds the list to the draft if needed and returns its fabrique name.
    func use(_ list: String) -> String {
        if let name = added[list] { return name }
        guard let table, let rows = rowsByList[list] else { return list }
        var name = list
        if !SurveyParser.isName(list) {
            name = Names.unique(Names.sanitized(list), in: &listNames)
            draft.note(
                table.place(rows[0], "list_name"),
                "list '\(list)' is named '\(name)' in fabrique (list names take letters, digits and '_'; they appear in no export)")
        } else {
            listNames.insert(name)
        }
        added[list] = name
        let labelColumn = language.key.flatMap { key in table.languageColumns("label").first { $0.language == key }?.column } ?? table.column("label")
        let skipped: Set<String> = ["list_name", "list name", "name", "value", "label", "image", "audio", "video", "big-image"]
        var items: [Choice] = []
        var seen: Set<String> = []
        for row in rows {
            let valueColumn = table.column("name") ?? table.column("value") ?? 2
            guard let value = table.value(row, column: valueColumn) else {
                draft.unsupported(table.place(row, column: valueColumn), "a choice of list '\(list)' has no name (its code); give it one")
                continue
            }
            if value.contains(where: \.isWhitespace) {
                draft.unsupported(
                    table.place(row, column: valueColumn),
                    "choice '\(value)' of list '\(list)' contains a space; "
                        + "fabrique stores several codes space-separated, so a code cannot hold one: change the code in the source"
                )
                continue
            }
            if !seen.insert(value).inserted {
                draft.unsupported(
                    table.place(row, column: valueColumn),
                    "choice '\(value)' appears twice in list '\(list)'; "
                        + "fabrique needs each code once in a list (a choice_filter picks among them): give the second one another code"
                )
                continue
            }
            var label = labelColumn.flatMap { table.value(row, column: $0) } ?? table.value(row, "label") ?? ""
            if label.isEmpty {
                label = value
                draft.note(
                    table.place(row, column: valueColumn), "choice '\(value)' of list '\(list)' has no label (media only?); its code is used as label"
                )
            }
            var attributes: [String: String] = [:]
            for (column, header) in table.headers where column != valueColumn {
                let key = header.lowercased()
                if ["image", "audio", "video", "big-image"].contains(key) || key.hasPrefix("media::") || key.hasPrefix("image::"),
                    table.value(row, column: column) != nil
                {
                    draft.note(table.place(row, column: column), "the media of choice '\(value)' is not kept: fabrique shows text only")
                }
                guard !skipped.contains(key), !key.contains("::"), let text = table.value(row, column: column) else { continue }
                attributes[header] = text
            }
            items.append(Choice(value: value, label: label, attributes: attributes))
        }
        draft.lists.append(ChoiceList(name: name, items: items, location: draft.location(table.place(rows[0], "list_name"))))
        return name
    }
}
