import FabriqueCore
import FabriqueReports
import FabriqueStore
import FabriqueTestSupport
import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The synthesis reports: golden files, determinism, suppression in tables, charts and text,
/// accessible SVG, templates errors, HTML and the dossiers ressources.
struct ReportGeneratorTests {
    static let golden = [
        "index.md", "france.md", "grand-est.md", "ile-de-france.md", "provence-alpes-cote-d-azur.md", "grand-est/avis.svg", "grand-est/copil.svg"
    ]

    /// Compares with the committed file; `FABRIQUE_UPDATE_GOLDEN=1` rewrites it (review the diff).
    static func expectGolden(_ text: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let path = Fixtures.path("Tests/FabriqueReportsTests/Golden/" + name.replacingOccurrences(of: "/", with: "__"))
        if ProcessInfo.processInfo.environment["FABRIQUE_UPDATE_GOLDEN"] == "1" {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(
            text == expected, "\(name) differs from \(path); rerun with FABRIQUE_UPDATE_GOLDEN=1 and review the diff", sourceLocation: sourceLocation)
    }

    @Test func regionalRunMatchesTheGoldenFilesByteForByte() throws {
        let files = try ReportFixture().regionalFiles()
        // Three regions, France, the index, and the charts.
        #expect(
            files.keys.filter { $0.hasSuffix(".md") }.sorted() == [
                "auvergne-rhone-alpes.md", "france.md", "grand-est.md", "ile-de-france.md", "index.md", "provence-alpes-cote-d-azur.md"
            ])
        for name in Self.golden {
            try Self.expectGolden(try #require(files[name], "no \(name)"), name)
        }
    }

    @Test func twoRunsGiveIdenticalFilesAndOnlyStampAddsADate() throws {
        let fixture = try ReportFixture()
        let first = try fixture.regionalFiles()
        let second = try fixture.regionalFiles()
        #expect(first == second)
        let stamped = try fixture.regionalFiles(stamp: "2026-11-23")
        #expect(stamped["grand-est.md"]!.contains("Produit le 2026-11-23."))
        #expect(!first["grand-est.md"]!.contains("Produit le"))
        // The data fingerprint follows the responses.
        let changed = try ReportFixture { lines in lines.map { $0.hasPrefix("r40,") ? $0.replacingOccurrences(of: ",oui,", with: ",non,") : $0 } }
            .regionalFiles()
        let digest = { (text: String) in text.components(separatedBy: "empreinte SHA-256 des données `")[1].prefix(64) }
        #expect(digest(changed["index.md"]!) != digest(first["index.md"]!))
    }

    @Test func keyFiguresAndCountsAreRightAndSmallCountsAreHidden() throws {
        let files = try ReportFixture().regionalFiles()
        let ile = files["ile-de-france.md"]!
        #expect(ile.contains("**30** réponses"))
        // PACA has 4 responses and is withheld, with Auvergne-Rhône-Alpes (6), the smallest other
        // region: otherwise France minus the others would give PACA back. Every hidden cell shows "s".
        let paca = files["provence-alpes-cote-d-azur.md"]!
        #expect(paca.contains("**s** réponses") && paca.contains("Trop peu de réponses dans la région"))
        #expect(paca.contains("Part des démarches avec un comité de pilotage : **s** (France : 66,7 %)."))
        #expect(paca.contains("ETP médian : **s**"))
        #expect(!paca.contains("Provence-Alpes-Côte d'Azur : Effectif"))
        #expect(!paca.contains("< 5") && !paca.contains("\\< 5"))
        let ara = files["auvergne-rhone-alpes.md"]!
        #expect(ara.contains("**s** réponses") && ara.contains("Trop peu de réponses dans la région"))
        let france = files["france.md"]!
        #expect(france.contains("| [Provence-Alpes-Côte d'Azur](provence-alpes-cote-d-azur.md) | s |"))
        #expect(france.contains("| [Auvergne-Rhône-Alpes](auvergne-rhone-alpes.md) | s |"))
        // France's key figure is the headline: published. National tables that cross the regions
        // pool the withheld ones into one line, whose small count (3 "non") is hidden.
        #expect(france.contains("Part des démarches avec un comité de pilotage : **66,7 %**."))
        let crosstab = france.components(separatedBy: "#### region × copil")[1].components(separatedBy: "*Pas de test")[0]
            .components(separatedBy: "*χ²")[0]
        #expect(crosstab.contains("| Autres régions (secret statistique) | s | s | 10 |"))
        #expect(!crosstab.contains("Provence") && !crosstab.contains("Auvergne"))
        // The pooled line's small cell is protected by one published region's copil cells, and the
        // optimisation keeps Grand Est's key figure, hiding Île-de-France's instead (a tie in cost).
        let grandEst = files["grand-est.md"]!
        #expect(grandEst.contains("Part des démarches avec un comité de pilotage : **65,4 %** (France : 66,7 %)."))
        #expect(ile.contains("Part des démarches avec un comité de pilotage : **s** (France : 66,7 %)."))
        let chart = files["ile-de-france/copil.svg"]!
        #expect(chart.contains(">s</text>"))
        #expect(chart.components(separatedBy: "<rect ").count - 1 == 1 + 2 + 2)  // background, legend (2), France's two bars only
    }

    /// Every report together: for each category of the copil table, France minus the published
    /// regions' visible counts must not give a single hidden cell, nor a small pooled count.
    @Test func noHiddenCountComesBackFromFranceMinusTheOtherRegions() throws {
        let files = try ReportFixture().regionalFiles()
        func cells(_ text: String, _ label: String) -> [String] {
            let line = text.split(separator: "\n").first { $0.hasPrefix("| \(label) |") }!
            return line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        for label in ["Oui", "Non"] {
            let national = Int(cells(files["france.md"]!, label)[1])!
            var known = 0
            var hidden = 0
            for report in ["ile-de-france.md", "grand-est.md"] {
                if let n = Int(cells(files[report]!, label)[1]) { known += n } else { hidden += 1 }
            }
            let pooled = national - known
            // The withheld regions' pooled count is derivable; with no published cell hidden beside it,
            // it must not be small.
            #expect(hidden >= 1 || pooled == 0 || pooled >= 5, "\(label): pooled count \(pooled) is recoverable")
        }
    }

    @Test func everySVGParsesAsXMLWithATitleAndADescription() throws {
        let files = try ReportFixture().regionalFiles()
        let charts = files.filter { $0.key.hasSuffix(".svg") }
        #expect(charts.count >= 9)
        for (path, svg) in charts {
            let collector = ElementCollector()
            // libxml2 underneath: one XML user at a time in the process (the survey-format tests parse
            // too), the parser made, used and freed under the lock.
            let (parsed, error) = XMLLock.withLock { () -> (Bool, (any Error)?) in
                let parser = XMLParser(data: Data(svg.utf8))
                parser.delegate = collector
                return (parser.parse(), parser.parserError)
            }
            #expect(parsed, "\(path) is not well-formed XML: \(String(describing: error))")
            #expect(collector.elements.prefix(3) == ["svg", "title", "desc"], "\(path)")
            #expect(collector.text["title"]?.isEmpty == false && collector.text["desc"]?.isEmpty == false, "\(path)")
        }
    }

    @Test func experiencesShowProfilesQuotesAndFlagSingleCodings() throws {
        let grandEst = try ReportFixture().regionalFiles()["grand-est.md"]!
        #expect(grandEst.contains("### Une cellule de veille en santé mentale dans les quartiers prioritaires"))
        #expect(grandEst.contains("| Coordination | 2 (affirmé) | consensus |"))
        #expect(grandEst.contains("| Partenariats, réseaux et intersectorialité | 2 (affirmé) | accord des codeurs |"))
        #expect(grandEst.contains("| Territorialisation de l'action | 2 (affirmé) | ⚑ codage simple, à confirmer |"))
        #expect(grandEst.contains("> « La cellule de veille se réunit une fois par mois »"))
        #expect(grandEst.contains("> « Les quartiers prioritaires de Mulhouse »\n\n*⚑ Codage simple, à confirmer.*"))
        // Île-de-France has fiches of its own, not Grand Est's.
        #expect(!(try ReportFixture().regionalFiles()["ile-de-france.md"]!.contains("Mulhouse")))
    }

    @Test func oneRegionOnlyAndUnknownRegion() throws {
        let generator = ReportGenerator(sources: try ReportFixture().sources())
        let files = try generator.regions(only: "44")
        #expect(files.filter { $0.path.hasSuffix(".md") }.map(\.path) == ["grand-est.md"])
        #expect(throws: ReportError.self) { try generator.regions(only: "99") }
    }

    @Test func aBrokenTemplateIsNamedWithItsLine() throws {
        let fixture = try ReportFixture()
        let folder = try TemporaryDirectory()
        for name in try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("analyses/templates")) {
            try FileManager.default.copyItem(atPath: Fixtures.path("analyses/templates/" + name), toPath: folder.path(name))
        }
        try "# {{title}}\n\n{{#tables}}\n{{title}}\n{{/charts}}\n".write(toFile: folder.path("region.mustache"), atomically: true, encoding: .utf8)
        do {
            _ = try fixture.sources(templates: folder.url.path)
            Issue.record("a broken template was accepted")
        } catch let error as ReportError {
            #expect(error.description.contains("region.mustache line 5"), "\(error)")
        }
        try FileManager.default.removeItem(atPath: folder.path("france.mustache"))
        try "ok".write(toFile: folder.path("region.mustache"), atomically: true, encoding: .utf8)
        #expect(throws: ReportError.self) { try fixture.sources(templates: folder.url.path) }
    }

    @Test func valuesAreEscapedInMarkdownAndHTML() throws {
        let markdown =
            "# Titre\n\n| a | b |\n|:---|---:|\n| x | 1 |\n\n<script>alert(1)</script>\n"
            + "\n[Grand Est](grand-est.md) [site](https://example.org/a.md)\n"
        let html = ReportWriter.htmlDocument(markdown, stylesheet: "body{}")
        #expect(html.contains("<table>") && html.contains("<td align=\"right\">1</td>"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("href=\"grand-est.html\"") && html.contains("href=\"https://example.org/a.md\""))
        #expect(html.contains("<html lang=\"fr\">") && html.contains("<title>Titre</title>"))
    }

    @Test func themeDossierHoldsExperiencesRegionsActorsAndBibliography() throws {
        let fixture = try ReportFixture()
        let generator = ReportGenerator(sources: try fixture.sources())
        let folder = try TemporaryDirectory()
        try "references:\n  - {authors: Auteur Général, year: 2001, title: Un titre général}\n".write(
            toFile: folder.path("general.yaml"), atomically: true, encoding: .utf8)
        try "references:\n  - {authors: Auteure Thème, year: 2020, title: Santé *mentale*, publisher: Paris, note: Utile.}\n"
            .write(toFile: folder.path("sante-mentale-isolement-social.yaml"), atomically: true, encoding: .utf8)
        let dossier = try generator.theme("sante-mentale-isolement-social", bibliography: folder.url.path)[0]
        #expect(dossier.path == "sante-mentale-isolement-social.md")
        try Self.expectGolden(dossier.text, "sante-mentale-isolement-social.md")
        #expect(dossier.text.contains("3 expérience(s)"))
        #expect(dossier.text.contains("| Grand Est | 2 |") && dossier.text.contains("| **Total** | **3** |"))
        #expect(dossier.text.contains("- Auteure Thème (2020). *Santé \\*mentale\\**. Paris. Utile."))
        #expect(dossier.text.contains("- Ville de Mulhouse, service santé"))
        #expect(generator.themesWithExperiences.contains("sante-mentale-isolement-social"))
        #expect(throws: ReportError.self) { try generator.theme("inconnu", bibliography: folder.url.path) }
        try "references: []\n".write(toFile: folder.path("pas-un-theme.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: SourceProblems.self) {
            try BibliographyParser.parse(
                "references: []\n", file: "pas-un-theme.yaml", name: "pas-un-theme", themes: try Fixtures.referential().themes)
        }
    }

    @Test func keyFiguresAreCheckedAgainstTheSurveyWithTheirLines() throws {
        let survey = try Fixtures.survey(ReportFixture.surveyYAML)
        let text = """
            id: x
            survey: t
            title: X
            key_figures:
              - {label: A, variable: copil, value: peut-etre}
              - {label: B, variable: etp}
              - {label: C, variable: inconnu, value: oui}
              - {label: D, variable: etp, statistic: mode}
            tables:
              - {id: c, kind: frequency, variables: [copil], title: C}
            """
        do {
            _ = try AnalysisSpec.parse(text, file: "x.yaml", survey: survey)
            Issue.record("a spec with wrong key figures was accepted")
        } catch {
            let lines = error.problems.map { "\($0.location.line): \($0.message)" }
            #expect(
                lines == [
                    "5: key figure 'A': 'peut-etre' is not a choice of 'copil'",
                    "6: key figure 'B': 'etp' is numeric; give 'statistic' (mean or median)",
                    "7: key figure 'C' uses 'inconnu', which is not a question of the survey",
                    "8: unknown statistic 'mode'; expected one of: mean, median"
                ])
        }
        let spec = try AnalysisSpec.parse(ReportFixture.specYAML, file: "spec.yaml", survey: survey)
        #expect(spec.period == "printemps 2026")
        #expect(spec.keyFigures.map(\.variable) == ["copil", "etp"])
        #expect(spec.keyFigures.map(\.value) == ["oui", nil] && spec.keyFigures.map(\.statistic) == [nil, .median])
    }

    @Test func theSeedBibliographyParses() throws {
        let themes = try Fixtures.referential().themes
        let folder = Fixtures.path("seeds/bibliography")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }
        #expect(names.count >= 2)
        for name in names {
            let file = try BibliographyParser.parse(
                try Fixtures.text("seeds/bibliography/" + name), file: name, name: String(name.dropLast(5)), themes: themes)
            #expect(!file.references.isEmpty, "\(name)")
        }
    }
}

/// Records element names in order and the text of the first title and desc.
final class ElementCollector: NSObject, XMLParserDelegate {
    var elements: [String] = []
    var text: [String: String] = [:]
    private var current: String?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:])
    {
        elements.append(name)
        current = name == "title" || name == "desc" ? name : nil
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let current { text[current, default: ""] += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        current = nil
    }
}
