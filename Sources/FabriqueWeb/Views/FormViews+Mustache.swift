import Mustache

// Mustache reads a struct's properties through Mirror, which costs more than the rest of a page
// for the form's many small views (a page of the coordination questionnaire took 40 ms). These
// conformances give the template engine a direct lookup instead; they must list every property
// that a template reads (`FormViewsTests` renders every question type to check it).

extension LayoutView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "pageTitle": pageTitle
        case "nav": nav
        case "scripts": scripts
        default: nil
        }
    }
}

extension NavView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "userName": userName
        case "roleLabel": roleLabel
        case "csrf": csrf
        case "canSeeResponses": canSeeResponses
        case "canCode": canCode
        default: nil
        }
    }
}

extension OptionView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "id": id
        case "value": value
        case "label": label
        case "checked": checked
        case "attrs": attrs
        default: nil
        }
    }
}

extension ErrorLink: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "href": href
        case "label": label
        case "message": message
        default: nil
        }
    }
}

extension LikertItemView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "id": id
        case "label": label
        case "required": required
        case "error": error
        case "errorId": errorId
        case "options": options
        default: nil
        }
    }
}

extension RankPositionView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "id": id
        case "label": label
        case "options": options
        default: nil
        }
    }
}

extension OtherView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "id": id
        case "value": value
        case "error": error
        case "errorId": errorId
        default: nil
        }
    }
}

extension QuestionView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "id": id
        case "inputId": inputId
        case "label": label
        case "hint": hint
        case "hintId": hintId
        case "required": required
        case "error": error
        case "errorId": errorId
        case "describedBy": describedBy
        case "conditional": conditional
        case "filtered": filtered
        case "isNote": isNote
        case "isText": isText
        case "isTextarea": isTextarea
        case "isInteger": isInteger
        case "isDecimal": isDecimal
        case "isDate": isDate
        case "isRadio": isRadio
        case "isSelect": isSelect
        case "isCheckbox": isCheckbox
        case "isLikert": isLikert
        case "isRank": isRank
        case "value": value
        case "options": options
        case "other": other
        case "scale": scale
        case "items": items
        case "positions": positions
        default: nil
        }
    }
}

extension FormPageView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "layout": layout
        case "surveyTitle": surveyTitle
        case "sectionTitle": sectionTitle
        case "sectionDescription": sectionDescription
        case "stepLabel": stepLabel
        case "stepNumber": stepNumber
        case "stepCount": stepCount
        case "action": action
        case "errors": errors
        case "hasErrors": hasErrors
        case "questions": questions
        case "hasPrevious": hasPrevious
        case "answersJSON": answersJSON
        case "contactName": contactName
        case "notice": notice
        case "today": today
        default: nil
        }
    }
}

extension ReviewAnswerView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "label": label
        case "value": value
        default: nil
        }
    }
}

extension ReviewSectionView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "editURL": editURL
        case "answers": answers
        default: nil
        }
    }
}

extension ReviewPageView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "layout": layout
        case "surveyTitle": surveyTitle
        case "sections": sections
        case "errors": errors
        case "hasErrors": hasErrors
        case "action": action
        case "backURL": backURL
        default: nil
        }
    }
}
