import FabriqueCore
import FabriqueFormats

/// The declared missing values of the SPSS and Stata exports (docs/import.md §7). fabrique stores
/// nothing for a question left unanswered; whether the question applied is decided again from the
/// response's answers with the questionnaire's conditions, so the two cases stay apart:
///
/// | meaning | SPSS | Stata |
/// |---|---|---|
/// | the question did not apply (condition false, "other" text without "other") | -1 | `.a` |
/// | the question applied and was left unanswered | -2 | `.b` |
/// | the k-th "don't know" or refusal choice of the list | -(2 + k) | `.c`, `.d`… |
///
/// Choices are numbered from 0 up (`DatasetColumn.numbers`), so no code collides with these.
/// Texts have no declared missing values: both cases are an empty text.
enum MissingAnswers {
    /// The question did not apply.
    static let notApplicable = MissingCode(code: -1, tag: "a", label: "Sans objet")
    /// The question applied and was not answered.
    static let unanswered = MissingCode(code: -2, tag: "b", label: "Non renseigné")
    /// Both, in the order their positions are used by `DatasetValue.declaredMissing`.
    static let both = [notApplicable, unanswered]

    /// The missing code of an absent answer.
    static func absent(applies: Bool) -> DatasetValue {
        .declaredMissing(applies ? 1 : 0)
    }

    /// The codes of a number variable whose answers go down to `minimum`: -1 and -2 when every
    /// answer is above them, else the two integers below the lowest answer.
    static func codes(below minimum: Double?) -> [MissingCode] {
        guard let minimum, minimum <= -1 else { return both }
        let first = (minimum - 1).rounded(.down)
        return [
            MissingCode(code: first, tag: "a", label: notApplicable.label),
            MissingCode(code: first - 1, tag: "b", label: unanswered.label)
        ]
    }

    /// The missing code of the k-th (from 0) non-substantive choice of a list.
    static func choice(_ index: Int, label: String) -> MissingCode {
        let tag = Character(Unicode.Scalar(UInt8(ascii: "c") + UInt8(min(index, 23))))
        return MissingCode(code: -Double(3 + index), tag: tag, label: label)
    }

    /// Whether a choice means "don't know" or a refusal: its `missing` attribute says so
    /// (`"yes"` or `"no"`), else its code or label is one of the usual French and English ones.
    static func isNonSubstantive(_ choice: Choice) -> Bool {
        if let flag = choice.attributes["missing"] { return ["yes", "true", "oui", "1"].contains(flag.folded) }
        return usual.contains(choice.value.slug) || usual.contains(choice.label.slug)
    }

    /// Codes and labels (as slugs) of "don't know" and refusal choices.
    private static let usual: Set<String> = [
        "nsp", "nspp", "nsp-nr", "nsp-refus", "ne-sait-pas", "ne-sais-pas", "je-ne-sais-pas", "ne-se-prononce-pas",
        "je-ne-me-prononce-pas", "ne-souhaite-pas-repondre", "je-ne-souhaite-pas-repondre", "prefere-ne-pas-repondre",
        "je-prefere-ne-pas-repondre", "refus-de-repondre", "ne-veut-pas-repondre", "dk", "dont-know", "don-t-know",
        "prefer-not-to-say", "prefer-not-to-answer"
    ]
}
