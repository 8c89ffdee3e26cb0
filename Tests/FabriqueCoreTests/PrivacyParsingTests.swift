import FabriqueCore
import FabriqueTestSupport
import Testing

/// The survey file's `privacy:` and `retention:` blocks: read into the survey, checked with located errors.
struct PrivacyParsingTests {
    static let base = """
        id: essai
        version: "1"
        title: Essai
        sections:
          - name: s
            title: S
            questions:
              - {name: q, type: text, label: Q}

        """

    @Test func theCoordinationSurveyCarriesANoticeAndRetentionPeriods() throws {
        let survey = try Fixtures.coordinationSurvey()
        let privacy = try #require(survey.privacy)
        #expect(privacy.controller.contains("CCOMS"))
        #expect(privacy.legalBasis.contains("intérêt public"))
        #expect(privacy.rights.contains("CNIL"))
        #expect(
            survey.retention
                == RetentionPolicy(
                    drafts: RetentionPeriod(amount: 90, unit: .days), invitations: RetentionPeriod(amount: 180, unit: .days),
                    contacts: RetentionPeriod(amount: 2, unit: .years), auditDetails: RetentionPeriod(amount: 1, unit: .years)))
    }

    @Test func aNoticeMissingARequiredKeyOrWithAnUnknownOneIsReportedWhereItIs() {
        let text =
            Self.base + """
                privacy:
                  controller: CCOMS
                  purpose: Recherche
                  legal_basis: ""
                  rights: Accès
                  contact: dpo@example.fr
                  dpo: x
                retention:
                  drafts: 3 weeks
                  forever: 1 year
                """
        let problems = SurveyLoader.problems(in: text, file: "essai.yaml").map(\.description)
        #expect(
            problems == [
                "essai.yaml:10:3: the privacy block is missing the required key 'retention'",
                "essai.yaml:12:16: privacy 'legal_basis' is empty; respondents must be told this",
                "essai.yaml:15:3: unknown key 'dpo' in the privacy block; "
                    + "expected one of: controller, purpose, legal_basis, recipients, retention, rights, contact",
                "essai.yaml:17:11: retention 'drafts': '3 weeks' is not a period; "
                    + "write a whole number and a unit, such as 90 days, 6 months or 2 years",
                "essai.yaml:18:3: unknown key 'forever' in the retention block; expected one of: drafts, invitations, contacts, audit_details"
            ])
    }

    @Test func aSurveyWithoutTheBlocksHasNeither() throws {
        let survey = try SurveyLoader.load(Self.base, file: "essai.yaml")
        #expect(survey.privacy == nil && survey.retention == nil)
    }
}
