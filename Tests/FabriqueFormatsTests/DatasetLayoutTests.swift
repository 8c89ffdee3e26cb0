import FabriqueCore
import Testing

@testable import FabriqueFormats

/// Names and labels adapted to SPSS's and Stata's limits: valid, unique, deterministic, and every
/// change reported with the variable's name.
struct DatasetLayoutTests {
    static func variable(_ name: String, ending: String = "", label: String = "", labelEnding: String = "") -> DatasetVariable {
        DatasetVariable(name: name, nameEnding: ending, label: label, labelEnding: labelEnding, kind: .number(decimals: 0), measure: .scale)
    }

    static func names(_ names: [String], _ format: DatasetFormat) -> (names: [String], warnings: [String]) {
        var warnings: [String] = []
        let written = DatasetLayout.names(names.map { variable($0) }, format: format, warnings: &warnings)
        return (written, warnings)
    }

    @Test func validNamesAreKeptAndOthersMadeValidWithAReason() {
        let (sav, savWarnings) = Self.names(["etp", "1er_poste", "_cache", "date-début", "all", "With", "ok"], .sav)
        #expect(sav == ["etp", "v_1er_poste", "v_cache", "date_debut", "all_", "With_", "ok"])
        #expect(savWarnings.count == 5)
        #expect(savWarnings[0] == "1er_poste: written as 'v_1er_poste' in the .sav file (SPSS names start with a letter)")
        #expect(savWarnings[3] == "all: written as 'all_' in the .sav file ('all' is a reserved word of SPSS)")
        let (dta, dtaWarnings) = Self.names(["etp", "1er_poste", "_cache", "_n", "str12", "in", "strong"], .dta)
        #expect(dta == ["etp", "_1er_poste", "_cache", "_n_", "str12_", "in_", "strong"])
        #expect(dtaWarnings.count == 4)
    }

    @Test func aNameThatNeedsNoChangeKeepsItsPlaceBeforeOneThatWasChanged() {
        // "a-b" becomes a_b only if a_b is free: the valid a_b, later in the file, keeps its name.
        let (names, warnings) = Self.names(["a-b", "a_b", "A_B"], .sav)
        #expect(names == ["a_b_2", "a_b", "A_B_3"])
        #expect(
            warnings == [
                "a-b: written as 'a_b_2' in the .sav file (SPSS names hold only ASCII letters, digits and _)",
                "A_B: written as 'A_B_3' in the .sav file (the name is already taken)"
            ])
    }

    @Test func longNamesAreCutBeforeTheirEndingAndStayUnique() {
        var warnings: [String] = []
        let variables = [
            Self.variable("formation_coordinateur", ending: "___master_sante_publique"),
            Self.variable("formation_coordinateur", ending: "___master_sante_publique_bis"),
            Self.variable(String(repeating: "x", count: 70))
        ]
        let dta = DatasetLayout.names(variables, format: .dta, warnings: &warnings)
        #expect(dta[0] == "formatio___master_sante_publique")
        #expect(dta[1] == "form___master_sante_publique_bis")
        #expect(dta.allSatisfy { $0.count <= 32 })
        #expect(warnings[0].hasSuffix("(Stata names have at most 32 characters)"))
        let sav = DatasetLayout.names(variables, format: .sav, warnings: &warnings)
        #expect(sav[0] == "formation_coordinateur___master_sante_publique")
        #expect(sav[2] == String(repeating: "x", count: 64))
    }

    @Test func labelsOverTheLimitAreShortenedAtACharacterWithAWarning() throws {
        let long = "Quel temps de travail est dédié à la coordination de la démarche, en équivalent temps plein (ETP) ?"
        let dataset = Dataset(
            label: "Enquête nationale sur la coordination des démarches territoriales de santé",
            variables: [
                Self.variable("etp", label: long),
                Self.variable("demarches", ending: "___cls", label: long, labelEnding: " : Contrat local de santé (CLS)"),
                Self.variable("ph", label: long, labelEnding: " : " + String(repeating: "é", count: 70)),
                Self.variable("court", label: "Court")
            ])
        let dta = try DatasetLayout(dataset, format: .dta)
        #expect(dta.labels[0] == "Quel temps de travail est dédié à la coordination de la démarche, en équivalent…")
        #expect(dta.labels[0].count == 80)
        #expect(dta.labels[1] == "Quel temps de travail est dédié à la coordinatio… : Contrat local de santé (CLS)")
        // Too little of the question would be left: the part that tells the items apart stays alone.
        #expect(dta.labels[2] == String(repeating: "é", count: 70))
        #expect(dta.labels[3] == "Court")
        #expect(dta.fileLabel == dataset.label)
        #expect(dta.warnings.contains("etp: variable label shortened to Stata's 80 characters"))
        #expect(dta.warnings.count == 3)
        // SPSS counts bytes: 256 for a label, 64 for the file label ("é" is two bytes).
        let sav = try DatasetLayout(dataset, format: .sav)
        #expect(sav.labels[0] == long)
        #expect(sav.fileLabel == "Enquête nationale sur la coordination des démarches territo…")
        #expect(sav.fileLabel.utf8.count <= 64)
        #expect(sav.warnings == ["file label shortened to SPSS's 64 bytes"])
    }

    @Test func valueLabelsKeepSPSSs120Bytes() throws {
        var variable = Self.variable("q")
        variable.valueLabels = [ValueLabel(1, String(repeating: "à", count: 70)), ValueLabel(2, "Non")]
        let sav = try DatasetLayout(Dataset(label: "", variables: [variable]), format: .sav)
        #expect(sav.valueLabels[0][0].label.utf8.count <= 120)
        #expect(sav.valueLabels[0][0].label.hasSuffix("à…"))
        #expect(sav.valueLabels[0][1].label == "Non")
        #expect(sav.warnings == ["q: value label of 1 shortened to SPSS's 120 bytes"])
        #expect(try DatasetLayout(Dataset(label: "", variables: [variable]), format: .dta).warnings.isEmpty)
    }

    @Test func notesAreCutIntoSPSSDocumentLinesBetweenWords() {
        let paragraph = "Valeurs manquantes : -1 (SPSS) ou .a (Stata) = Sans objet, la question ne s'appliquait pas ; -2 ou .b = Non renseigné."
        let lines = DatasetLayout.lines(paragraph, limit: 80)
        #expect(lines.allSatisfy { $0.utf8.count <= 80 })
        #expect(lines.joined(separator: " ") == paragraph)
        #expect(DatasetLayout.lines(String(repeating: "x", count: 170), limit: 80).map(\.count) == [80, 80, 10])
    }

    /// Reference values from Python: `(date(2024, 3, 15) - date(1960, 1, 1)).days` and the same
    /// difference from 1582-10-14 times 86,400 (SPSS counts seconds from the Gregorian calendar's start).
    @Test func datesAreCountedFromEachFormatsOrigin() throws {
        let cases: [(CalendarDate, Double, Double)] = [
            (CalendarDate(year: 2024, month: 3, day: 15)!, 23_450, 13_929_840_000),
            (CalendarDate(year: 1960, month: 1, day: 1)!, 0, 11_903_760_000),
            (CalendarDate(year: 1582, month: 10, day: 14)!, -137_775, 0),
            (CalendarDate(year: 2000, month: 2, day: 29)!, 14_669, 13_171_161_600),
            (CalendarDate(year: 1900, month: 1, day: 1)!, -21_914, 10_010_390_400)
        ]
        for (date, stata, spss) in cases {
            #expect(DatasetWriter.stataDays(date) == stata, "\(date)")
            #expect(DatasetWriter.spssSeconds(date) == spss, "\(date)")
        }
    }
}
