import FabriqueCore

/// Builds the draft from a data dictionary's rows, form by form.
struct REDCapBuilder {
    let draft: ImportDraft
    private var listByChoices: [String: String] = [:]
    private var listNames: Set<String> = []
    private var sectionNames: Set<String> = []
    private var currentForm: String?
    private var unusedColumns: [String: (first: FormatPlace, count: Int)] = [:]

    init(draft: ImportDraft) {
        self.draft = draft
    }

    mutating func build(_ rows: [TabularRow]) {
        var index = 0
        while index < rows.count {
            let row = rows[index]
            let form = row["form_name"]
            if currentForm != form {
                currentForm = form
                let name = Names.unique(Names.sanitized(form.isEmpty ? "form" : form), in: &sectionNames)
                let title = form.replacingOccurrences(of: "_", with: " ").capitalizedFirst
                draft.sections.append(SurveySection(name: name, title: title, questions: [], location: draft.location(row.place("form_name"))))
            }
            let group = row["matrix_group"]
            var end = index + 1
            if !group.isEmpty {
                while end < rows.count, rows[end]["matrix_group"] == group, rows[end]["form_name"] == form { end += 1 }
            }
            if end - index > 1, let likert = likert(Array(rows[index..<end])) {
                draft.sections[draft.sections.count - 1].questions.append(likert)
            } else {
                if end - index > 1 {
                    draft.note(
                        row.place("matrix_group"),
                        "matrix group '\(group)' is kept as separate questions "
                            + "(a likert block needs radio fields on one scale of whole-number codes, with the same branching logic)"
                    )
                }
                for row in rows[index..<end] {
                    appendSectionHeader(row)
                    if let question = question(row) { draft.sections[draft.sections.count - 1].questions.append(question) }
                }
            }
            for row in rows[index..<end] { countUnused(row) }
            index = end
        }
        for (column, use) in unusedColumns.sorted(by: { $0.key < $1.key }) {
            draft.note(use.first, "column '\(column)' (\(use.count) value\(use.count == 1 ? "" : "s")) is not used by fabrique")
        }
    }

    private mutating func countUnused(_ row: TabularRow) {
        for (key, title) in [("identifier", "Identifier?"), ("annotation", "Field Annotation")] where !row[key].isEmpty {
            unusedColumns[title, default: (row.place(key), 0)].count += 1
        }
    }

    /// A section header becomes a note before the field.
    private mutating func appendSectionHeader(_ row: TabularRow) {
        let header = row["section_header"]
        guard !header.isEmpty else { return }
        let note = Question(
            name: row["field_name"] + "_section", type: .note, label: PlainText.plain(header),
            location: draft.location(row.place("section_header")))
        draft.sections[draft.sections.count - 1].questions.append(note)
    }

    /// A choice list for a choices text (`1, Yes | 0, No`), shared by fields with the same text.
    mutating func list(_ choices: String, for field: String, row: TabularRow) -> String? {
        if let name = listByChoices[choices] { return name }
        var items: [Choice] = []
        for part in choices.components(separatedBy: "|") {
            let trimmed = part.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            guard let comma = trimmed.firstIndex(of: ",") else {
                draft.unsupported(
                    row.place("choices"), "choice '\(trimmed)' of '\(field)' has no code; REDCap writes choices as 'code, label | code, label'")
                return nil
            }
            let code = trimmed[..<comma].trimmingCharacters(in: .whitespaces)
            let label = PlainText.plain(trimmed[trimmed.index(after: comma)...].trimmingCharacters(in: .whitespaces))
            items.append(Choice(value: code, label: label.isEmpty ? code : label))
        }
        guard !items.isEmpty else {
            draft.unsupported(row.place("choices"), "'\(field)' has no choices; write them as 'code, label | code, label'")
            return nil
        }
        let name = Names.unique(field, in: &listNames)
        draft.lists.append(ChoiceList(name: name, items: items, location: draft.location(row.place("choices"))))
        listByChoices[choices] = name
        return name
    }

    /// A branching logic or calculation translated, or nil (reported).
    func expression(_ text: String, role: String, owner: String, at place: FormatPlace) -> SourceExpression? {
        switch REDCapLogic.translate(text) {
        case .success(let translated):
            return draft.expression(translated, original: text, role: role, owner: owner, at: place)
        case .failure(let reason):
            draft.unsupported(
                place,
                "\(role) of '\(owner)' cannot be translated: \(reason): \"\(text)\"; "
                    + "rewrite it, or rerun with --skip-unsupported to leave '\(owner)' out"
            )
            return nil
        }
    }
}

extension String {
    /// The text with its first letter in capitals.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
