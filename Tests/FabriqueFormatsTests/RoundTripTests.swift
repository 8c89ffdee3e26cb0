import FabriqueCore
import FabriqueTestSupport
import Foundation
import Testing

@testable import FabriqueFormats

/// XLSForms fabrique writes: pyxform (the reference XLSForm converter, installed by `make pyxform`)
/// converts every one, and importing one back gives the questionnaire it came from.
struct RoundTripTests {
    static let xls2xform = Fixtures.path(".build/venv/bin/xls2xform")
    static let hasPyxform = FileManager.default.isExecutableFile(atPath: xls2xform)

    /// Runs xls2xform on a workbook; the error output when it fails.
    static func convert(_ data: Data, named name: String) throws -> String? {
        let folder = try TemporaryDirectory()
        let input = try folder.write(data, to: name)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xls2xform)
        process.arguments = [input, folder.path("form.xml")]
        let error = Pipe()
        process.standardError = error
        process.standardOutput = Pipe()
        try process.run()
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 && FileManager.default.fileExists(atPath: folder.path("form.xml")) ? nil : message
    }

    /// What a round trip must keep of each question.
    static func essentials(_ survey: Survey) -> [String] {
        survey.questions.map { question in
            [
                question.name, question.type.rawValue, question.label, question.hint ?? "", "\(question.required)", question.relevant?.source ?? "",
                question.constraint?.source ?? "", question.constraintMessage ?? "", question.choices ?? "", question.choiceFilter?.source ?? "",
                "\(question.other)", question.calculation?.source ?? "", question.warning?.source ?? "", question.warningMessage ?? "",
                question.items.map { "\($0.name)=\($0.label)" }.joined(separator: ";")
            ].joined(separator: "|")
        }
            + survey.choiceLists.map { list in
                list.name + ":" + list.items.map { "\($0.value)=\($0.label)\($0.attributes.sorted { $0.key < $1.key })" }.joined(separator: ";")
            }
            + survey.sections.map { "\($0.name)|\($0.title)|\($0.relevant?.source ?? "")|\($0.description ?? "")" }
    }

    @Test func coordinationSurveyRoundTripsThroughXLSForm() throws {
        let survey = try Fixtures.coordinationSurvey()
        let (data, omitted) = try XLSFormWriter.write(survey)
        #expect(omitted.contains("the privacy notice (privacy:)"))
        let back = try SurveyImporter.importSurvey(data, file: "coordination.xlsx").survey
        Self.compare(Self.essentials(back), Self.essentials(survey))
        #expect(back.id == survey.id && back.version == survey.version && back.title == survey.title)
        #expect(back.fields.map(\.name) == survey.fields.map(\.name))
    }

    @Test(.enabled(if: hasPyxform, "pyxform is not installed: run 'make pyxform'"))
    func pyxformConvertsTheCoordinationSurvey() throws {
        let (data, _) = try XLSFormWriter.write(try Fixtures.coordinationSurvey())
        let failure = try Self.convert(data, named: "coordination.xlsx")
        #expect(failure == nil, "xls2xform failed: \(failure ?? "")")
    }

    @Test(
        .enabled(if: SharedFixtures.available && hasPyxform, "../shared/fixtures or pyxform ('make pyxform') is absent"),
        arguments: [
            "xlsform/onadata__tutorial.xlsx", "xlsform/onadata__grains.xlsx", "xlsform/pyxform__xlsform_spec_test.xlsx",
            "xlsform/pyxform__case_insensitivity.xlsx", "xlsform/pyxform__choice_filter_test.xlsx",
            "redcap/checkboxes-1/dictionary.csv", "redcap/longitudinal/dictionary.csv", "redcap/validation-types-1/dictionary.csv",
            "limesurvey/export-of-minimal-survey-as-tsv.txt", "limesurvey/testing-multilingual-export.txt"
        ])
    func importedFixturesRoundTripAndPyxformConvertsThem(_ fixture: String) throws {
        let survey = try SharedFixtures.importSurvey(fixture, skipUnsupported: true).survey
        let (data, _) = try XLSFormWriter.write(survey)
        let failure = try Self.convert(data, named: "roundtrip.xlsx")
        #expect(failure == nil, "xls2xform failed on \(fixture): \(failure ?? "")")
        let back = try SurveyImporter.importSurvey(data, file: "roundtrip.xlsx").survey
        Self.compare(Self.essentials(back), Self.essentials(survey))
    }

    /// Records each element that differs, rather than two whole lists.
    static func compare(_ back: [String], _ original: [String]) {
        #expect(back.count == original.count)
        for (left, right) in zip(back, original) where left != right { Issue.record("round trip changed \(right) into \(left)") }
    }
}
