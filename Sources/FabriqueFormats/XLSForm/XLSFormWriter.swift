import FabriqueCore
import Foundation

/// Writes a questionnaire as an XLSForm that pyxform converts, for ODK Collect and KoboCollect:
/// each section a group, likert blocks `table-list` groups of select_one rows, ranks `rank`,
/// `other: true` `or_other`, metadata their XLSForm types. Soft constraints go to the
/// `warning` and `warning_message` columns, which XLSForm tools ignore and fabrique reads back.
public enum XLSFormWriter {
    /// The survey sheet's columns.
    static let columns = [
        "type", "name", "label", "hint", "required", "relevant", "constraint", "constraint_message", "choice_filter",
        "calculation", "appearance", "warning", "warning_message"
    ]

    /// The workbook, and what the questionnaire holds that an XLSForm cannot carry.
    public static func write(_ survey: Survey) throws -> (data: Data, omitted: [String]) {
        var rows: [[String]] = [columns]
        func add(_ values: [String: String]) { rows.append(columns.map { values[$0] ?? "" }) }
        for entry in survey.metadata { add(["type": entry.type, "name": entry.name]) }
        for section in survey.sections {
            // ODK refuses a group with nothing to show: a section of calculations alone stays outside groups.
            let shown = section.questions.contains { $0.type != .calculate }
            if !shown {
                for question in section.questions { for row in self.rows(question) { add(row) } }
                continue
            }
            add([
                "type": "begin_group", "name": section.name, "label": section.title, "hint": section.description ?? "",
                "relevant": section.relevant?.source ?? ""
            ])
            var open: [String] = []
            for question in section.questions {
                var path = question.group?.split(separator: "/").map(String.init) ?? []
                if path.first == section.name { path.removeFirst() }
                let shared = zip(open, path).prefix { $0 == $1 }.count
                for _ in shared..<open.count { add(["type": "end_group"]) }
                open.removeLast(open.count - shared)
                for name in path.dropFirst(shared) {
                    add(["type": "begin_group", "name": name])
                    open.append(name)
                }
                for row in self.rows(question) { add(row) }
            }
            for _ in open { add(["type": "end_group"]) }
            add(["type": "end_group"])
        }
        let attributes = Array(Set(survey.choiceLists.flatMap { $0.items.flatMap(\.attributes.keys) })).sorted()
        var choices: [[String]] = [["list_name", "name", "label"] + attributes]
        for list in survey.choiceLists {
            for item in list.items { choices.append([list.name, item.value, item.label] + attributes.map { item.attributes[$0] ?? "" }) }
        }
        let settings = [
            ["form_id", "version", "form_title", "default_language"],
            [survey.id, survey.version, survey.title, survey.languages.first ?? "fr"]
        ]
        var omitted: [String] = []
        if survey.description != nil { omitted.append("the survey's description") }
        if survey.privacy != nil { omitted.append("the privacy notice (privacy:)") }
        if survey.retention != nil { omitted.append("the retention periods (retention:)") }
        let data = try XLSXWriter.write([("survey", rows), ("choices", choices), ("settings", settings)])
        return (data, omitted)
    }

    /// The rows of one question: one, or a table-list group for a likert block.
    static func rows(_ question: Question) -> [[String: String]] {
        var row: [String: String] = [
            "name": question.name, "label": question.label, "hint": question.hint ?? "",
            "relevant": question.relevant?.source ?? "", "appearance": question.appearance ?? ""
        ]
        let required = question.required ? "yes" : ""
        let constraint = question.constraint?.source ?? ""
        let message = question.constraintMessage ?? ""
        let warning = question.warning?.source ?? ""
        let warningMessage = question.warningMessage ?? ""
        let list = question.choices ?? ""
        switch question.type {
        case .likert:
            row["type"] = "begin_group"
            row["appearance"] = "table-list"
            var rows = [row]
            for item in question.items {
                rows.append([
                    "type": "select_one \(list)", "name": item.name, "label": item.label, "required": required,
                    "constraint": constraint, "constraint_message": message, "warning": warning, "warning_message": warningMessage
                ])
            }
            rows.append(["type": "end_group"])
            return rows
        case .selectOne, .selectMultiple, .rank:
            row["type"] = "\(question.type.rawValue) \(list)" + (question.other ? " or_other" : "")
            row["choice_filter"] = question.choiceFilter.map { XLSFormExpression.export($0.source, choiceFilter: true) } ?? ""
        default:
            row["type"] = question.type.rawValue
        }
        row["required"] = required
        row["constraint"] = constraint
        row["constraint_message"] = message
        row["warning"] = warning
        row["warning_message"] = warningMessage
        row["calculation"] = question.calculation?.source ?? ""
        return [row]
    }
}
