import FabriqueCore

/// What the page templates receive. Mustache reads these structs by property name; every string
/// is HTML-escaped by `{{ }}`, and no template uses `{{{ }}}`.

/// The parts every page shares (the `entete` and `pied` partials read them).
struct LayoutView {
    /// The `<title>` and `<h1>`.
    var pageTitle: String
    /// The staff navigation, when a staff member is logged in.
    var nav: NavView?
    /// Extra script URLs (same origin), for the live skip logic.
    var scripts: [String] = []
}

/// The staff navigation bar, with the CSRF token its logout form carries.
struct NavView {
    var userName: String
    var roleLabel: String
    var csrf: String
    var canSeeResponses: Bool
    var canCode: Bool
}

/// One choice of a radio group, a checkbox group, a select or a rank position.
struct OptionView {
    /// The element id (`q-name-value`), unique in the page.
    var id: String
    var value: String
    var label: String
    /// Ticked (radios, boxes) or selected (select elements).
    var checked: Bool
    /// JSON of the choice's attributes, for choice filters the browser applies (`data-attrs`), else empty.
    var attrs: String
    /// The same three, HTML-escaped once per survey version (`SurveyCatalog`), for `QuestionHTML`.
    var valueHTML = ""
    var labelHTML = ""
    var attrsHTML = ""
}

/// An error of the summary at the top of a page, linking to its field.
struct ErrorLink {
    var href: String
    var label: String
    var message: String
}

/// A likert row: one item, its radios on the shared scale.
struct LikertItemView {
    var name: String
    var id: String
    var label: String
    var required: Bool
    var error: String?
    var errorId: String
    var options: [OptionView]
}

/// A rank position ("1er choix"): a select of the choices.
struct RankPositionView {
    var id: String
    var label: String
    var options: [OptionView]
}

/// The "other, specify" text of a select question.
struct OtherView {
    var name: String
    var id: String
    var value: String
    var error: String?
    var errorId: String
}

/// One question as rendered: exactly one of the `is…` flags is true.
struct QuestionView {
    var name: String
    /// The container's id (`q-name`), the target of error links.
    var id: String
    /// The id of the main input (`f-name`) for `<label for>`; groups use `<fieldset>` instead.
    var inputId: String
    var label: String
    var hint: String?
    var hintId: String
    var required: Bool
    var error: String?
    var errorId: String
    /// The ids `aria-describedby` lists: the hint and the error, when present.
    var describedBy: String
    /// Whether the browser shows or hides it live (`data-relevant`): its condition reads this page.
    var conditional: Bool
    /// Whether its choices depend on answers of this page (`data-filter`).
    var filtered: Bool
    var isNote = false
    var isText = false
    var isTextarea = false
    var isInteger = false
    var isDecimal = false
    var isDate = false
    var isRadio = false
    var isSelect = false
    var isCheckbox = false
    var isLikert = false
    var isRank = false
    /// What was typed (text, numbers, dates), re-displayed as is.
    var value: String = ""
    var options: [OptionView] = []
    var other: OtherView?
    /// The scale's labels, for the likert table's header.
    var scale: [String] = []
    var items: [LikertItemView] = []
    var positions: [RankPositionView] = []
}

/// A page of the respondent form, written in Swift (`FormPageHTML.swift`).
struct FormPageView {
    var layout: LayoutView
    var surveyTitle: String
    var sectionTitle: String
    var sectionDescription: String?
    /// "Étape 2 sur 7".
    var stepLabel: String
    var stepNumber: Int
    var stepCount: Int
    /// POST target of the page.
    var action: String
    var errors: [ErrorLink]
    var hasErrors: Bool
    var hasPrevious: Bool
    /// JSON of the answers given on other pages, for the live skip logic (`data-valeurs`).
    var answersJSON: String
    /// Who the link was sent to, when it is personal.
    var contactName: String?
    /// A confirmation shown above the form ("Vos réponses sont enregistrées…").
    var notice: String?
    /// A problem on the server's side, shown above the form ("Service momentanément indisponible").
    var alert: String?
    /// Today's date (`yyyy-mm-dd`) for `today()` in the browser's rules (`data-today`).
    var today: String
    /// The survey's privacy notice, on the form's first page only.
    var privacy: PrivacyNotice? = nil
    /// Accepted answers outside a soft limit, to be checked before going on.
    var warnings: [ErrorLink] = []
    /// What the form posts back to confirm those answers (`FormFlow.confirmation`).
    var confirmations: [String] = []
}

/// One answer on the review page.
struct ReviewAnswerView {
    var label: String
    var value: String
}

/// One section on the review page, with its link back.
struct ReviewSectionView {
    var title: String
    var editURL: String
    var answers: [ReviewAnswerView]
}

/// The review page before submitting.
struct ReviewPageView {
    var layout: LayoutView
    var surveyTitle: String
    var sections: [ReviewSectionView]
    var errors: [ErrorLink]
    var hasErrors: Bool
    /// A problem on the server's side, shown above the answers.
    var alert: String?
    var action: String
    var backURL: String
}

/// The confirmation after submitting.
struct ReceiptView {
    var layout: LayoutView
    var surveyTitle: String
    var receipt: String
    var submittedAt: String
}

/// The open link's landing page.
struct OpenStartView {
    var layout: LayoutView
    var surveyTitle: String
    var description: String?
    var action: String
    /// The start form's token, signed by the server.
    var token: String
}

/// A plain message page (404, 403, 429…).
struct MessageView {
    var layout: LayoutView
    var message: String
}
