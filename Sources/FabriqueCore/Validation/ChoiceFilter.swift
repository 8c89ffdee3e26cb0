/// A question's choice filter, judged per choice. The two shapes surveys use most, `attribute =
/// ${answer}` (départements of the region answered) and `selected(${answer}, attribute)` (ranks
/// among the themes chosen), are judged from each choice's attribute read once, without building
/// an expression context per choice; any other filter is evaluated as written. Both ways give
/// the evaluator's verdict (a test compares them).
struct ChoiceFilter: Sendable {
    enum Shape: Sendable {
        /// `attribute = ${answer}`, or the other way round when `answerFirst`.
        case equals(slot: Int, answerFirst: Bool)
        /// `selected(${answer}, attribute)`.
        case selected(slot: Int)
    }

    let expression: FormExpression
    let shape: Shape?
    /// Per choice: what the filter's attribute evaluates to for it (for a shape).
    let attributes: [ExpressionValue]

    init(_ expression: FormExpression, choices: [Choice]) {
        self.expression = expression
        let name: String?
        switch expression {
        case .binary(.equal, .attribute(let attribute, _), .resolved(_, _, let slot)):
            (shape, name) = (.equals(slot: slot, answerFirst: false), attribute)
        case .binary(.equal, .resolved(_, _, let slot), .attribute(let attribute, _)):
            (shape, name) = (.equals(slot: slot, answerFirst: true), attribute)
        case .call(.selected, let arguments) where arguments.count == 2:
            if case .resolved(_, _, let slot) = arguments[0], case .attribute(let attribute, _) = arguments[1] {
                (shape, name) = (.selected(slot: slot), attribute)
            } else {
                (shape, name) = (nil, nil)
            }
        default:
            (shape, name) = (nil, nil)
        }
        attributes = name.map { name in choices.map { Self.attribute(name, of: $0) } } ?? []
    }

    /// What a bare attribute name evaluates to for a choice (as `ValidatedAnswers.attribute`).
    static func attribute(_ name: String, of choice: Choice) -> ExpressionValue {
        switch name {
        case "value": .string(choice.value)
        case "label": .string(choice.label)
        default: choice.attributes[name].map(ExpressionValue.string) ?? .empty
        }
    }

    /// Whether the choice at `position` among `choices` passes the filter under the workspace's answers.
    func allows(_ position: Int, of choices: [Choice], in workspace: ValidationWorkspace) -> Bool {
        switch shape {
        case .equals(let slot, let answerFirst)?:
            let answer = workspace.answers.value(at: slot)
            return answerFirst ? FormExpression.equals(answer, attributes[position]) : FormExpression.equals(attributes[position], answer)
        case .selected(let slot)?:
            return FormExpression.isSelected(attributes[position].asString, in: workspace.answers.value(at: slot))
        case nil:
            return evaluated(position, of: choices, in: workspace)
        }
    }

    /// The filter evaluated as written, for the choice at `position`.
    func evaluated(_ position: Int, of choices: [Choice], in workspace: ValidationWorkspace) -> Bool {
        workspace.isTrue(expression, current: .empty, item: choices[position])
    }
}
