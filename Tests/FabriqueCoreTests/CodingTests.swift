import FabriqueCore
import Testing

/// Excerpts match their text by offsets, and blind coding hides unfinished fiches.
struct CodingTests {
    @Test func excerptsAreLocatedByUnicodeScalarOffsets() throws {
        let text = "Un café 😀 avec les habitants du quartier."
        let excerpt = try #require(Excerpt.locate("les habitants", in: text))
        #expect(excerpt.matches(text))
        #expect(Excerpt(start: excerpt.start + 1, end: excerpt.end + 1, quote: excerpt.quote).matches(text) == false)
        #expect(Excerpt.locate("les voisins", in: text) == nil)
    }

    /// One rule for the CLI, the web and QDPX: spacing may differ, words may not; the stored quote
    /// is the fiche's own span.
    @Test func anExcerptMayDifferFromTheFicheInSpacingOnly() throws {
        let text = "Le CLS réunit\nles élus et\tles habitants."
        let excerpt = try #require(Excerpt.locate("réunit les  élus et les habitants", in: text))
        #expect(excerpt.quote == "réunit\nles élus et\tles habitants")
        #expect(excerpt.matches(text))
        #expect(Excerpt.locate("réunit les élus, et les habitants", in: text) == nil)
        #expect(Excerpt.locate("  ", in: text) == nil)
    }

    @Test func blindCodingShowsOwnCodingsUntilEveryAssignedCoderIsDone() {
        let rule = BlindCoding(criteria: ["a", "b"], assignments: ["f": ["ana", "ben"]])
        func coding(_ coder: String, _ criterion: String) -> Coding {
            Coding(experience: "f", criterion: criterion, coder: coder, codebookId: "c", codebookVersion: 1, level: 1)
        }
        var codings = [coding("ana", "a"), coding("ana", "b"), coding("ben", "a")]
        #expect(rule.visible(codings, to: "ben").map(\.coder) == ["ben"])
        #expect(rule.visible(codings, to: nil).isEmpty)
        codings.append(coding("ben", "b"))
        #expect(rule.visible(codings, to: "ben").count == 4)
        #expect(rule.visible(codings, to: nil).count == 4)
    }
}
