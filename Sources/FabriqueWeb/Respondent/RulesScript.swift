import FabriqueCore

/// The JavaScript of a survey's live skip logic, served as a same-origin file (the CSP forbids
/// inline scripts): Core's expression runtime, then every `relevant` and `choice_filter` compiled
/// by Core's emitter, and the type of each variable. The language exists once, in Core.
enum RulesScript {
    static func make(_ survey: Survey) -> String {
        var relevant: [String] = []
        var filters: [String] = []
        for question in survey.questions {
            if let expression = question.relevant?.expression {
                relevant.append("    \(ExpressionJavaScript.literal(question.name)): \(ExpressionJavaScript.function(expression))")
            }
            if let expression = question.choiceFilter?.expression {
                filters.append("    \(ExpressionJavaScript.literal(question.name)): \(ExpressionJavaScript.function(expression))")
            }
        }
        let types = survey.fields.map { field in
            "\(ExpressionJavaScript.literal(field.name)): \(ExpressionJavaScript.literal(field.valueType.rawValue))"
        }
        return ExpressionJavaScript.runtime + """

            var FabriqueRegles = {
              survey: \(ExpressionJavaScript.literal(survey.id)),
              version: \(ExpressionJavaScript.literal(survey.version)),
              types: {\(types.joined(separator: ", "))},
              relevant: {
            \(relevant.joined(separator: ",\n"))
              },
              filters: {
            \(filters.joined(separator: ",\n"))
              }
            };

            """
    }
}
