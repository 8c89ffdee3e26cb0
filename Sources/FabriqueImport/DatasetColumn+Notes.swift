import FabriqueCore
import FabriqueFormats

extension DatasetColumn {
    /// The notes kept in the file (SPSS document, Stata notes), in French: where the data comes
    /// from, the missing values, and the fabrique code behind each number of each choice list, so
    /// that the file says by itself how to go back to the stored answers.
    static func notes(_ survey: Survey, columns: [DatasetColumn], unlisted: [Int: [String]], rows: Int) -> [String] {
        var notes = [
            "Réponses à l'enquête « \(survey.title) » (\(survey.id), version \(survey.version)), exportées par fabrique "
                + "\(FabriqueVersion.current) : \(rows) réponse\(rows == 1 ? "" : "s"), une ligne par réponse, dans l'ordre des identifiants.",
            "Valeurs manquantes : -1 (SPSS) ou .a (Stata) = Sans objet, la question ne s'appliquait pas (condition fausse, "
                + "« Autre » non choisi, option non proposée) ; -2 ou .b = Non renseigné, la question s'appliquait et n'a pas reçu "
                + "de réponse ; -3, -4… ou .c, .d… = les réponses « ne sait pas » ou de refus d'une liste. Les textes vides ne "
                + "distinguent pas ces cas. Quand un nombre descend à -1 ou en dessous, ses codes -1 et -2 sont remplacés par "
                + "les deux entiers sous sa plus petite valeur (voir ses étiquettes).",
            "Choix : une réponse garde son code quand tous les codes de sa liste sont des nombres entiers (« Autre » prend le "
                + "nombre suivant le plus grand), sinon elle est numérotée par sa position dans la liste, à partir de 1 ; les "
                + "listes numérotées sont données ci-dessous. Choix multiples : une variable 0/1 par option (question___code). "
                + "Classements : le rang de chaque option (question___code)."
        ]
        // The fabrique code behind each number, for the lists whose numbers are not their codes.
        var listed: [String: [String]] = [:]
        var order: [(list: ChoiceList, column: DatasetColumn)] = []
        for column in columns {
            guard let list = column.list, let field = column.field else { continue }
            if listed[list.name] == nil { order.append((list, column)) }
            listed[list.name, default: []].append(field)
        }
        for (list, column) in order {
            guard case .choice(let values) = column.source else { continue }
            let numbered = list.items.map { choice -> (number: String, code: String) in
                switch values[choice.value] {
                case .number(let number): (AnswerParsing.canonical(number), choice.value)
                case .declaredMissing(let index): (AnswerParsing.canonical(column.variable.missingCodes[index].code), choice.value)
                default: ("", choice.value)
                }
            }
            guard numbered.contains(where: { $0.number != $0.code }) else { continue }
            let fields = listed[list.name] ?? []
            notes.append(
                "Codes de la liste \(list.name) (\(fields.joined(separator: ", "))) : "
                    + numbered.map { "\($0.number) = \($0.code)" }.joined(separator: ", ") + ".")
        }
        for (index, column) in columns.enumerated() {
            guard let codes = unlisted[index], let field = column.field else { continue }
            let numbered = codes.enumerated().map { "\(column.nextNumber + $0.offset) = \($0.element)" }
            notes.append("Codes de \(field) absents de la liste actuelle : \(numbered.joined(separator: ", ")).")
        }
        return notes
    }
}
