/// Parses and checks a questionnaire in one call: the entry point for everything that reads surveys.
public enum SurveyLoader {
    /// Every problem of the file, sorted by position; empty when the survey is usable.
    public static func problems(in text: String, file: String) -> [SourceProblem] {
        let (survey, parseProblems, broken) = SurveyParser.parseReportingBrokenNames(text, file: file)
        let checkProblems = survey.map { SurveyChecker.check($0, file: file, alreadyReported: broken) } ?? []
        return SourceProblems(parseProblems + checkProblems).problems
    }

    /// The survey, or every problem as `SourceProblems`.
    public static func load(_ text: String, file: String) throws(SourceProblems) -> Survey {
        let (survey, parseProblems, broken) = SurveyParser.parseReportingBrokenNames(text, file: file)
        guard let survey else { throw SourceProblems(parseProblems) }
        let problems = parseProblems + SurveyChecker.check(survey, file: file, alreadyReported: broken)
        guard problems.isEmpty else { throw SourceProblems(problems) }
        return survey
    }
}
