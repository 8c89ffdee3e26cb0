import FabriqueCore
import Foundation
import FuzzSupport

/// libFuzzer's entry: any bytes as a questionnaire (`SurveyLoader`, as `fabrique survey check`
/// and every command that opens a survey read one), as a codebook, and as an analysis spec
/// against the committed coordination questionnaire.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    let problems = SurveyLoader.problems(in: text, file: "fuzz.yaml")
    let loaded = (try? SurveyLoader.load(text, file: "fuzz.yaml")) != nil
    fuzzCheck(loaded == problems.isEmpty, "load and problems disagree: loaded \(loaded), \(problems.count) problems")
    _ = try? CodebookParser.parse(text, file: "fuzz.yaml")
    if let survey = YAMLFuzzSurvey.coordination {
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
