import FabriqueCore
import FabriqueFormats

/// One variable of a response dataset (`ResponseDatasetBuilder`) and where its values come from.
struct DatasetColumn {
    /// What a column holds.
    enum Source {
        case responseId, surveyVersion, origin
        case text, number, date, calculation
        /// A select_one or likert item: each stored code's value (a number or a declared missing value).
        case choice([String: DatasetValue])
        /// One option of a select_multiple: 1 when ticked, 0 when not.
        case option(String)
        /// One option of a rank: its rank, from 1.
        case rank(String)
    }

    var variable: DatasetVariable
    var source: Source
    /// The answer variable read; nil for the response's own columns.
    var field: String?
    /// The choice list of a choice column.
    var list: ChoiceList?
    /// The number after the highest of a choice column's list, given to stored codes the list lacks.
    var nextNumber = 1

    /// The columns of a survey's current version: the response's id, version and origin, then
    /// its answer variables in questionnaire order.
    static func plan(_ survey: Survey) -> [DatasetColumn] {
        var columns = [
            DatasetColumn(variable: text("response_id", "Identifiant de la réponse"), source: .responseId),
            DatasetColumn(variable: text("survey_version", "Version du questionnaire"), source: .surveyVersion),
            DatasetColumn(variable: text("origin", "Origine de la réponse (web ou import)"), source: .origin)
        ]
        for field in survey.fields {
            let question = field.question
            let head = question.label.isEmpty ? question.name : question.label
            let missing = MissingAnswers.both
            switch field.kind {
            case .otherText:
                columns.append(DatasetColumn(variable: text(field.name, head, ending: " (autre, précisez)"), source: .text, field: field.name))
            case .likertItem(let item):
                let items = question.choices.flatMap(survey.choiceList(named:))?.items ?? []
                let list = ChoiceList(name: question.choices ?? question.name, items: items)
                columns.append(choice(field.name, head, ending: " : " + item.label, list: list, measure: .ordinal))
            case .question:
                let choices = survey.choices(for: question)
                switch question.type {
                case .text:
                    columns.append(DatasetColumn(variable: text(field.name, head), source: .text, field: field.name))
                case .integer, .decimal, .calculate:
                    let variable = DatasetVariable(name: field.name, label: head, kind: .number(decimals: 0), measure: .scale, missingCodes: missing)
                    columns.append(DatasetColumn(variable: variable, source: question.type == .calculate ? .calculation : .number, field: field.name))
                case .date:
                    let variable = DatasetVariable(name: field.name, label: head, kind: .date, measure: .scale, missingCodes: missing)
                    columns.append(DatasetColumn(variable: variable, source: .date, field: field.name))
                case .selectOne:
                    // A list with the implicit "other" item is another list for the notes.
                    let name = (question.choices ?? question.name) + (question.other ? " + other" : "")
                    columns.append(choice(field.name, head, list: ChoiceList(name: name, items: choices), measure: .nominal))
                case .selectMultiple, .rank:
                    let ranked = question.type == .rank
                    for option in choices {
                        // REDCap's names for the options of a checkbox: `question___code`.
                        let variable = DatasetVariable(
                            name: field.name, nameEnding: "___" + option.value, label: head,
                            labelEnding: " : " + option.label + (ranked ? " (rang)" : ""),
                            kind: .number(decimals: 0), measure: ranked ? .ordinal : .nominal,
                            valueLabels: ranked ? [] : [ValueLabel(0, "Non coché"), ValueLabel(1, "Coché")], missingCodes: missing)
                        columns.append(
                            DatasetColumn(variable: variable, source: ranked ? .rank(option.value) : .option(option.value), field: field.name))
                    }
                case .note, .likert:
                    break
                }
            }
        }
        return columns
    }

    private static func text(_ name: String, _ label: String, ending: String = "") -> DatasetVariable {
        DatasetVariable(name: name, label: label, labelEnding: ending, kind: .text, measure: .nominal)
    }

    /// A choice column: each choice numbered as `numbers` says, except the "don't know" and
    /// refusal choices, which are declared missing values (`MissingAnswers`).
    private static func choice(
        _ name: String, _ label: String, ending: String = "", list: ChoiceList, measure: DatasetVariable.Measure
    ) -> DatasetColumn {
        var codes: [String: DatasetValue] = [:]
        var labels: [ValueLabel] = []
        var missing = MissingAnswers.both
        let numbers = Self.numbers(list.items)
        for (option, number) in zip(list.items, numbers) {
            if let number {
                codes[option.value] = .number(Double(number))
                labels.append(ValueLabel(Double(number), option.label))
            } else {
                codes[option.value] = .declaredMissing(missing.count)
                missing.append(MissingAnswers.choice(missing.count - 2, label: option.label))
            }
        }
        let variable = DatasetVariable(
            name: name, label: label, labelEnding: ending, kind: .number(decimals: 0), measure: measure, valueLabels: labels, missingCodes: missing)
        var column = DatasetColumn(variable: variable, source: .choice(codes), field: name, list: list)
        column.nextNumber = (numbers.compactMap { $0 }.max() ?? 0) + 1
        return column
    }

    /// The number of each choice of a list, nil for a "don't know" or refusal choice: the code
    /// itself when every other code is a whole number (`0`, `1`, INSEE's `44`, REDCap's codes) and
    /// no two are equal, with "other" after the highest; otherwise the position in the list, from 1.
    static func numbers(_ items: [Choice]) -> [Int?] {
        let substantive = items.map { !MissingAnswers.isNonSubstantive($0) }
        let whole = zip(items, substantive).filter { $0.1 && $0.0.value != Choice.otherValue }.map { choice -> Int? in
            choice.0.value.count <= 9 && choice.0.value.allSatisfy { $0.isASCII && $0.isNumber } ? Int(choice.0.value) : nil
        }
        let codes = whole.compactMap { $0 }
        guard !codes.isEmpty, codes.count == whole.count, Set(codes).count == codes.count, let highest = codes.max() else {
            return zip(items.indices, substantive).map { $1 ? $0 + 1 : nil }
        }
        return zip(items, substantive).map { choice, counts in
            guard counts else { return nil }
            return choice.value == Choice.otherValue ? highest + 1 : Int(choice.value)
        }
    }
}
