/// The HTML of one question of the respondent form (and of the staff edit form), written in Swift
/// rather than through the template engine: a page of the coordination questionnaire has some 700
/// values to place (101 départements among them), and swift-mustache spent three quarters of a
/// page's CPU looking them up. The markup is the one `question.mustache` produced (kept in the
/// tests' fixtures); interpolated values are escaped by `HTMLLine`, choices were escaped once per
/// survey version (`EscapedChoices`).
extension QuestionView {
    /// The question alone, for the staff edit form's template.
    var html: String {
        var out = HTMLWriter()
        write(to: &out)
        return out.text
    }

    func write(to out: inout HTMLWriter) {
        let errorClass = error != nil ? " question-erreur" : ""
        let relevant = conditional ? " data-relevant" : ""
        let filter = filtered ? " data-filter" : ""
        out.line(1, "<div class=\"question\(raw: errorClass)\" id=\"\(id)\" data-question=\"\(name)\"\(raw: relevant)\(raw: filter)>")
        if isNote {
            out.line(2, "<p class=\"note\">\(label)</p>")
            hintLine(&out, 2)
        }
        let single = !(isNote || isRadio || isCheckbox || isLikert || isRank)
        if single {
            out.line(
                2, "<label for=\"\(inputId)\">\(label)\(raw: requiredMark)\(raw: isDate ? " <span class=\"format\">(jj/mm/aaaa)</span>" : "")</label>"
            )
            hintLine(&out, 2)
            errorLine(&out, 2, error, errorId)
        }
        let described = HTMLLine("\(raw: describedBy.isEmpty ? "" : " aria-describedby=\"")\(describedBy)\(raw: describedBy.isEmpty ? "" : "\"")")
        let aria = HTMLLine("\(raw: described)\(raw: error != nil ? " aria-invalid=\"true\"" : "")")
        if let attributes = textInputAttributes {
            out.line(2, "<input type=\"text\"\(raw: attributes) id=\"\(inputId)\" name=\"\(name)\" value=\"\(value)\"\(raw: aria)>")
        }
        if isTextarea {
            out.line(2, "<textarea id=\"\(inputId)\" name=\"\(name)\" rows=\"5\"\(raw: aria)>\(value)</textarea>")
        }
        if isSelect {
            out.line(2, "<select id=\"\(inputId)\" name=\"\(name)\"\(raw: aria)>")
            out.line(3, "<option value=\"\">— Choisir —</option>")
            for option in options { out.line(3, optionTag(option)) }
            out.line(2, "</select>")
        }
        if isRadio || isCheckbox {
            groupStart(&out, "<fieldset\(raw: described)>")
            out.line(2, "<input type=\"hidden\" name=\"\(name)\" value=\"\">")
            for option in options { choice(&out, 2, isRadio ? "radio" : "checkbox", name: name, option) }
            out.line(1, "</fieldset>")
        }
        if isLikert {
            groupStart(&out, "<fieldset class=\"likert\"\(raw: described)>")
            for item in items {
                let itemError = item.error != nil
                let itemClass = itemError ? " likert-item-erreur" : ""
                let itemDescribedBy = itemError ? " aria-describedby=\"" + HTMLEscaper.escape(item.errorId) + "\"" : ""
                out.line(2, "<fieldset class=\"likert-item\(raw: itemClass)\" id=\"\(item.id)\"\(raw: itemDescribedBy)>")
                out.line(3, "<legend>\(item.label)\(raw: item.required ? " <span class=\"obligatoire\">(obligatoire)</span>" : "")</legend>")
                errorLine(&out, 3, item.error, item.errorId)
                out.line(3, "<input type=\"hidden\" name=\"\(item.name)\" value=\"\">")
                out.line(3, "<div class=\"echelle\">")
                for option in item.options { choice(&out, 4, "radio", name: item.name, option) }
                out.line(3, "</div>")
                out.line(2, "</fieldset>")
            }
            out.line(1, "</fieldset>")
        }
        if isRank {
            groupStart(&out, "<fieldset class=\"classement\"\(raw: described)>")
            out.line(2, "<p class=\"consigne\">Classez par ordre de priorité : choisissez un élément par rang.</p>")
            out.line(2, "<input type=\"hidden\" name=\"\(name)\" value=\"\">")
            for position in positions {
                out.line(2, "<div class=\"rang\">")
                out.line(3, "<label for=\"\(position.id)\">\(position.label)</label>")
                out.line(3, "<select id=\"\(position.id)\" name=\"\(name)\">")
                out.line(4, "<option value=\"\">—</option>")
                for option in position.options { out.line(4, optionTag(option)) }
                out.line(3, "</select>")
                out.line(2, "</div>")
            }
            out.line(1, "</fieldset>")
        }
        if let other {
            out.line(1, "<div class=\"autre\" data-autre>")
            out.line(2, "<label for=\"\(other.id)\">Autre, précisez</label>")
            errorLine(&out, 2, other.error, other.errorId)
            let otherInvalid = other.error != nil ? " aria-describedby=\"" + HTMLEscaper.escape(other.errorId) + "\" aria-invalid=\"true\"" : ""
            out.line(2, "<input type=\"text\" id=\"\(other.id)\" name=\"\(other.name)\" value=\"\(other.value)\"\(raw: otherInvalid)>")
            out.line(1, "</div>")
        }
        out.line(0, "</div>")
    }

    /// The attributes of a one-line text input (text, numbers, dates) after `type="text"`, or nil.
    private var textInputAttributes: String? {
        if isText { return "" }
        if isInteger { return " inputmode=\"numeric\" class=\"champ-nombre\"" }
        if isDecimal { return " inputmode=\"decimal\" class=\"champ-nombre\"" }
        if isDate { return " inputmode=\"text\" autocomplete=\"off\" class=\"champ-date\"" }
        return nil
    }

    private var requiredMark: String { required ? " <span class=\"obligatoire\">(obligatoire)</span>" : "" }

    /// A fieldset's opening, legend, hint and error.
    private func groupStart(_ out: inout HTMLWriter, _ tag: HTMLLine) {
        out.line(1, tag)
        out.line(2, "<legend>\(label)\(raw: requiredMark)</legend>")
        hintLine(&out, 2)
        errorLine(&out, 2, error, errorId)
    }

    private func hintLine(_ out: inout HTMLWriter, _ depth: Int) {
        if let hint { out.line(depth, "<p class=\"aide\" id=\"\(hintId)\">\(hint)</p>") }
    }

    private func errorLine(_ out: inout HTMLWriter, _ depth: Int, _ message: String?, _ id: String) {
        if let message { out.line(depth, "<p class=\"message-erreur\" id=\"\(id)\"><span class=\"visually-hidden\">Erreur :</span> \(message)</p>") }
    }

    private func choice(_ out: inout HTMLWriter, _ depth: Int, _ type: String, name: String, _ option: OptionView) {
        out.line(depth, "<div class=\"choix\">")
        let checked = option.checked ? " checked" : ""
        let dataAttrs = attributes(option)
        out.line(
            depth + 1,
            "<input type=\"\(raw: type)\" id=\"\(option.id)\" name=\"\(name)\" value=\"\(raw: option.valueHTML)\"\(raw: checked)\(raw: dataAttrs)>"
        )
        out.line(depth + 1, "<label for=\"\(option.id)\">\(raw: option.labelHTML)</label>")
        out.line(depth, "</div>")
    }

    private func optionTag(_ option: OptionView) -> HTMLLine {
        let selected = option.checked ? " selected" : ""
        return "<option value=\"\(raw: option.valueHTML)\"\(raw: selected)\(raw: attributes(option))>\(raw: option.labelHTML)</option>"
    }

    private func attributes(_ option: OptionView) -> String {
        option.attrs.isEmpty ? "" : " data-attrs=\"" + option.attrsHTML + "\""
    }
}
