import FabriqueCore
import FabriqueTestSupport
import Foundation
import Testing

@testable import FabriqueFormats

/// SPSS and Stata files written through ReadStat, read back with pyreadstat (`make pyxform`
/// installs it; without it these tests fail and say so).
struct DatasetWriterTests {
    static let missing = [
        MissingCode(code: -1, tag: "a", label: "Sans objet"), MissingCode(code: -2, tag: "b", label: "Non renseigné"),
        MissingCode(code: -3, tag: "c", label: "Je ne sais pas"), MissingCode(code: -4, tag: "d", label: "Refus")
    ]
    /// 3,999 bytes: a Stata strL, 16 segments of an SPSS very long string.
    static let long = Array(repeating: "Éléphant rose —", count: 200).joined(separator: " ")

    static let dataset = Dataset(
        label: "Enquête « été » 2026",
        variables: [
            DatasetVariable(name: "id", label: "Identifiant", kind: .text, measure: .nominal),
            DatasetVariable(
                name: "avis", label: "Votre avis ?", kind: .number(decimals: 0), measure: .ordinal,
                valueLabels: [ValueLabel(1, "Bon"), ValueLabel(2, "Mauvais")], missingCodes: missing),
            DatasetVariable(name: "etp", label: "ETP", kind: .number(decimals: 2), measure: .scale, missingCodes: Array(missing.prefix(2))),
            DatasetVariable(name: "debut", label: "Début", kind: .date, measure: .scale, missingCodes: Array(missing.prefix(2))),
            DatasetVariable(name: "texte", label: "Commentaire", kind: .text, measure: .nominal)
        ],
        rows: [
            [.text("R1"), .number(1), .number(0.25), .date(CalendarDate(year: 2024, month: 3, day: 15)!), .text(long)],
            [.text("R2"), .declaredMissing(0), .declaredMissing(1), .declaredMissing(0), .systemMissing],
            [.text("R3"), .declaredMissing(3), .systemMissing, .declaredMissing(1), .text("Ça va 😀")]
        ],
        notes: ["Une note de plus de quatre-vingts octets, coupée en lignes dans le document d'un fichier SPSS, entière dans Stata."])

    static func written(_ dataset: Dataset, _ format: DatasetFormat) throws -> (DatasetReadBack, [String]) {
        let folder = try TemporaryDirectory()
        let path = folder.path("donnees.\(format.fileExtension)")
        let warnings = try DatasetWriter.write(dataset, format: format, toFile: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["donnees.\(format.fileExtension)"])
        return (try DatasetReadBack.read(path), warnings)
    }

    @Test func anSPSSFileReadsBackWithItsLabelsMissingValuesAndDates() throws {
        let (file, warnings) = try Self.written(Self.dataset, .sav)
        #expect(warnings.isEmpty)
        #expect(file.meta.fileLabel == "Enquête « été » 2026")
        #expect(file.meta.fileEncoding == "UTF-8")
        #expect(file.meta.rows == 3)
        #expect(file.meta.notes.joined(separator: " ") == Self.dataset.notes[0])
        #expect(file.meta.variables.map(\.name) == ["id", "avis", "etp", "debut", "texte"])
        #expect(file.meta.variables.map(\.label) == ["Identifiant", "Votre avis ?", "ETP", "Début", "Commentaire"])
        #expect(file.meta.variables.map(\.type) == ["string", "double", "double", "double", "string"])
        #expect(file.meta.variables.map(\.format) == ["A2", "F12.0", "F14.2", "EDATE10", "A3999"])
        #expect(file.meta.variables.map(\.measure) == ["nominal", "ordinal", "scale", "scale", "nominal"])
        let avis = try #require(file.variable("avis"))
        #expect(
            avis.valueLabels == ["1": "Bon", "2": "Mauvais", "-1": "Sans objet", "-2": "Non renseigné", "-3": "Je ne sais pas", "-4": "Refus"])
        // Four codes: SPSS takes them as one range (three discrete values at most).
        #expect(avis.missingRanges == [DatasetReadBack.Range(lo: .number(-4), hi: .number(-1))])
        #expect(try #require(file.variable("etp")).missingRanges.map(\.lo) == [.number(-1), .number(-2)])
        // A date has no declared missing values in SPSS: both kinds are system-missing.
        #expect(try #require(file.variable("debut")).missingRanges.isEmpty)
        #expect(try #require(file.variable("debut")).valueLabels.isEmpty)
        #expect(file.values("id") == [.text("R1"), .text("R2"), .text("R3")])
        #expect(file.values("avis") == [.number(1), .number(-1), .number(-4)])
        #expect(file.values("etp") == [.number(0.25), .number(-2), .null])
        #expect(file.values("debut") == [.text("2024-03-15"), .null, .null])
        #expect(file.values("texte") == [.text(Self.long), .text(""), .text("Ça va 😀")])
        #expect(file.plain[1] == [.number(1), .null, .null])
        #expect(file.plain[2] == [.number(0.25), .null, .null])
    }

    @Test func aStataFileReadsBackWithExtendedMissingValuesAndAStrL() throws {
        let (file, warnings) = try Self.written(Self.dataset, .dta)
        #expect(warnings.isEmpty)
        #expect(file.meta.fileLabel == "Enquête « été » 2026")
        #expect(file.meta.notes == Self.dataset.notes)
        #expect(file.meta.variables.map(\.type) == ["string", "double", "double", "double", "string"])
        #expect(file.meta.variables.map(\.format) == ["%-9s", "%12.0g", "%12.2f", "%td", "%-9s"])
        let avis = try #require(file.variable("avis"))
        #expect(avis.valueLabels == ["1": "Bon", "2": "Mauvais", "a": "Sans objet", "b": "Non renseigné", "c": "Je ne sais pas", "d": "Refus"])
        #expect(file.values("avis") == [.number(1), .text("a"), .text("d")])
        #expect(file.values("etp") == [.number(0.25), .text("b"), .null])
        #expect(file.values("debut") == [.text("2024-03-15"), .text("a"), .text("b")])
        #expect(try #require(file.variable("debut")).valueLabels == ["a": "Sans objet", "b": "Non renseigné"])
        #expect(file.values("texte") == [.text(Self.long), .text(""), .text("Ça va 😀")])
        #expect(file.plain[1] == [.number(1), .null, .null])
    }

    @Test func aTextLongerThanSPSSKeepsIsRefusedAndLeavesTheOldFileAlone() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write(Array("ancien".utf8), to: "donnees.sav")
        var dataset = Self.dataset
        dataset.rows[2][4] = .text(String(repeating: "x", count: 40_000))
        #expect(throws: DatasetError.textTooLong(variable: "texte", row: 3, rowName: "R3", bytes: 40_000, format: .sav)) {
            try DatasetWriter.write(dataset, format: .sav, toFile: path)
        }
        let message = DatasetError.textTooLong(variable: "texte", row: 3, rowName: "R3", bytes: 40_000, format: .sav).localizedDescription
        #expect(message.hasPrefix("row 3 ('R3'), variable texte: a text of 40000 bytes is longer than SPSS keeps (32767 bytes)"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "ancien")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["donnees.sav"])
        // Stata keeps it whole, as a strL.
        let (file, _) = try Self.written(dataset, .dta)
        #expect(file.values("texte")[2] == .text(String(repeating: "x", count: 40_000)))
    }

    @Test func aFolderThatCannotBeWrittenGivesAClearError() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("absent/donnees.dta")
        #expect(throws: DatasetError.output(path: path, reason: "check that the folder exists and is writable")) {
            try DatasetWriter.write(Self.dataset, format: .dta, toFile: path)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path("absent")))
    }

    @Test func spacesEndingATextAreLostInSPSSAndSaidSo() throws {
        var dataset = Self.dataset
        dataset.rows[2][4] = .text("fin ")
        let (file, warnings) = try Self.written(dataset, .sav)
        #expect(file.values("texte")[2] == .text("fin"))
        #expect(warnings == ["texte: 1 text(s) end with spaces, which SPSS does not keep (it pads texts with spaces)"])
        let (stata, none) = try Self.written(dataset, .dta)
        #expect(stata.values("texte")[2] == .text("fin ") && none.isEmpty)
    }

    @Test func aNumberEqualToADeclaredMissingCodeIsRefusedRatherThanReadAsMissing() throws {
        var dataset = Self.dataset
        dataset.rows[0][2] = .number(-2)
        #expect(throws: DatasetError.self) { try DatasetWriter.data(dataset, format: .sav) }
        // Stata's missing values are not numbers: -2 is an answer there.
        #expect(try DatasetWriter.data(dataset, format: .dta).data.count > 0)
    }

    @Test func anEmptyDatasetIsAValidFile() throws {
        var dataset = Self.dataset
        dataset.rows = []
        for format in DatasetFormat.allCases {
            let (file, _) = try Self.written(dataset, format)
            #expect(file.meta.rows == 0 || file.values.allSatisfy(\.isEmpty))
            #expect(file.meta.variables.count == 5)
        }
    }
}
