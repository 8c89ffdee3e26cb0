import FabriqueCore
import FabriqueTestSupport
import Foundation
import Testing

/// The one validation function: every kind of problem, with French messages, and canonical values.
struct ResponseValidatorTests {
    static let yaml = """
        id: v
        version: "1"
        title: Validation
        choices:
          - list_name: demarches
            items:
              - {value: cls, label: CLS}
              - {value: clsm, label: CLSM}
              - {value: asv, label: ASV}
          - list_name: regions
            items:
              - {value: "44", label: Grand Est}
              - {value: "11", label: Île-de-France}
          - list_name: departements
            items:
              - {value: "67", label: Bas-Rhin, region: "44"}
              - {value: "75", label: Paris, region: "11"}
          - list_name: accord
            items:
              - {value: "1", label: Pas d'accord}
              - {value: "2", label: Plutôt d'accord}
              - {value: "3", label: D'accord}
        sections:
          - name: s1
            title: Identification
            questions:
              - {name: demarches, type: select_multiple, label: Démarches, choices: demarches, other: true, required: true}
              - {name: region, type: select_one, label: Région, choices: regions, required: true}
              - {name: departement, type: select_one, label: Département, choices: departements, choice_filter: "region = ${region}"}
              - name: etp
                type: decimal
                label: ETP
                required: true
                constraint: ". >= 0 and . <= 5"
                constraint_message: "Le temps de coordination doit être compris entre 0 et 5 ETP."
              - {name: annee, type: integer, label: Année, warning: ". >= 1990", warning_message: "Année inhabituelle : vérifiez-la."}
              - {name: commentaire, type: text, label: Commentaire}
              - {name: debut, type: date, label: Date de début}
              - {name: priorites, type: rank, label: Priorités, choices: demarches}
              - {name: avis, type: likert, label: Avis, choices: accord, required: true, items: [{name: avis_a, label: A}, {name: avis_b, label: B}]}
              - {name: total, type: calculate, label: Total, calculation: "${etp} * 2"}
          - name: s2
            title: Santé mentale
            relevant: "selected(${demarches}, 'clsm')"
            questions:
              - {name: clsm_annee, type: integer, label: Année du CLSM, required: true}
        """

    static let valid: [String: String] = [
        "demarches": "clsm cls", "region": "44", "departement": "67", "etp": "0,5", "annee": "2 015",
        "debut": "15/03/2024", "priorites": "asv cls", "avis_a": "3", "avis_b": "1", "clsm_annee": "2019"
    ]

    static func validate(_ changes: [String: String?]) throws -> ValidationResult {
        var raw = valid
        for (key, value) in changes { raw[key] = value }
        return ResponseValidator(survey: try Fixtures.survey(yaml)).validate(raw, today: Fixtures.today)
    }

    @Test func validResponseGivesCanonicalValues() throws {
        let result = try Self.validate([:])
        #expect(result.issues == [])
        #expect(
            result.values == [
                "demarches": "cls clsm", "region": "44", "departement": "67", "etp": "0.5", "annee": "2015",
                "debut": "2024-03-15", "priorites": "asv cls", "avis_a": "3", "avis_b": "1", "total": "1", "clsm_annee": "2019"
            ])
    }

    static let failures: [(field: String, value: String?, kind: ValidationIssue.Kind, message: String)] = [
        ("region", nil, .required, "Cette question est obligatoire."),
        ("avis_b", "", .required, "Répondez pour cette ligne : elle est obligatoire."),
        ("annee", "2015,5", .notInteger, "« 2015,5 » n'est pas un nombre entier (exemple : 12)."),
        ("etp", "un demi", .notDecimal, "« un demi » n'est pas un nombre (exemple : 0,5)."),
        ("etp", "1,5,2", .notDecimal, "« 1,5,2 » n'est pas un nombre (exemple : 0,5)."),
        ("etp", "7", .constraint, "Le temps de coordination doit être compris entre 0 et 5 ETP."),
        ("debut", "31/02/2024", .notDate, "« 31/02/2024 » n'est pas une date valide (format jj/mm/aaaa, exemple : 15/03/2024)."),
        ("region", "93", .unknownChoice, "« 93 » ne fait pas partie des réponses proposées."),
        ("demarches", "cls pmi", .unknownChoice, "« pmi » ne fait pas partie des réponses proposées."),
        ("departement", "75", .filteredChoice, "« Paris » n'est pas possible compte tenu de vos réponses précédentes."),
        ("region", "44 11", .singleChoiceExpected, "Une seule réponse est possible."),
        ("priorites", "cls asv cls", .duplicateRank, "« CLS » est classé plusieurs fois ; chaque élément ne peut avoir qu'un rang."),
        ("avis_a", "4", .unknownChoice, "« 4 » ne fait pas partie des réponses proposées."),
        ("demarches", "clsm other", .otherTextMissing, "Précisez votre réponse « Autre »."),
        ("annee", "1 2", .notInteger, "« 1 2 » n'est pas un nombre entier (exemple : 12)."),
        ("annee", "20 15", .notInteger, "« 20 15 » n'est pas un nombre entier (exemple : 12)."),
        ("annee", "9223372036854775807", .tooLarge, "« 9223372036854775807 » est trop grand : un nombre entier a au plus 18 chiffres."),
        ("annee", "9 223 372 036 854 775 807", .tooLarge, "« 9 223 372 036 854 775 807 » est trop grand : un nombre entier a au plus 18 chiffres."),
        ("etp", "1 2,5", .notDecimal, "« 1 2,5 » n'est pas un nombre (exemple : 0,5)."),
        (
            "commentaire", "avant\u{0}après", .forbiddenCharacter,
            "Votre réponse contient un caractère invisible non autorisé (U+0000) : retapez le texte sans le copier-coller."
        ),
        (
            "commentaire", "\u{202E}gpj.exe", .forbiddenCharacter,
            "Votre réponse contient un caractère invisible non autorisé (U+202E) : retapez le texte sans le copier-coller."
        )
    ]

    @Test("each broken rule gives its issue and French message", arguments: failures)
    func reportsIssue(field: String, value: String?, kind: ValidationIssue.Kind, message: String) throws {
        let result = try Self.validate([field: value])
        let expectedField = kind == .otherTextMissing ? "demarches_other" : field
        #expect(result.issues == [ValidationIssue(field: expectedField, kind: kind, message: message)])
        #expect(result.values[expectedField] == nil)
    }

    @Test func everyKindOfIssueIsCovered() {
        #expect(Set(Self.failures.map(\.kind)).union([.unusualValue]) == Set(ValidationIssue.Kind.allCases))
    }

    @Test func anAnswerPastASoftLimitIsKeptAndWarnedAbout() throws {
        let warning = ValidationIssue(field: "annee", kind: .unusualValue, message: "Année inhabituelle : vérifiez-la.")
        let unusual = try Self.validate(["annee": "1980"])
        #expect(unusual.issues == [])
        #expect(unusual.values["annee"] == "1980")
        #expect(unusual.warnings == [warning])
        #expect(try Self.validate([:]).warnings == [])
        // A refused answer, or none, is not warned about as well.
        #expect(try Self.validate(["annee": "x"]).warnings == [])
        #expect(try Self.validate(["annee": nil]).warnings == [])
        let validator = ResponseValidator(survey: try Fixtures.survey(Self.yaml))
        var raw = Self.valid
        raw["annee"] = "1 980"
        #expect(validator.evaluate(raw, today: Fixtures.today).warnings == [warning])
        #expect(validator.validate(fields: validator.aligned(raw), today: Fixtures.today).warnings == [warning])
    }

    @Test func everyProblemIsReturnedAtOnce() throws {
        let result = try Self.validate(["region": nil, "etp": "9", "annee": "x"])
        #expect(result.issues.map(\.field) == ["region", "etp", "annee"])
    }

    @Test func answersToSkippedQuestionsAreDropped() throws {
        // Without CLSM the mental health section is skipped: its required question is not asked and its answer is dropped.
        let result = try Self.validate(["demarches": "cls"])
        #expect(result.isValid)
        #expect(result.values["clsm_annee"] == nil)
    }

    @Test func otherTextIsKeptOnlyWhenOtherIsChosen() throws {
        let chosen = try Self.validate(["demarches": "other cls", "demarches_other": "  PTS  "])
        #expect(chosen.values["demarches"] == "cls other")
        #expect(chosen.values["demarches_other"] == "PTS")
        let notChosen = try Self.validate(["demarches_other": "PTS"])
        #expect(notChosen.values["demarches_other"] == nil)
    }

    /// An "other, specify" text follows its question: under a condition that hides the question,
    /// both answers are dropped; shown, `other` without text is an error; a select_one's `other`
    /// keeps its text. The coordination survey, from a generated response.
    @Test func otherTextFollowsItsQuestionsCondition() throws {
        let survey = try Fixtures.coordinationSurvey()
        let validator = ResponseValidator(survey: survey)
        var generator = try Fixtures.generator(for: survey, seed: 3)
        var raw = try generator.next()
        raw["formation_coordinateur"] = "other"
        raw["formation_coordinateur_other"] = "DU de coordination"
        raw["statut_coordinateur"] = "poste_vacant"
        raw["statut_coordinateur_other"] = nil
        let hidden = validator.evaluate(raw, today: Fixtures.today)
        #expect(hidden.values["formation_coordinateur"] == nil && hidden.values["formation_coordinateur_other"] == nil)
        #expect(!hidden.applicable.contains("formation_coordinateur_other"))
        #expect(!hidden.issues.contains { $0.field.hasPrefix("formation_coordinateur") })
        #expect(validator.validate(raw, today: Fixtures.today).values == hidden.values)

        raw["statut_coordinateur"] = "titulaire_fpt"
        raw["formation_coordinateur_other"] = nil
        let missing = validator.evaluate(raw, today: Fixtures.today)
        #expect(missing.applicable.contains("formation_coordinateur_other"))
        #expect(missing.issues.map(\.field) == ["formation_coordinateur_other"])
        #expect(missing.issues.first?.kind == .otherTextMissing)
        #expect(validator.validate(raw, today: Fixtures.today).issues.map(\.field) == ["formation_coordinateur_other"])

        raw["formation_coordinateur"] = "travail_social"
        raw["formation_coordinateur_other"] = "DU de coordination"
        raw["statut_coordinateur"] = "other"
        raw["statut_coordinateur_other"] = "  Chargée de mission  "
        let chosen = validator.validate(raw, today: Fixtures.today)
        #expect(chosen.issues.isEmpty)
        #expect(chosen.values["statut_coordinateur_other"] == "Chargée de mission")
        #expect(chosen.values["formation_coordinateur_other"] == nil)

        // `other` in a refused answer (an unknown code beside it): the question has no value,
        // so its text is neither asked for nor kept.
        raw["formation_coordinateur"] = "other inconnu"
        raw["formation_coordinateur_other"] = nil
        let refused = validator.evaluate(raw, today: Fixtures.today)
        #expect(refused.issues.map(\.field) == ["formation_coordinateur"])
        #expect(!refused.applicable.contains("formation_coordinateur_other"))
        raw["formation_coordinateur_other"] = "DU de coordination"
        #expect(validator.validate(raw, today: Fixtures.today).values["formation_coordinateur_other"] == nil)
    }

    @Test func calculationWithMissingOperandIsEmpty() throws {
        let survey = try Fixtures.survey(Self.yaml.replacingOccurrences(of: "required: true\n        constraint:", with: "constraint:"))
        let result = ResponseValidator(survey: survey).validate(
            ["demarches": "cls", "region": "44", "avis_a": "1", "avis_b": "2"], today: Fixtures.today)
        #expect(result.isValid)
        #expect(result.values["total"] == nil)
    }

    @Test func frenchNumbersAndDatesAreRead() {
        #expect(AnswerParsing.decimal("1 234,50") == 1234.5)
        #expect(AnswerParsing.decimal("\u{202F}0.25 ") == 0.25)
        #expect(AnswerParsing.decimal("1,5,2") == nil)
        #expect(AnswerParsing.integer("+12") == 12)
        #expect(AnswerParsing.integer("12.0") == nil)
        #expect(CalendarDate(french: "1/3/2024") == CalendarDate(year: 2024, month: 3, day: 1))
        #expect(CalendarDate(french: "2024-02-29")?.description == "2024-02-29")
        #expect(CalendarDate(french: "2023-02-29") == nil)
        #expect(CalendarDate(french: "15/03/24") == nil)
    }

    @Test func isoDatesAreReadFromTheirBytesAndWrittenWithZeros() {
        #expect(CalendarDate(iso: "2024-02-29T10:30:00Z") == CalendarDate(year: 2024, month: 2, day: 29))
        #expect(CalendarDate(iso: "2024-02-29 10:30") == CalendarDate(year: 2024, month: 2, day: 29))
        for refused in [
            "2024-02-29x", "2024-2-29", "2024-02-2", "2024/02/29", "2024-02-30", "2024-13-01", "0000-01-01",
            "٢٠٢٤-02-29", "2024-0²-29", "2024-02-29é", "é2024-02-29", ""
        ] {
            #expect(CalendarDate(iso: refused) == nil, "\(refused)")
        }
        #expect(CalendarDate(year: 7, month: 3, day: 5)?.description == "0007-03-05")
        #expect(CalendarDate(year: 9999, month: 12, day: 31)?.description == "9999-12-31")
        // Every day of two years, written and read back.
        var day = 0
        for month in 1...12 {
            for dayOfMonth in 1...31 {
                for year in [2023, 2024] {
                    guard let date = CalendarDate(year: year, month: month, day: dayOfMonth) else { continue }
                    day += 1
                    #expect(CalendarDate(iso: date.description) == date)
                    #expect(date.description == String(format: "%04d-%02d-%02d", year, month, dayOfMonth))
                }
            }
        }
        #expect(day == 365 + 366)
    }
}

extension ResponseValidatorTests {
    @Test func choiceFilterStillAppliesWhenItsInputIsUnanswered() throws {
        // An optional region left blank leaves no département, as the browser shows none.
        let survey = try Fixtures.survey(Self.yaml.replacingOccurrences(of: "choices: regions, required: true", with: "choices: regions"))
        var raw = Self.valid
        raw["region"] = nil
        let result = ResponseValidator(survey: survey).validate(raw, today: Fixtures.today)
        #expect(result.issues.map(\.kind) == [.filteredChoice])
    }
}

extension ResponseValidatorTests {
    /// Filtered choices judged on the fast path (answers written as stored) and on the long
    /// path (the same answers written otherwise) give the same verdicts and values.
    @Test func filteredChoicesGiveTheSameVerdictWhicheverWayTheyAreWritten() throws {
        let survey = try Fixtures.coordinationSurvey()
        let validator = ResponseValidator(survey: survey)
        var generator = try Fixtures.generator(for: survey, seed: 21)
        let departements = try #require(survey.choiceList(named: "departements")).items
        var judged = (departement: 0, refused: 0, rank: 0)
        var random = SeededRandom(seed: 3)
        for _ in 0..<300 {
            var response = try generator.next()
            // Any département, in or out of the region.
            let departement = departements[Int.random(in: 0..<departements.count, using: &random)]
            response["departement"] = departement.value
            let verdict = validator.validate(response, today: Fixtures.today)
            let outside = departement.attributes["region"] != response["region"]
            #expect(verdict.issues.contains { $0.field == "departement" && $0.kind == .filteredChoice } == outside)
            judged.departement += 1
            if outside { judged.refused += 1 }
            // The ranking written as stored, then with extra spaces: the same outcome.
            if let ranking = verdict.values["rang_priorites"] ?? response["rang_priorites"], ranking.contains(" ") {
                var spaced = response
                spaced["rang_priorites"] = "  " + ranking.replacingOccurrences(of: " ", with: "   ") + " "
                let again = validator.validate(spaced, today: Fixtures.today)
                #expect(again.values == verdict.values)
                #expect(again.issues.map(\.description) == verdict.issues.map(\.description))
                judged.rank += 1
            }
        }
        #expect(judged.refused > 100 && judged.refused < 300 && judged.rank > 50)
    }
}
