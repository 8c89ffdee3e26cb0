import FabriqueCore

/// Turns questions into what the `question` template renders, with the answers as typed and the
/// French messages of the one validator. Used by the respondent form and the staff edit form.
struct QuestionViewBuilder {
    let flow: FormFlow
    /// Raw answers as typed, by variable name.
    let draft: [String: String]
    let evaluation: FormEvaluation
    /// The message of each variable's first issue.
    let errors: [String: String]
    let today: CalendarDate
    /// Staff editing: every condition is left to the browser and the validator.
    let showAll: Bool
    /// The survey's choices, escaped once.
    let choices: EscapedChoices
    /// The survey's questions written blank once, copied when a question is unanswered.
    let blanks: BlankQuestions?

    /// Above this many choices a single choice is a select rather than radios.
    static let radioLimit = 12

    init(
        flow: FormFlow, choices: EscapedChoices, blanks: BlankQuestions? = nil, draft: [String: String], evaluation: FormEvaluation,
        issues: [ValidationIssue], today: CalendarDate, showAll: Bool = false
    ) {
        self.choices = choices
        self.blanks = showAll ? nil : blanks
        self.flow = flow
        self.draft = draft
        self.evaluation = evaluation
        var errors: [String: String] = [:]
        for issue in issues where errors[issue.field] == nil { errors[issue.field] = issue.message }
        self.errors = errors
        self.today = today
        self.showAll = showAll
    }

    /// The views of a section's shown questions.
    func views(section: SurveySection) -> [QuestionView] {
        shown(section).map(view)
    }

    /// A section's shown questions written as HTML, unanswered ones copied from the blanks.
    func write(section: SurveySection, to out: inout HTMLWriter) {
        for question in shown(section) {
            if let blank = blanks?.html(question, draft: draft, errors: errors) {
                out.raw(blank)
            } else {
                view(question).write(to: &out)
            }
        }
    }

    private func shown(_ section: SurveySection) -> [Question] {
        section.questions.filter { question in
            question.type != .calculate && (showAll || flow.isShown(question: question, evaluation))
        }
    }

    /// The error summary's links, in page order.
    func errorLinks(section: SurveySection) -> [ErrorLink] {
        links(section: section, messages: errors)
    }

    /// The links of the "check these answers" box (soft limits), in page order.
    func warningLinks(section: SurveySection, warnings: [ValidationIssue]) -> [ErrorLink] {
        var messages: [String: String] = [:]
        for warning in warnings where messages[warning.field] == nil { messages[warning.field] = warning.message }
        return links(section: section, messages: messages)
    }

    /// Links to the variables of a section that have a message, in page order.
    private func links(section: SurveySection, messages errors: [String: String]) -> [ErrorLink] {
        var links: [ErrorLink] = []
        for question in section.questions {
            if question.type == .likert {
                for item in question.items {
                    if let message = errors[item.name] { links.append(ErrorLink(href: "#q-\(item.name)", label: item.label, message: message)) }
                }
                continue
            }
            if let message = errors[question.name] {
                links.append(ErrorLink(href: "#" + anchor(question), label: question.label, message: message))
            }
            if question.other, let message = errors[question.otherName] {
                links.append(ErrorLink(href: "#f-\(question.otherName)", label: "\(question.label) (autre)", message: message))
            }
        }
        return links
    }

    /// Where an error link lands: the input itself, or the group's first box.
    func anchor(_ question: Question) -> String {
        switch kind(question) {
        case .radio, .checkbox: "f-\(question.name)-0"
        case .rank: "f-\(question.name)-rang-1"
        default: "f-\(question.name)"
        }
    }

    private enum Kind { case note, text, textarea, integer, decimal, date, radio, select, checkbox, likert, rank }

    private func kind(_ question: Question) -> Kind {
        switch question.type {
        case .note, .calculate: .note
        case .text: question.appearance == "multiline" ? .textarea : .text
        case .integer: .integer
        case .decimal: .decimal
        case .date: .date
        case .selectOne:
            question.appearance == "minimal" || flow.survey.choices(for: question).count > Self.radioLimit ? .select : .radio
        case .selectMultiple: .checkbox
        case .likert: .likert
        case .rank: .rank
        }
    }

    func view(_ question: Question) -> QuestionView {
        let name = question.name
        let error = errors[name]
        let hintId = "aide-\(name)"
        let errorId = "erreur-\(name)"
        let describedBy = [question.hint == nil ? nil : hintId, error == nil ? nil : errorId].compactMap { $0 }.joined(separator: " ")
        var view = QuestionView(
            name: name, id: "q-\(name)", inputId: "f-\(name)", label: question.label, hint: question.hint, hintId: hintId,
            required: question.required, error: error, errorId: errorId, describedBy: describedBy,
            conditional: question.relevant != nil && (showAll || flow.dependsOnOwnPage(name)),
            filtered: question.choiceFilter != nil && (showAll || flow.filterDependsOnOwnPage(question)))
        view.value = draft[name] ?? ""
        let choices = view.filtered ? flow.survey.choices(for: question) : flow.choices(for: question, evaluation, today: today)
        switch kind(question) {
        case .note: view.isNote = true
        case .text: view.isText = true
        case .textarea: view.isTextarea = true
        case .integer: view.isInteger = true
        case .decimal: view.isDecimal = true
        case .date: view.isDate = true
        case .radio:
            view.isRadio = true
            view.options = options(name, choices, selected: [view.value], withAttributes: view.filtered)
        case .select:
            view.isSelect = true
            view.options = options(name, choices, selected: [view.value], withAttributes: view.filtered)
        case .checkbox:
            view.isCheckbox = true
            view.options = options(name, choices, selected: view.value.splitOnASCIIWhitespace(), withAttributes: view.filtered)
        case .likert:
            view.isLikert = true
            view.scale = choices.map(\.label)
            view.items = question.items.map { item in
                LikertItemView(
                    name: item.name, id: "q-\(item.name)", label: item.label, required: question.required,
                    error: errors[item.name], errorId: "erreur-\(item.name)",
                    options: options(item.name, choices, selected: [draft[item.name] ?? ""], withAttributes: false))
            }
        case .rank:
            view.isRank = true
            let ranked = view.value.splitOnASCIIWhitespace()
            view.positions = choices.indices.map { position in
                let selected = position < ranked.count ? [ranked[position]] : []
                let id = "f-\(name)-rang-\(position + 1)"
                return RankPositionView(
                    id: id, label: position == 0 ? "1er choix" : "\(position + 1)e choix",
                    options: options(id, choices, selected: selected, withAttributes: view.filtered))
            }
        }
        if question.other && question.type != .likert && question.type != .rank {
            let otherName = question.otherName
            view.other = OtherView(
                name: otherName, id: "f-\(otherName)", value: draft[otherName] ?? "", error: errors[otherName],
                errorId: "erreur-\(otherName)")
        }
        return view
    }

    private func options(_ prefix: String, _ choices: [Choice], selected: [String], withAttributes: Bool) -> [OptionView] {
        choices.enumerated().map { index, choice in
            let attributes = withAttributes ? flow.attributesJSON(choice) : ""
            let escaped = self.choices.escaped(choice, attrs: attributes)
            return OptionView(
                id: "\(prefix.hasPrefix("f-") ? prefix : "f-" + prefix)-\(index)", value: choice.value, label: choice.label,
                checked: selected.contains(choice.value), attrs: attributes,
                valueHTML: escaped.value, labelHTML: escaped.label, attrsHTML: escaped.attrs)
        }
    }
}
