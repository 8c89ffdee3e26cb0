import FabriqueCore

/// The walk through an XLSForm's survey sheet: groups open and close sections, questions are
/// built with the conditions of the groups around them.
struct XLSFormContext {
    let survey: XLSFormTable
    let choices: XLSFormChoices
    let language: XLSFormLanguage
    let draft: ImportDraft
    let title: String

    /// An open group: its name, condition and row.
    struct Frame {
        var name: String
        var relevant: String?
        var row: Int
    }

    var frames: [Frame] = []
    var sectionNames: Set<String> = []
    /// The section being filled, if any.
    var section: SurveySection?
    /// Columns whose values were read, to note the others.
    var usedColumns: Set<String> = [
        "type", "name", "label", "hint", "required", "required_message", "relevant", "constraint",
        "constraint_message", "choice_filter", "calculation", "appearance", "default", "warning", "warning_message"
    ]

    init(survey: XLSFormTable, choices: XLSFormChoices, language: XLSFormLanguage, draft: ImportDraft, title: String) {
        self.survey = survey
        self.choices = choices
        self.language = language
        self.draft = draft
        self.title = title
    }

    /// Reads every row of the survey sheet.
    mutating func readRows() {
        let rows = survey.rows
        var index = 0
        while index < rows.count {
            let row = rows[index]
            index += 1
            guard let typeText = survey.value(row, "type") else {
                if let name = survey.value(row, "name") {
                    draft.unsupported(survey.place(row, "type"), "'\(name)' has no type; give it one (text, integer, select_one LIST…)")
                }
                continue
            }
            switch XLSFormType(typeText) {
            case .beginGroup:
                if let end = likertEnd(rows, from: index - 1) {
                    addLikert(rows[(index - 1)...end])
                    index = end + 1
                } else {
                    beginGroup(row)
                }
            case .endGroup:
                endGroup(row)
            case .beginRepeat:
                index = skipRepeat(rows, from: index - 1)
            case .endRepeat:
                draft.unsupported(survey.place(row, "type"), "'end_repeat' without a 'begin_repeat' above it; check the form's structure")
            case .metadata(let type):
                let name = survey.value(row, "name") ?? type
                if SurveyParser.isName(name) {
                    draft.metadata.append(SurveyMetadata(name: name, type: type, location: draft.location(survey.place(row, "name"))))
                } else {
                    draft.unsupported(survey.place(row, "name"), "metadata name '\(name)' cannot be kept: names take letters, digits and '_' only")
                }
            case .unsupported(let message):
                let name = survey.value(row, "name") ?? "?"
                draft.leftOut.insert(name)
                draft.unsupported(survey.place(row, "type"), "\(message); or rerun with --skip-unsupported to leave '\(name)' out")
            case .question(let type, let list, let other):
                if let question = question(row, type: type, list: list, other: other) { append(question) }
            }
        }
        if let frame = frames.last {
            draft.unsupported(survey.place(frame.row, "type"), "group '\(frame.name)' is never closed; add an 'end_group' row")
        }
        closeSection()
    }

    /// Notes the survey sheet's columns that were not read but hold values.
    func noteUnusedColumns() {
        for (column, header) in survey.headers.sorted(by: { $0.key < $1.key }) {
            let key = header.lowercased()
            let base = key.components(separatedBy: "::")[0]
            if usedColumns.contains(key) || (usedColumns.contains(base) && key.contains("::")) { continue }
            let filled = survey.rows.filter { survey.value($0, column: column) != nil }
            guard let first = filled.first else { continue }
            draft.note(
                survey.place(first, column: column),
                "column '\(header)' (\(filled.count) value\(filled.count == 1 ? "" : "s")) is not used by fabrique")
        }
    }

    /// The section questions go to: the open one, or a new one for questions outside any group.
    mutating func append(_ question: Question) {
        if section == nil {
            let name = Names.unique("questions", in: &sectionNames)
            section = SurveySection(
                name: name, title: "Questions", questions: [],
                location: draft.location(survey.place(survey.headerRow, "type")))
        }
        section?.questions.append(question)
    }

    mutating func closeSection() {
        if let section { draft.sections.append(section) }
        section = nil
    }

    private mutating func beginGroup(_ row: Int) {
        let name = survey.value(row, "name") ?? "group_\(row)"
        let relevant = survey.value(row, "relevant")
        if frames.isEmpty {
            closeSection()
            var sectionName = name
            if !SurveyParser.isName(name) {
                sectionName = Names.sanitized(name)
                draft.note(survey.place(row, "name"), "group '\(name)' is section '\(sectionName)' in fabrique (names take letters, digits and '_')")
            }
            sectionName = Names.unique(sectionName, in: &sectionNames)
            var new = SurveySection(
                name: sectionName, title: text(row, "label") ?? name, description: text(row, "hint"), questions: [],
                location: draft.location(survey.place(row, "name")))
            if let relevant {
                new.relevant = translate(relevant, role: "relevant", owner: "group \(name)", row: row, column: "relevant")
            }
            section = new
        } else {
            if text(row, "label") != nil {
                draft.note(
                    survey.place(row, "label"), "the title of nested group '\(name)' is not shown: fabrique flattens nested groups into their section"
                )
            }
        }
        if let appearance = survey.value(row, "appearance"), appearance != "field-list" {
            draft.note(survey.place(row, "appearance"), "appearance '\(appearance)' of group '\(name)' is not kept: a section is one page")
        }
        frames.append(Frame(name: name, relevant: frames.isEmpty ? nil : relevant, row: row))
    }

    private mutating func endGroup(_ row: Int) {
        guard !frames.isEmpty else {
            draft.unsupported(survey.place(row, "type"), "'end_group' without a 'begin_group' above it; check the form's structure")
            return
        }
        frames.removeLast()
        if frames.isEmpty { closeSection() }
    }

    /// Skips a repeat and what it holds, reporting it once; returns the index after its end.
    private mutating func skipRepeat(_ rows: [Int], from start: Int) -> Int {
        var depth = 0
        var names: [String] = []
        var index = start
        while index < rows.count {
            let row = rows[index]
            index += 1
            let type = survey.value(row, "type").map(XLSFormType.init)
            if type == .beginRepeat || type == .beginGroup { depth += 1 }
            if type == .endRepeat || type == .endGroup { depth -= 1 }
            if case .question = type, let name = survey.value(row, "name") { names.append(name) }
            if depth == 0 { break }
        }
        draft.leftOut.formUnion(names)
        let name = survey.value(rows[start], "name") ?? "?"
        let listed = names.prefix(6).joined(separator: ", ") + (names.count > 6 ? "…" : "")
        draft.unsupported(
            survey.place(rows[start], "type"),
            "'begin_repeat' (repeat '\(name)', \(names.count) question\(names.count == 1 ? "" : "s"): \(listed)): "
                + "fabrique has no repeats, a response holds one answer per question; "
                + "move the repeated questions to a survey of their own, or rerun with --skip-unsupported to leave them out"
        )
        return index
    }
}
