import FabriqueCore
import FabriqueReports
import FabriqueTestSupport
import Foundation
import Testing

/// The run's disclosure control end to end: the audit of everything the reports publish, the
/// refusal to write unsafe reports, and a reader's attack on the published Markdown itself.
struct DisclosureAuditTests {
    @Test func theFixtureRunPassesItsAudit() throws {
        let fixture = try ReportFixture()
        let audit = try ReportGenerator(sources: try fixture.sources()).audit()
        #expect(audit.unsafe.isEmpty, "\(audit.unsafeDescription)")
        #expect(audit.suppressed > 0 && audit.published > audit.suppressed)
        // Every hidden cell has its interval; a published one is its own value.
        for table in audit.tables {
            for cell in table.cells {
                if cell.status == "published" {
                    #expect(cell.lower == cell.value && cell.upper == cell.value)
                } else {
                    #expect(cell.lower <= cell.value && (cell.upper.map { $0 >= cell.value } ?? true))
                }
            }
        }
        // The withheld regions' own cells are hidden (their reports print none).
        let paca = audit.tables.filter { $0.scope == "93" }
        #expect(!paca.isEmpty && paca.allSatisfy { $0.cells.allSatisfy { $0.status != "published" || $0.col == "Réponses" } })
    }

    @Test func theAuditJSONHasTheDocumentedShape() throws {
        let audit = try ReportGenerator(sources: try ReportFixture().sources()).audit(region: "44")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(JSONOutput.text(audit).utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["tables", "unsafe", "suppressed", "published"])
        let table = try #require((object["tables"] as? [[String: Any]])?.first)
        #expect(Set(table.keys) == ["id", "title", "scope", "cells"])
        let cell = try #require((table["cells"] as? [[String: Any]])?.first)
        #expect(Set(cell.keys) == ["row", "col", "value", "status", "lower", "upper"])
        // --region keeps that region's report: its own cells and France's.
        #expect(audit.tables.allSatisfy { $0.scope == "44" || $0.scope == "FR" })
    }

    @Test func twoRunsChooseTheSamePattern() throws {
        let fixture = try ReportFixture()
        let first = try JSONOutput.text(try ReportGenerator(sources: try fixture.sources()).audit())
        let second = try JSONOutput.text(try ReportGenerator(sources: try fixture.sources()).audit())
        #expect(first == second)
    }

    /// A wider protection interval hides at least as much, and every hidden sensitive cell's proven
    /// interval (wider than the one with the marks) is at least that wide.
    @Test func theProtectionIntervalOfTheSpecIsHonoured() throws {
        let fixture = try ReportFixture()
        let base = try ReportGenerator(sources: try fixture.sources()).audit()
        let spec = ReportFixture.specYAML.replacingOccurrences(of: "threshold: 5\n", with: "threshold: 5\nprotection: 100\n")
        try spec.write(toFile: fixture.specPath, atomically: true, encoding: .utf8)
        let wide = try ReportGenerator(sources: try fixture.sources()).audit()
        #expect(wide.unsafe.isEmpty)
        #expect(wide.suppressed >= base.suppressed)
        for cell in wide.tables.flatMap(\.cells) where cell.status == "primary" && cell.value > 0 && cell.col != "Somme" {
            #expect((cell.upper ?? .infinity) - cell.lower >= cell.value, "\(cell)")
        }
    }

    /// A crosstab that no response misses prints France's counts again as its margins: a margin
    /// published in one place and hidden in the other would give the hidden one back, so the run
    /// hides both or neither.
    @Test func aCrosstabsMarginsFollowFrancesCounts() throws {
        // Two of the "non" rows that chose ASV choose CLS instead: the crosstab's non × ASV is 2.
        let fixture = try ReportFixture { lines in
            lines.map {
                $0.hasPrefix("r09,") || $0.hasPrefix("r21,") || $0.hasPrefix("r33,") ? $0.replacingOccurrences(of: ",asv,", with: ",cls,") : $0
            }
        }
        let spec = ReportFixture.specYAML + "\n  - {id: copil-demarches, kind: crosstab, variables: [copil, demarches], title: Croisement}\n"
        try spec.write(toFile: fixture.specPath, atomically: true, encoding: .utf8)
        let audit = try ReportGenerator(sources: try fixture.sources()).audit()
        #expect(audit.unsafe.isEmpty)
        let crosstab = try #require(audit.tables.first { $0.id == "copil-demarches" })
        // Its column totals count each option's choices: France's multi-select counts.
        let france = try #require(audit.tables.first { $0.id == "demarches" && $0.scope == "FR" })
        #expect(crosstab.cells.first { $0.row == "non" && $0.col == "asv" }?.status == "primary")
        for code in ["cls", "clsm", "asv"] {
            let margin = try #require(crosstab.cells.first { $0.row == "Total" && $0.col == code })
            let count = try #require(france.cells.first { $0.col == code })
            #expect(margin.value == count.value)
            #expect((margin.status == "published") == (count.status == "published"), "\(code)")
        }
    }

    @Test func rulesAreReadFromTheSpecWithTheirLines() throws {
        let survey = try Fixtures.survey(ReportFixture.surveyYAML)
        let good = ReportFixture.specYAML.replacingOccurrences(
            of: "threshold: 5\n", with: "threshold: 11\nprotection: 50\ndominance: {n: 2, k: 90}\nmin_contributors: 4\n")
        let spec = try AnalysisSpec.parse(good, file: "spec.yaml", survey: survey)
        #expect(spec.threshold == 11 && spec.protection == 50 && spec.dominance == AnalysisSpec.Dominance(n: 2, k: 90) && spec.minContributors == 4)
        let bad = ReportFixture.specYAML.replacingOccurrences(of: "threshold: 5\n", with: "threshold: 5\nprotection: 150\ndominance: {n: 0, k: 85}\n")
        #expect {
            try AnalysisSpec.parse(bad, file: "spec.yaml", survey: survey)
        } throws: { error in
            let text = "\(error)"
            return text.contains("spec.yaml:5") && text.contains("percentage from 0 to 100") && text.contains("'n' in 'dominance' must be 1 or more")
        }
    }
}
