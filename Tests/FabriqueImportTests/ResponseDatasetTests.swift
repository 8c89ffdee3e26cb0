import FabriqueCore
import FabriqueFormats
import FabriqueImport
import FabriqueStore
import FabriqueTestSupport
import Foundation
import Testing

/// The SPSS and Stata exports of stored responses, read back with pyreadstat (`make pyxform`
/// installs it; without it these tests fail and say so) and compared with what is stored: every
/// value, variable label, value label, declared missing value and type.
struct ResponseDatasetTests {
    static let yaml = """
        id: export
        version: "1"
        title: "Export « été »"
        choices:
          - list_name: oui_non_nsp
            items:
              - {value: oui, label: Oui}
              - {value: non, label: Non}
              - {value: ne_sait_pas, label: Je ne sais pas}
          - list_name: structures
            items:
              - {value: cls, label: Contrat local de santé}
              - {value: clsm, label: Conseil local de santé mentale}
              - {value: asv, label: Atelier santé ville}
          - list_name: accord
            items:
              - {value: "1", label: "Pas d'accord"}
              - {value: "2", label: "Plutôt d'accord"}
              - {value: "3", label: "D'accord"}
          - list_name: regions
            items:
              - {value: "11", label: Île-de-France}
              - {value: "44", label: Grand Est}
        sections:
          - name: s1
            title: Première page
            questions:
              - {name: region, type: select_one, label: Région, choices: regions, required: true}
              - {name: structure, type: select_one, label: Structure porteuse, choices: structures, other: true}
              - {name: demarches, type: select_multiple, label: Démarches coordonnées, choices: structures, other: true}
              - {name: copil, type: select_one, label: Comité de pilotage, choices: oui_non_nsp}
              - {name: copil_date, type: date, label: Date du premier comité, relevant: "${copil} = 'oui'"}
              - {name: partenaires, type: integer, label: Nombre de partenaires}
              - {name: etp, type: decimal, label: ETP de coordination}
              - {name: commentaire, type: text, label: Commentaire libre}
              - {name: merci, type: note, label: Merci}
          - name: s2
            title: Participation
            relevant: "selected(${demarches}, 'clsm')"
            questions:
              - name: avis
                type: likert
                label: Votre avis
                choices: accord
                items:
                  - {name: avis_habitants, label: Les habitants participent}
                  - {name: avis_elus, label: Les élus participent}
              - {name: priorites, type: rank, label: Priorités, choices: structures, choice_filter: "selected(${demarches}, value)"}
              - name: etp_par_partenaire
                type: calculate
                label: ETP par partenaire
                calculation: "if(${partenaires} > 0, ${etp} div ${partenaires}, 0)"
        """

    /// R1 answers everything; R2 skips the second page (no CLSM), does not know about the
    /// steering committee and leaves numbers empty; R3 leaves optional answers empty.
    static let csv = """
        response_id,region,structure,structure_other,demarches,demarches_other,copil,copil_date,partenaires,etp,commentaire,\
        avis_habitants,avis_elus,priorites
        R1,44,other,Maison de santé « Les Tilleuls »,cls clsm other,Contrat de ville,oui,2024-03-15,12,0.5,\
        Élodie dit : « ça marche » 😀,2,3,clsm cls
        R2,11,cls,,asv,,ne_sait_pas,,,,,,,
        R3,44,,,clsm,,non,,0,1.25,,,1,clsm

        """

    static let names = [
        "response_id", "survey_version", "origin", "region", "structure", "structure_other", "demarches___cls", "demarches___clsm",
        "demarches___asv", "demarches___other", "demarches_other", "copil", "copil_date", "partenaires", "etp", "commentaire",
        "avis_habitants", "avis_elus", "priorites___cls", "priorites___clsm", "priorites___asv", "etp_par_partenaire"
    ]

    /// The fixture imported, then written in `format` and read back.
    static func exported(_ format: DatasetFormat) throws -> (file: DatasetReadBack, stored: [String: [String: String]], warnings: [String]) {
        let fixture = try ImportFixture(survey: try Fixtures.survey(yaml), source: yaml)
        let summary = try fixture.importText(csv)
        #expect(summary.inserted == 3 && summary.rejected == 0)
        let (dataset, notices) = try ResponseDatasetBuilder.dataset(of: fixture.survey, in: fixture.database, scope: nil, today: Fixtures.today)
        let path = fixture.dir.path("reponses.\(format.fileExtension)")
        let warnings = try DatasetWriter.write(dataset, format: format, toFile: path)
        return (try DatasetReadBack.read(path), try fixture.stored(), notices + warnings)
    }

    @Test func theSPSSFileHoldsEveryAnswerWithItsLabelsAndMissingValues() throws {
        let (file, stored, warnings) = try Self.exported(.sav)
        #expect(warnings.isEmpty)
        #expect(file.meta.variables.map(\.name) == Self.names)
        let strings: Set = ["response_id", "survey_version", "origin", "structure_other", "demarches_other", "commentaire"]
        #expect(file.meta.variables.map(\.type) == Self.names.map { strings.contains($0) ? "string" : "double" })
        let byName = { (name: String) in try #require(file.variable(name)) }
        #expect(try byName("copil_date").format == "EDATE10")
        #expect(try byName("etp").format == "F14.2")
        #expect(try byName("partenaires").format == "F12.0")
        #expect(try byName("avis_elus").measure == "ordinal")
        // Labels: the question, then what tells options and items apart.
        #expect(try byName("region").label == "Région")
        #expect(try byName("structure_other").label == "Structure porteuse (autre, précisez)")
        #expect(try byName("demarches___cls").label == "Démarches coordonnées : Contrat local de santé")
        #expect(try byName("demarches___other").label == "Démarches coordonnées : Autre")
        #expect(try byName("avis_habitants").label == "Votre avis : Les habitants participent")
        #expect(try byName("priorites___clsm").label == "Priorités : Conseil local de santé mentale (rang)")
        #expect(try byName("etp_par_partenaire").label == "ETP par partenaire")
        // Value labels: codes that are whole numbers are kept (INSEE regions, the likert scale);
        // other lists are numbered by position, "don't know" is a declared missing value.
        let missing = ["-1": "Sans objet", "-2": "Non renseigné"]
        #expect(try byName("copil").valueLabels == missing.merging(["1": "Oui", "2": "Non", "-3": "Je ne sais pas"]) { $1 })
        #expect(try byName("copil").missingRanges.map(\.lo) == [.number(-1), .number(-2), .number(-3)])
        #expect(try byName("region").valueLabels == missing.merging(["11": "Île-de-France", "44": "Grand Est"]) { $1 })
        let structures = ["1": "Contrat local de santé", "2": "Conseil local de santé mentale", "3": "Atelier santé ville", "4": "Autre"]
        #expect(try byName("structure").valueLabels == missing.merging(structures) { $1 })
        #expect(try byName("demarches___asv").valueLabels == missing.merging(["0": "Non coché", "1": "Coché"]) { $1 })
        #expect(try byName("avis_elus").valueLabels == missing.merging(["1": "Pas d'accord", "2": "Plutôt d'accord", "3": "D'accord"]) { $1 })
        #expect(try byName("etp").valueLabels == missing)
        #expect(try byName("etp").missingRanges.map(\.lo) == [.number(-1), .number(-2)])
        #expect(try byName("copil_date").missingRanges.isEmpty)
        #expect(try byName("commentaire").missingRanges.isEmpty)
        let calculated = try #require(stored["R1"]?["etp_par_partenaire"].flatMap(Double.init))
        let expected: [String: [DatasetReadBack.Value]] = [
            "response_id": [.text("R1"), .text("R2"), .text("R3")],
            "survey_version": [.text("1"), .text("1"), .text("1")],
            "origin": [.text("import"), .text("import"), .text("import")],
            "region": [.number(44), .number(11), .number(44)],
            "structure": [.number(4), .number(1), .number(-2)],
            "structure_other": [.text("Maison de santé « Les Tilleuls »"), .text(""), .text("")],
            "demarches___cls": [.number(1), .number(0), .number(0)],
            "demarches___clsm": [.number(1), .number(0), .number(1)],
            "demarches___asv": [.number(0), .number(1), .number(0)],
            "demarches___other": [.number(1), .number(0), .number(0)],
            "demarches_other": [.text("Contrat de ville"), .text(""), .text("")],
            "copil": [.number(1), .number(-3), .number(2)],
            "copil_date": [.text("2024-03-15"), .null, .null],
            "partenaires": [.number(12), .number(-2), .number(0)],
            "etp": [.number(0.5), .number(-2), .number(1.25)],
            "commentaire": [.text("Élodie dit : « ça marche » 😀"), .text(""), .text("")],
            "avis_habitants": [.number(2), .number(-1), .number(-2)],
            "avis_elus": [.number(3), .number(-1), .number(1)],
            "priorites___cls": [.number(2), .number(-1), .number(-1)],
            "priorites___clsm": [.number(1), .number(-1), .number(1)],
            "priorites___asv": [.number(-1), .number(-1), .number(-1)],
            "etp_par_partenaire": [.number(calculated), .number(-1), .number(0)]
        ]
        for name in Self.names { #expect(file.values(name) == expected[name], "\(name)") }
        // As analysts read it by default, every declared missing value is empty.
        #expect(file.plain[file.column("copil")!] == [.number(1), .null, .number(2)])
        #expect(file.plain[file.column("partenaires")!] == [.number(12), .null, .number(0)])
        #expect(
            file.meta.notes.joined(separator: " ").contains(
                "Codes de la liste structures + other (structure) : 1 = cls, 2 = clsm, 3 = asv, 4 = other."))
        #expect(file.meta.notes.joined(separator: " ").contains("Codes de la liste oui_non_nsp (copil) : 1 = oui, 2 = non, -3 = ne_sait_pas."))
        #expect(!file.meta.notes.joined(separator: " ").contains("liste regions"))
    }

    @Test func theStataFileKeepsSkippedAndUnansweredApartWithExtendedMissingValues() throws {
        let (file, stored, warnings) = try Self.exported(.dta)
        #expect(warnings.isEmpty)
        #expect(file.meta.variables.map(\.name) == Self.names)
        #expect(file.meta.fileLabel == "Export « été »")
        let byName = { (name: String) in try #require(file.variable(name)) }
        #expect(try byName("copil_date").format == "%td")
        #expect(try byName("etp").format == "%12.2f")
        #expect(try byName("demarches___cls").label == "Démarches coordonnées : Contrat local de santé")
        let missing = ["a": "Sans objet", "b": "Non renseigné"]
        #expect(try byName("copil").valueLabels == missing.merging(["1": "Oui", "2": "Non", "c": "Je ne sais pas"]) { $1 })
        #expect(try byName("copil_date").valueLabels == missing)
        let calculated = try #require(stored["R1"]?["etp_par_partenaire"].flatMap(Double.init))
        let expected: [String: [DatasetReadBack.Value]] = [
            "structure": [.number(4), .number(1), .text("b")],
            "copil": [.number(1), .text("c"), .number(2)],
            "copil_date": [.text("2024-03-15"), .text("a"), .text("a")],
            "partenaires": [.number(12), .text("b"), .number(0)],
            "etp": [.number(0.5), .text("b"), .number(1.25)],
            "commentaire": [.text("Élodie dit : « ça marche » 😀"), .text(""), .text("")],
            "avis_habitants": [.number(2), .text("a"), .text("b")],
            "priorites___cls": [.number(2), .text("a"), .text("a")],
            "priorites___asv": [.text("a"), .text("a"), .text("a")],
            "etp_par_partenaire": [.number(calculated), .text("a"), .number(0)]
        ]
        for (name, values) in expected { #expect(file.values(name) == values, "\(name)") }
        #expect(file.plain[file.column("copil_date")!] == [.text("2024-03-15"), .null, .null])
    }

    @Test(arguments: DatasetFormat.allCases)
    func everyGeneratedCoordinationResponseReadsBackAsStored(format: DatasetFormat) throws {
        let survey = try Fixtures.coordinationSurvey()
        let fixture = try ImportFixture(survey: survey, source: try Fixtures.text("surveys/coordination.yaml"))
        var generator = try Fixtures.generator(for: survey, seed: 23)
        let names = survey.fields.map(\.name)
        var lines = [(["response_id"] + names).joined(separator: ",")]
        for index in 0..<150 {
            let values = try generator.next()
            lines.append((["g\(index)"] + names.map { Self.quoted(values[$0] ?? "") }).joined(separator: ","))
        }
        #expect(try fixture.importText(lines.joined(separator: "\n") + "\n").inserted == 150)
        let (dataset, _) = try ResponseDatasetBuilder.dataset(of: survey, in: fixture.database, scope: nil, today: Fixtures.today)
        let path = fixture.dir.path("coordination.\(format.fileExtension)")
        try DatasetWriter.write(dataset, format: format, toFile: path)
        let file = try DatasetReadBack.read(path)
        let stored = try fixture.stored()
        #expect(file.meta.rows == 150)
        for (row, id) in file.values[0].enumerated() {
            guard case .text(let id) = id, let values = stored[id] else {
                Issue.record("row \(row): no stored response \(id)")
                continue
            }
            #expect(Self.decode(file, row: row, survey: survey) == values.filter { names.contains($0.key) }, "\(id)")
        }
    }

    /// A row read back as canonical answers, from the columns' order (`response_id`,
    /// `survey_version`, `origin`, then each variable, one column per option of a multiple
    /// choice or ranking) and the value labels the file carries.
    static func decode(_ file: DatasetReadBack, row: Int, survey: Survey) -> [String: String] {
        var answers: [String: String] = [:]
        var column = 3
        // Read as analysts do, declared missing values are null.
        func number(_ index: Int) -> Double? {
            guard case .number(let value) = file.plain[index][row] else { return nil }
            return value
        }
        for field in survey.fields {
            let question = field.question
            let choices = survey.choices(for: question)
            switch (field.kind, question.type) {
            case (.question, .selectMultiple), (.question, .rank):
                let values = choices.indices.map { number(column + $0) }
                column += choices.count
                if question.type == .rank {
                    let ranked = zip(choices, values).compactMap { choice, rank in rank.map { (choice.value, $0) } }.sorted { $0.1 < $1.1 }
                    if !ranked.isEmpty { answers[field.name] = ranked.map(\.0).joined(separator: " ") }
                } else if values.allSatisfy({ $0 != nil }) {
                    answers[field.name] = zip(choices, values).filter { $0.1 == 1 }.map(\.0.value).joined(separator: " ")
                }
                continue
            default:
                break
            }
            defer { column += 1 }
            let value = file.values[column][row]
            let variable = file.meta.variables[column]
            switch value {
            case .text(let text) where variable.type == "string":
                if !text.isEmpty { answers[field.name] = text }
            case .text(let text) where text.count == 10:
                answers[field.name] = text  // a date
            case .null:
                break
            case .text(let tag):
                // A Stata missing value: a choice's own when its label names one.
                if let label = variable.valueLabels[tag], let choice = Self.choice(label, field, survey) { answers[field.name] = choice }
            case .number(let number):
                let key = AnswerParsing.canonical(number)
                if field.valueType == .selectOne {
                    if let label = variable.valueLabels[key], let choice = Self.choice(label, field, survey) { answers[field.name] = choice }
                } else if file.plain[column][row] != .null {
                    answers[field.name] = key
                }
            }
        }
        return answers
    }

    /// The code of the choice with this label among the field's choices.
    static func choice(_ label: String, _ field: AnswerField, _ survey: Survey) -> String? {
        let choices =
            if case .likertItem = field.kind {
                field.question.choices.flatMap(survey.choiceList(named:))?.items ?? []
            } else {
                survey.choices(for: field.question)
            }
        return choices.first { $0.label == label }?.value
    }

    static func quoted(_ value: String) -> String {
        value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }
}
