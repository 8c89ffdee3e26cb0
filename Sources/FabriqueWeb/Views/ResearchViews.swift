/// What the researchers' page templates receive.

/// One fiche in the search results.
struct HitView {
    var title: String
    /// The coding screen, for those who code (staff only read the results).
    var codingURL: String?
    var region: String
    var year: Int
    var themes: String
    var approaches: String
    /// The matching passage, with the words found between « ».
    var snippet: String
}

/// The experience search page.
struct SearchView {
    var layout: LayoutView
    var query: String
    var regions: [FilterOptionView]
    var themes: [FilterOptionView]
    var approaches: [FilterOptionView]
    var hits: [HitView]
    var countLabel: String
}

/// One criterion's form on the coding screen, saved on its own.
struct CriterionFormView {
    var code: String
    /// The colour of its highlighted excerpts (`extrait-0`…`extrait-5`).
    var colour: String
    /// The anchor of the criterion's form (`critere-code`).
    var id: String
    var label: String
    var definition: String
    var action: String
    var levels: [OptionView]
    /// The excerpts, one quote per line, as typed or stored.
    var excerpts: String
    var memo: String
    var error: String?
    /// "Non codé" or "Codé : niveau 2 (affirmé)".
    var status: String
    var flagged: Bool
}

/// The coding screen: the fiche beside the criteria.
struct CodingScreenView {
    var layout: LayoutView
    var title: String
    var meta: String
    var summary: String
    /// The fiche's text as HTML (`FicheHTML`): escaped, with the saved excerpts highlighted.
    var ficheHTML: String
    var criteria: [CriterionFormView]
    var csrf: String
    var coder: String
    var blindNote: String?
}

/// One coder's level in a disagreement.
struct CoderLevelView {
    var coder: String
    var level: String
    var excerpts: [String]
    var memo: String
}

/// A fiche × criterion where finished coders disagree.
struct DisagreementView {
    var title: String
    var criterion: String
    var url: String
    var codings: [CoderLevelView]
}

/// The disagreements page.
struct DisagreementsView {
    var layout: LayoutView
    var items: [DisagreementView]
    var hasItems: Bool
}
