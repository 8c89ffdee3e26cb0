import FabriqueCore

/// A questionnaire being built from another tool's file. Every definition gets a location that
/// stands for its place in the source (a cell, a line), so that fabrique's own checks, run on
/// the result, point into the source file; what cannot be represented is collected, never dropped
/// without a word.
final class ImportDraft {
    let file: String
    var id = ""
    var version = ""
    var title = ""
    var description: String?
    var languages: [String] = ["fr"]
    var lists: [ChoiceList] = []
    var sections: [SurveySection] = []
    var metadata: [SurveyMetadata] = []
    /// Constructs fabrique cannot represent, left out of the draft.
    private(set) var unsupported: [FormatIssue] = []
    /// Changes made while reading that keep the data as it is (labels, presentation).
    private(set) var notes: [FormatIssue] = []
    /// Names of questions left out, so that references to them are explained.
    var leftOut: Set<String> = []
    private var places: [FormatPlace] = []

    init(file: String) {
        self.file = file
    }

    /// A location standing for `place`: line N is the N-th place handed out.
    func location(_ place: FormatPlace) -> SourceLocation {
        places.append(place)
        return SourceLocation(line: places.count, column: 1)
    }

    /// The source place a location stands for.
    func place(of location: SourceLocation) -> FormatPlace {
        places.indices.contains(location.line - 1) ? places[location.line - 1] : .file
    }

    /// Records a construct that fabrique cannot represent.
    func unsupported(_ place: FormatPlace, _ message: String) {
        unsupported.append(FormatIssue(file: file, place: place, message: message))
    }

    /// Records a change that keeps the data but not everything the source said.
    func note(_ place: FormatPlace, _ message: String) {
        notes.append(FormatIssue(file: file, place: place, message: message))
    }

    /// Parses an expression already in fabrique's language; a syntax error makes it unsupported.
    /// `original` is the source's text, quoted in the message.
    func expression(_ text: String, original: String, role: String, owner: String, at place: FormatPlace) -> SourceExpression? {
        do {
            let parsed = try ExpressionParser.parse(text)
            return SourceExpression(source: text, expression: parsed, location: location(place), inlineColumnOffset: nil)
        } catch {
            unsupported(
                place,
                "\(role) of '\(owner)' cannot be translated into fabrique's expressions (\(error.message)): \"\(original)\"; "
                    + "rewrite it with the functions of docs/questionnaire-format.md §6, or rerun with --skip-unsupported to leave '\(owner)' out"
            )
            return nil
        }
    }

    /// The survey as drafted.
    var survey: Survey {
        Survey(
            id: id, version: version, title: title, description: description, languages: languages, choiceLists: lists,
            sections: sections.filter { !$0.questions.isEmpty }, metadata: metadata)
    }
}
