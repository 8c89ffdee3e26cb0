/// Semantic checks of a parsed survey: names, choice lists, type-specific keys, and expressions
/// that name unknown, later or answerless questions. Each problem carries its line and column.
public enum SurveyChecker {
    /// Every problem of the survey, in no particular order.
    /// References to `alreadyReported` names are not flagged again.
    public static func check(_ survey: Survey, file: String, alreadyReported: Set<String> = []) -> [SourceProblem] {
        var problems: [SourceProblem] = []
        func report(_ message: String, _ location: SourceLocation) {
            problems.append(SourceProblem(file: file, location: location, message: message))
        }

        var listNames: Set<String> = []
        for list in survey.choiceLists {
            if !listNames.insert(list.name).inserted { report("duplicate choice list '\(list.name)'", list.location) }
            if !SurveyParser.isName(list.name) {
                report("list_name '\(list.name)' must start with a letter or '_' and use only letters, digits and '_'", list.location)
            }
        }

        // Names are declared in file order; an expression may only use names declared before it.
        var declared: [String: (location: SourceLocation, type: QuestionType)] = [:]
        func declare(_ name: String, _ location: SourceLocation, _ type: QuestionType) {
            if let earlier = declared[name] {
                report("duplicate name '\(name)' (first defined at line \(earlier.location.line))", location)
            } else {
                declared[name] = (location, type)
            }
        }
        let allNames = Dictionary(
            survey.fields.map { ($0.name, $0.question.location) } + survey.questions.filter { $0.type == .note }.map { ($0.name, $0.location) },
            uniquingKeysWith: { first, _ in first })

        func checkReferences(_ expression: SourceExpression, role: String, owner: String, isQuestion: Bool = true) {
            for (name, offset) in expression.expression.references {
                let location = expression.location(ofOffset: offset)
                if let known = declared[name] {
                    if known.type == .note { report("\(role) of '\(owner)' refers to '\(name)', which is a note and has no answer", location) }
                    if known.type == .likert {
                        report("\(role) of '\(owner)' refers to '\(name)', a likert block; refer to one of its items instead", location)
                    }
                } else if alreadyReported.contains(name) {
                    continue
                } else if isQuestion, name == owner {
                    report("\(role) of '\(owner)' refers to the question itself; use '.' in a constraint", location)
                } else if let later = allNames[name] {
                    report(
                        "\(role) of '\(owner)' refers to '\(name)', which comes later (line \(later.line)); expressions may only use earlier answers",
                        location)
                } else {
                    report("\(role) of '\(owner)' refers to unknown question '\(name)'", location)
                }
            }
            if role != "constraint", role != "warning", expression.expression.usesCurrent {
                report("'.' (the current answer) is only allowed in a constraint, not in \(role) of '\(owner)'", expression.location)
            }
        }

        var sectionNames: Set<String> = []
        for section in survey.sections {
            if !sectionNames.insert(section.name).inserted { report("duplicate section name '\(section.name)'", section.location) }
            if let relevant = section.relevant {
                checkReferences(relevant, role: "relevant", owner: "section \(section.name)", isQuestion: false)
                checkNoAttributes(relevant, role: "relevant", owner: section.name, report)
            }
            for question in section.questions {
                checkQuestion(question, survey, report)
                // A question's own expressions see earlier questions, and itself only through '.'.
                for (role, expression) in question.expressions where role != "calculation" || question.type == .calculate {
                    checkReferences(expression, role: role, owner: question.name)
                    if role != "choice_filter" { checkNoAttributes(expression, role: role, owner: question.name, report) }
                }
                declare(question.name, question.location, question.type)
                for item in question.items { declare(item.name, item.location, .selectOne) }
                if question.other { declare(question.otherName, question.location, .text) }
            }
        }
        for entry in survey.metadata where allNames[entry.name] != nil {
            report("metadata '\(entry.name)' has the name of a question; rename one of them", entry.location)
        }
        return problems
    }

    private static func checkNoAttributes(_ expression: SourceExpression, role: String, owner: String, _ report: (String, SourceLocation) -> Void) {
        for (name, offset) in expression.expression.attributes {
            report(
                "\(role) of '\(owner)' uses the bare name '\(name)'; write ${\(name)} to refer to a question", expression.location(ofOffset: offset))
        }
    }

    private static func checkQuestion(_ question: Question, _ survey: Survey, _ report: (String, SourceLocation) -> Void) {
        let name = question.name
        let type = question.type
        if type.usesChoices {
            if let listName = question.choices {
                if let list = survey.choiceList(named: listName) {
                    checkListUse(question, list, report)
                } else {
                    report("question '\(name)' uses choice list '\(listName)', which is not defined in 'choices'", question.location)
                }
            } else {
                report("question '\(name)' of type \(type.rawValue) needs 'choices' naming a choice list", question.location)
            }
        } else if question.choices != nil {
            report("'choices' is only for select_one, select_multiple, likert and rank, not \(type.rawValue) ('\(name)')", question.location)
        }
        if question.label.isEmpty, type != .calculate { report("question '\(name)' has no label", question.location) }
        if type == .likert, question.items.isEmpty { report("likert question '\(name)' needs 'items', the rows to rate", question.location) }
        if type != .likert, !question.items.isEmpty { report("'items' is only for likert questions ('\(name)')", question.location) }
        if type == .calculate, question.calculation == nil { report("calculate question '\(name)' needs a 'calculation'", question.location) }
        if type != .calculate, question.calculation != nil { report("'calculation' is only for calculate questions ('\(name)')", question.location) }
        if question.other, type != .selectOne, type != .selectMultiple {
            report("'other' is only for select_one and select_multiple ('\(name)')", question.location)
        }
        if question.choiceFilter != nil, type != .selectOne, type != .selectMultiple, type != .rank {
            report("'choice_filter' is only for select and rank questions ('\(name)')", question.location)
        }
        if !type.isAnswered {
            if question.required { report("a \(type.rawValue) question cannot be required ('\(name)')", question.location) }
            if question.constraint != nil { report("a \(type.rawValue) question cannot have a constraint ('\(name)')", question.location) }
            if question.warning != nil { report("a \(type.rawValue) question cannot have a warning ('\(name)')", question.location) }
        }
        if question.constraintMessage != nil, question.constraint == nil {
            report("'constraint_message' without a 'constraint' ('\(name)')", question.location)
        }
        if question.warningMessage != nil, question.warning == nil {
            report("'warning_message' without a 'warning' ('\(name)')", question.location)
        }
    }

    private static func checkListUse(_ question: Question, _ list: ChoiceList, _ report: (String, SourceLocation) -> Void) {
        if question.type == .likert, let bad = list.items.first(where: { Int($0.value) == nil }) {
            report(
                "likert question '\(question.name)' needs a scale of whole-number codes; '\(bad.value)' in list '\(list.name)' is not",
                question.location)
        }
        if question.other, list.item(Choice.otherValue) != nil {
            report("list '\(list.name)' already has a value 'other'; remove it or drop 'other: true' on '\(question.name)'", question.location)
        }
        if let filter = question.choiceFilter {
            let known = Set(list.items.flatMap(\.attributes.keys)).union(["value", "label"])
            for (attribute, offset) in filter.expression.attributes where !known.contains(attribute) {
                report(
                    "choice_filter of '\(question.name)' uses '\(attribute)', which no item of list '\(list.name)' has",
                    filter.location(ofOffset: offset))
            }
        }
    }
}
