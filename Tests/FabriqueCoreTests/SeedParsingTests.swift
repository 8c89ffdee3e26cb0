import FabriqueCore
import FabriqueTestSupport
import Foundation
import Testing

/// The codebook, the experiences and the referential parse, and their mistakes are located.
struct SeedParsingTests {
    @Test func codebookHasTheEightCriteriaWithThreeAnchoredLevels() throws {
        let codebook = try CodebookParser.parse(try Fixtures.text("seeds/codebook.yaml"), file: "codebook.yaml")
        #expect(
            codebook.criteria.map(\.code) == [
                "demarche_projet", "partenariats_intersectorialite", "participation_habitants", "territorialisation",
                "coordination", "plus_value", "reduction_inegalites", "promotion_sante_determinants"
            ])
        #expect(codebook.levels.map(\.value) == [0, 1, 2])
        for criterion in codebook.criteria {
            #expect(criterion.anchors.keys.sorted() == [0, 1, 2])
            #expect(!criterion.definition.isEmpty)
        }
    }

    @Test func changingADefinitionChangesItsDigest() throws {
        let codebook = try CodebookParser.parse(try Fixtures.text("seeds/codebook.yaml"), file: "codebook.yaml")
        var changed = codebook.criteria[0]
        #expect(changed.definitionDigest == codebook.criteria[0].definitionDigest)
        changed.anchors[2] = "Autre ancrage"
        #expect(changed.definitionDigest != codebook.criteria[0].definitionDigest)
    }

    @Test func codebookProblemsAreLocated() {
        let yaml = """
            id: c
            version: 1
            title: T
            levels:
              - {value: 0, label: absent}
              - {value: 1, label: présent}
            criteria:
              - code: a
                label: A
                definition: D
                levels:
                  - {value: 0, anchor: rien}
                  - {value: 3, anchor: trop}
            """
        #expect {
            _ = try CodebookParser.parse(yaml, file: "c.yaml")
        } throws: { error in
            let messages = (error as? SourceProblems)?.problems.map(\.description) ?? []
            return messages == [
                "c.yaml:8:5: criterion 'a' has no anchor for level 1", "c.yaml:13:9: criterion 'a' describes level 3, which the scale lacks"
            ]
        }
    }

    @Test func everySampleExperienceParsesAgainstTheReferential() throws {
        let referential = try Fixtures.referential()
        let folder = Fixtures.path("seeds/experiences")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".md") }.sorted()
        #expect(files.count >= 12)
        let experiences = try files.map {
            try ExperienceParser.parse(try Fixtures.text("seeds/experiences/\($0)"), file: $0, referential: referential)
        }
        #expect(experiences.contains { $0.region == "44" })
        #expect(Set(experiences.map(\.region)).count >= 6)
        for theme in ["sante-mentale-isolement-social", "sante-environnementale-precarite", "alimentation", "acces-aux-droits"] {
            #expect(experiences.filter { $0.themes.contains(theme) }.count >= 2, "theme \(theme)")
        }
        for experience in experiences {
            #expect(experience.sections.map(\.title) == Experience.sectionTitles)
        }
    }

    static let fiche = """
        ---
        title: "Une action"
        year: 2019
        region: "44"
        departement: "67"
        territory_type: qpv
        approaches: [cls]
        themes: [alimentation]
        lead_structure: "Ville"
        ---

        ## Contexte
        Texte.
        ## Objectifs
        ## Actions
        ## Partenariats
        ## Participation des habitants
        ## Résultats et évaluation
        ## Enseignements
        """

    @Test func experienceProblemsNameTheFieldAndLine() throws {
        let referential = try Fixtures.referential()
        #expect(try ExperienceParser.parse(Self.fiche, file: "une-action.md", referential: referential).slug == "une-action")
        let broken = Self.fiche.replacingOccurrences(of: "departement: \"67\"", with: "departement: \"75\"")
            .replacingOccurrences(of: "[alimentation]", with: "[cuisine]")
            .replacingOccurrences(of: "territory_type: qpv", with: "territory_type: periurbain")
        #expect {
            _ = try ExperienceParser.parse(broken, file: "une-action.md", referential: referential)
        } throws: { error in
            let messages = (error as? SourceProblems)?.problems.map(\.description) ?? []
            return messages == [
                "une-action.md:5:14: département 75 (Paris) is not in region 44",
                "une-action.md:6:17: territory_type 'periurbain' must be one of qpv, rural, urbain, mixte",
                "une-action.md:8:9: unknown theme 'cuisine'; themes come from seeds/themes.yaml"
            ]
        }
    }

    @Test func missingSectionsAreReported() throws {
        let text = Self.fiche.replacingOccurrences(of: "## Partenariats\n", with: "")
        #expect(throws: SourceProblems.self) { try ExperienceParser.parse(text, file: "x.md") }
    }

    @Test func slugsFoldAccentsAndPunctuation() {
        #expect("Provence-Alpes-Côte d'Azur".slug == "provence-alpes-cote-d-azur")
        #expect("Île-de-France".slug == "ile-de-france")
        #expect("  Santé  mentale & isolement ".slug == "sante-mentale-isolement")
        #expect("Œuvre".slug == "oeuvre")
    }

    @Test func referentialSlugsAreDerivedFromNames() throws {
        for region in try Fixtures.referential().regions {
            #expect(region.slug == region.name.slug)
        }
    }
}
