/// The HTML of one question of the respondent form (and of the staff edit form), written in Swift
/// rather than through the template engine: a page of the coordination questionnaire has some 700
/// values to place (101 départements among them), and swift-mustache spent three quarters of a
/// page's CPU looking them up. The markup is the one `question.mustache` produced; every value
/// goes through `HTMLEscaper`, the escaper of the templates.
extension QuestionView {
    var html: String {
        var out = HTMLOutput()
        out.line(1, "<div class=\"question\(error != nil ? " question-erreur" : "")\" id=\"\(e(id))\" data-question=\"\(e(name))\"\(conditional ? " data-relevant" : "")\(filtered ? " data-filter" : "")>")
        if isNote {
            out.line(2, "<p class=\"note\">\(e(label))</p>")
            hintLine(&out, 2)
        }
        let single = !(isNote || isRadio || isCheckbox || isLikert || isRank)
        if single {
            out.line(2, "<label for=\"\(e(inputId))\">\(e(label))\(requiredMark)\(isDate ? " <span class=\"format\">(jj/mm/aaaa)</span>" : "")</label>")
            hintLine(&out, 2)
            errorLine(&out, 2, error, errorId)
        }
        let described = describedBy.isEmpty ? "" : " aria-describedby=\"\(e(describedBy))\""
        let invalid = error != nil ? " aria-invalid=\"true\"" : ""
        if isText {
            out.line(2, "<input type=\"text\" id=\"\(e(inputId))\" name=\"\(e(name))\" value=\"\(e(value))\"\(described)\(invalid)>")
        }
        if isTextarea {
            out.line(2, "<textarea id=\"\(e(inputId))\" name=\"\(e(name))\" rows=\"5\"\(described)\(invalid)>\(e(value))</textarea>")
        }
        if isInteger {
            out.line(2, "<input type=\"text\" inputmode=\"numeric\" class=\"champ-nombre\" id=\"\(e(inputId))\" name=\"\(e(name))\" value=\"\(e(value))\"\(described)\(invalid)>")
        }
        if isDecimal {
            out.line(2, "<input type=\"text\" inputmode=\"decimal\" class=\"champ-nombre\" id=\"\(e(inputId))\" name=\"\(e(name))\" value=\"\(e(value))\"\(described)\(invalid)>")
        }
        if isDate {
            out.line(2, "<input type=\"text\" inputmode=\"text\" autocomplete=\"off\" class=\"champ-date\" id=\"\(e(inputId))\" name=\"\(e(name))\" value=\"\(e(value))\"\(described)\(invalid)>")
        }
        if isSelect {
            out.line(2, "<select id=\"\(e(inputId))\" name=\"\(e(name))\"\(described)\(invalid)>")
            out.line(3, "<option value=\"\">— Choisir —</option>")
            for option in options { out.line(3, optionTag(option)) }
            out.line(2, "</select>")
        }
        if isRadio || isCheckbox {
            groupStart(&out, "<fieldset\(described)>")
            out.line(2, "<input type=\"hidden\" name=\"\(e(name))\" value=\"\">")
            for option in options { choice(&out, 2, isRadio ? "radio" : "checkbox", name: name, option) }
            out.line(1, "</fieldset>")
        }
        if isLikert {
            groupStart(&out, "<fieldset class=\"likert\"\(described)>")
            for item in items {
                let itemError = item.error != nil
                out.line(2, "<fieldset class=\"likert-item\(itemError ? " likert-item-erreur" : "")\" id=\"\(e(item.id))\"\(itemError ? " aria-describedby=\"\(e(item.errorId))\"" : "")>")
                out.line(3, "<legend>\(e(item.label))\(item.required ? " <span class=\"obligatoire\">(obligatoire)</span>" : "")</legend>")
                errorLine(&out, 3, item.error, item.errorId)
                out.line(3, "<input type=\"hidden\" name=\"\(e(item.name))\" value=\"\">")
                out.line(3, "<div class=\"echelle\">")
                for option in item.options { choice(&out, 4, "radio", name: item.name, option) }
                out.line(3, "</div>")
                out.line(2, "</fieldset>")
            }
            out.line(1, "</fieldset>")
        }
        if isRank {
            groupStart(&out, "<fieldset class=\"classement\"\(described)>")
            out.line(2, "<p class=\"consigne\">Classez par ordre de priorité : choisissez un élément par rang.</p>")
            out.line(2, "<input type=\"hidden\" name=\"\(e(name))\" value=\"\">")
            for position in positions {
                out.line(2, "<div class=\"rang\">")
                out.line(3, "<label for=\"\(e(position.id))\">\(e(position.label))</label>")
                out.line(3, "<select id=\"\(e(position.id))\" name=\"\(e(name))\">")
                out.line(4, "<option value=\"\">—</option>")
                for option in position.options { out.line(4, optionTag(option)) }
                out.line(3, "</select>")
                out.line(2, "</div>")
            }
            out.line(1, "</fieldset>")
        }
        if let other {
            out.line(1, "<div class=\"autre\" data-autre>")
            out.line(2, "<label for=\"\(e(other.id))\">Autre, précisez</label>")
            errorLine(&out, 2, other.error, other.errorId)
            let otherInvalid = other.error != nil ? " aria-describedby=\"\(e(other.errorId))\" aria-invalid=\"true\"" : ""
            out.line(2, "<input type=\"text\" id=\"\(e(other.id))\" name=\"\(e(other.name))\" value=\"\(e(other.value))\"\(otherInvalid)>")
            out.line(1, "</div>")
        }
        out.line(0, "</div>")
        return out.text
    }

    private var requiredMark: String { required ? " <span class=\"obligatoire\">(obligatoire)</span>" : "" }

    /// A fieldset's opening, legend, hint and error.
    private func groupStart(_ out: inout HTMLOutput, _ tag: String) {
        out.line(1, tag)
        out.line(2, "<legend>\(e(label))\(requiredMark)</legend>")
        hintLine(&out, 2)
        errorLine(&out, 2, error, errorId)
    }

    private func hintLine(_ out: inout HTMLOutput, _ depth: Int) {
        if let hint { out.line(depth, "<p class=\"aide\" id=\"\(e(hintId))\">\(e(hint))</p>") }
    }

    private func errorLine(_ out: inout HTMLOutput, _ depth: Int, _ message: String?, _ id: String) {
        if let message { out.line(depth, "<p class=\"message-erreur\" id=\"\(e(id))\"><span class=\"visually-hidden\">Erreur :</span> \(e(message))</p>") }
    }

    private func choice(_ out: inout HTMLOutput, _ depth: Int, _ type: String, name: String, _ option: OptionView) {
        out.line(depth, "<div class=\"choix\">")
        out.line(depth + 1, "<input type=\"\(type)\" id=\"\(e(option.id))\" name=\"\(e(name))\" value=\"\(option.valueHTML)\"\(option.checked ? " checked" : "")\(attributes(option))>")
        out.line(depth + 1, "<label for=\"\(e(option.id))\">\(option.labelHTML)</label>")
        out.line(depth, "</div>")
    }

    private func optionTag(_ option: OptionView) -> String {
        "<option value=\"\(option.valueHTML)\"\(option.checked ? " selected" : "")\(attributes(option))>\(option.labelHTML)</option>"
    }

    private func attributes(_ option: OptionView) -> String {
        option.attrs.isEmpty ? "" : " data-attrs=\"\(option.attrsHTML)\""
    }

    private func e(_ text: String) -> String { HTMLEscaper.escape(text) }
}

/// Lines of HTML indented under the form (six spaces, then two per level).
struct HTMLOutput {
    private(set) var text = ""

    mutating func line(_ depth: Int, _ content: String) {
        text += String(repeating: " ", count: 6 + 2 * depth)
        text += content
        text += "\n"
    }
}
