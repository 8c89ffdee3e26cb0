import FabriqueCore
import Foundation
import FuzzSupport

/// libFuzzer's entry: any bytes as a questionnaire (`SurveyLoader`, as `fabrique survey check`
/// and every command that opens a survey read one), as a codebook, or as an analysis spec against
/// the committed coordination questionnaire. The first byte chooses which of the three reads the
/// whole input (its value modulo 3), so that each input costs one or two YAML parses instead of
/// five: the mutations of that byte reach all three readers.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    let text = String(decoding: bytes, as: UTF8.self)
    switch (bytes.first ?? 0) % 3 {
    case 0:
        let problems = SurveyLoader.problems(in: text, file: "fuzz.yaml")
        let loaded = (try? SurveyLoader.load(text, file: "fuzz.yaml")) != nil
        fuzzCheck(loaded == problems.isEmpty, "load and problems disagree: loaded \(loaded), \(problems.count) problems")
    case 1:
        _ = try? CodebookParser.parse(text, file: "fuzz.yaml")
    default:
        guard let survey = YAMLFuzzSurvey.coordination else { return 0 }
        _ = try? AnalysisSpec.surveyId(in: text, file: "fuzz.yaml")
        _ = try? AnalysisSpec.parse(text, file: "fuzz.yaml", survey: survey)
    }
    return 0
}

/// The survey the analysis specs are read against.
enum YAMLFuzzSurvey {
    /// surveys/coordination.yaml, found from this file's place in the repository.
    static let coordination: Survey? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("surveys/coordination.yaml").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return try? SurveyLoader.load(text, file: path)
    }()
}

/// Runs the entry under libFuzzer, or on the files given in a plain build.
@main
enum FuzzYAMLMain {
    static func main() { FuzzDriver.main(fuzzYAML) }
}
