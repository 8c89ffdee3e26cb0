import FabriqueCore
import FabriqueTestSupport
import Testing

/// The survey validator reports every problem with its line and column.
struct SurveyCheckTests {
    static let base = """
        id: t
        version: "1"
        title: Test
        choices:
          - list_name: oui_non
            items:
              - value: oui
                label: Oui
              - value: non
                label: Non
        sections:
          - name: s1
            title: Section
            questions:
              - name: q1
                type: select_one
                label: Première
                choices: oui_non
              - name: q2
                type: integer
                label: Deuxième
                relevant: "${q1} = 'oui'"
        """

    static func problems(_ yaml: String) -> [SourceProblem] {
        SurveyLoader.problems(in: yaml, file: "t.yaml")
    }

    @Test func validBaseHasNoProblems() {
        #expect(Self.problems(Self.base).isEmpty)
    }

    @Test func unknownReferenceIsLocatedAtTheReference() {
        let yaml = Self.base.replacingOccurrences(of: "${q1} = 'oui'", with: "${q1} = 'oui' and ${nulle_part} > 2")
        let problems = Self.problems(yaml)
        #expect(problems.count == 1)
        // Line 22 is `relevant: "..."`; the value's quote is at column 19, so `${nulle_part}` starts at column 38.
        #expect(problems.first?.description == "t.yaml:22:38: relevant of 'q2' refers to unknown question 'nulle_part'")
    }

    @Test func relevantReferringToALaterQuestionIsAnError() {
        let yaml = Self.base.replacingOccurrences(
            of: """
                        choices: oui_non
                      - name: q2
                """,
            with: """
                        choices: oui_non
                        relevant: "${q2} > 1"
                      - name: q2
                """)
        let problems = Self.problems(yaml)
        #expect(problems.map(\.message) == ["relevant of 'q1' refers to 'q2', which comes later (line 20); expressions may only use earlier answers"])
        #expect(problems.first?.location == SourceLocation(line: 19, column: 20))
    }

    @Test func unknownTypeDuplicateNameAndMissingListAreAllReported() {
        let yaml =
            Self.base + """

                      - name: q1
                        type: text
                        label: Doublon
                      - name: q3
                        type: selectone
                        label: Faute de frappe
                      - name: q4
                        type: select_multiple
                        label: Liste absente
                        choices: partenaires
                """
        let messages = Self.problems(yaml).map(\.description)
        #expect(messages.contains("t.yaml:23:9: duplicate name 'q1' (first defined at line 15)"))
        #expect(messages.contains { $0.hasPrefix("t.yaml:27:15: unknown type 'selectone' for question 'q3'") })
        #expect(messages.contains("t.yaml:29:9: question 'q4' uses choice list 'partenaires', which is not defined in 'choices'"))
        #expect(messages.count == 3)
    }

    @Test func syntaxErrorInAnExpressionPointsAtTheFaultyCharacter() {
        let yaml = Self.base.replacingOccurrences(of: "${q1} = 'oui'", with: "${q1} = = 'oui'")
        let problems = Self.problems(yaml)
        #expect(problems.map(\.description) == ["t.yaml:22:28: syntax error in relevant of 'q2': expected a value but found '='"])
    }

    @Test func yamlSyntaxErrorIsReportedWithPosition() {
        let problems = Self.problems("id: t\nsections: [\n")
        #expect(problems.count == 1)
        #expect(problems.first?.message.hasPrefix("invalid YAML") == true)
        #expect(problems.first?.location.line == 3)
    }

    @Test func misplacedKeysAndBareNamesAreRejected() {
        let yaml = Self.base.replacingOccurrences(
            of: "relevant: \"${q1} = 'oui'\"",
            with: """
                relevant: "q1 = 'oui'"
                        constraint: "${q1} = 'oui'"
                        colour: red
                """)
        let messages = Self.problems(yaml).map(\.message)
        #expect(messages.contains("relevant of 'q2' uses the bare name 'q1'; write ${q1} to refer to a question"))
        #expect(messages.contains { $0.hasPrefix("unknown key 'colour' in a question") })
        #expect(messages.count == 2)
    }

    @Test func coordinationQuestionnaireIsValidAndUsesEveryType() throws {
        #expect(Self.problems(try Fixtures.text("surveys/coordination.yaml")).isEmpty)
        let survey = try Fixtures.coordinationSurvey()
        #expect(Set(survey.questions.map(\.type)) == Set(QuestionType.allCases))
        let answered = survey.questions.filter { $0.type != .note }
        #expect((45...70).contains(answered.count))
        let relevant = survey.questions.compactMap(\.relevant) + survey.sections.compactMap(\.relevant)
        #expect(relevant.count >= 6)
        #expect(survey.questions.contains { $0.other })
        #expect(survey.questions.contains { $0.constraintMessage != nil && $0.name == "etp_coordination" })
        // The mental health section appears only when a CLSM is coordinated or planned.
        let mentalHealth = try #require(survey.sections.first { $0.name == "sante_mentale" })
        #expect(mentalHealth.relevant?.source.contains("clsm") == true)
    }

    @Test func regionAndDepartementListsMatchTheReferential() throws {
        let survey = try Fixtures.coordinationSurvey()
        let referential = try Fixtures.referential()
        let regions = try #require(survey.choiceList(named: "regions"))
        #expect(regions.items.map(\.value) == referential.regions.map(\.code))
        let departements = try #require(survey.choiceList(named: "departements"))
        #expect(departements.items.map(\.value) == referential.departements.map(\.code))
        #expect(departements.items.map { $0.attributes["region"] ?? "" } == referential.departements.map(\.region))
        #expect(referential.regions.count == 18)
        #expect(referential.departements.count == 101)
    }
}

extension SurveyCheckTests {
    @Test func aBrokenQuestionIsReportedOnceNotAtEveryReference() {
        let yaml = Self.base.replacingOccurrences(of: "type: select_one", with: "type: select_uno")
        #expect(Self.problems(yaml).map(\.message).count == 1)
    }
}

extension SurveyCheckTests {
    @Test func likertBlockNamesAreNotAnswers() {
        let yaml = """
            id: t
            version: "1"
            title: Test
            choices:
              - list_name: echelle
                items: [{value: "1", label: Un}, {value: "2", label: Deux}]
            sections:
              - name: s1
                title: Section
                questions:
                  - name: bloc
                    type: likert
                    label: Bloc
                    choices: echelle
                    items: [{name: bloc_a, label: A}]
                  - name: q2
                    type: integer
                    label: Deuxième
                    relevant: "${bloc} > 1 and ${bloc_a} > 1"
            """
        #expect(
            Self.problems(yaml).map(\.description) == [
                "t.yaml:19:20: relevant of 'q2' refers to 'bloc', a likert block; refer to one of its items instead"
            ])
    }

    @Test func listNamesFollowTheNameRules() {
        let yaml = Self.base.replacingOccurrences(of: "list_name: oui_non", with: "list_name: oui-non")
            .replacingOccurrences(of: "choices: oui_non", with: "choices: oui-non")
        #expect(Self.problems(yaml).map(\.message) == ["list_name 'oui-non' must start with a letter or '_' and use only letters, digits and '_'"])
    }
}
