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

extension QuestionView: MustacheParent {
    /// A question is written in Swift (`QuestionHTML.swift`); templates only place its HTML.
    func child(named key: String) -> Any? {
        key == "html" ? html : nil
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
        case "alert": alert
        case "action": action
        case "backURL": backURL
        default: nil
        }
    }
}
