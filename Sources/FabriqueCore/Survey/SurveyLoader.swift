/// Parses and checks a questionnaire in one call: the entry point for everything that reads surveys.
public enum SurveyLoader {
    /// Every problem of the file, sorted by position; empty when the survey is usable.
    public static func problems(in text: String, file: String) -> [SourceProblem] {
        let (survey, problems) = SurveyParser.parse(text, file: file)
        guard let survey else { return SourceProblems(problems).problems }
        return SourceProblems(problems + SurveyChecker.check(survey, file: file)).problems
    }

    /// The survey, or every problem as `SourceProblems`.
    public static func load(_ text: String, file: String) throws(SourceProblems) -> Survey {
        let (survey, parseProblems) = SurveyParser.parse(text, file: file)
        guard let survey else { throw SourceProblems(parseProblems) }
        let problems = parseProblems + SurveyChecker.check(survey, file: file)
        guard problems.isEmpty else { throw SourceProblems(problems) }
        return survey
    }
}
