import FabriqueCore

/// Runs fabrique's checks on a draft and turns each problem into an unsupported construct
/// located in the source. The part at fault is taken out and the checks run again, until
/// none is left: so the messages are those `--skip-unsupported` acts on, and what it writes passes.
struct SurveyRepair {
    let draft: ImportDraft
    let skipUnsupported: Bool

    /// The survey without the parts at fault.
    func run() -> Survey {
        for _ in 0..<100 {
            let survey = draft.survey
            let problems = SurveyChecker.check(survey, file: draft.file)
            if problems.isEmpty { return survey }
            var handled: Set<SourceLocation> = []
            for problem in problems where handled.insert(problem.location).inserted { takeOut(problem) }
        }
        return draft.survey
    }

    private func takeOut(_ problem: SourceProblem) {
        let location = problem.location
        let place = draft.place(of: location)
        for (sectionIndex, section) in draft.sections.enumerated() {
            if section.relevant?.location == location {
                draft.unsupported(place, "\(explained(problem.message)); --skip-unsupported drops this condition of section '\(section.name)'")
                draft.sections[sectionIndex].relevant = nil
                return
            }
            if let questionIndex = section.questions.firstIndex(where: { owns($0, location) }) {
                let question = section.questions[questionIndex]
                draft.unsupported(
                    place, "\(explained(problem.message)); change it in the source, or --skip-unsupported leaves '\(question.name)' out")
                draft.leftOut.formUnion([question.name, question.otherName] + question.items.map(\.name))
                draft.sections[sectionIndex].questions.remove(at: questionIndex)
                return
            }
        }
        if let index = draft.metadata.firstIndex(where: { $0.location == location }) {
            draft.unsupported(place, "\(explained(problem.message)); --skip-unsupported leaves this metadata out")
            draft.metadata.remove(at: index)
            return
        }
        if let index = draft.lists.firstIndex(where: { $0.location == location }) {
            draft.unsupported(place, "\(problem.message); --skip-unsupported leaves the list out")
            draft.lists.remove(at: index)
            return
        }
        draft.unsupported(place, explained(problem.message))
    }

    private func owns(_ question: Question, _ location: SourceLocation) -> Bool {
        question.location == location || question.expressions.contains { $0.expression.location == location }
            || question.items.contains { $0.location == location }
    }

    /// The checker's message, saying when a name it cannot find was left out as unsupported.
    private func explained(_ checkerMessage: String) -> String {
        var message = checkerMessage
        // The checker names lines of the draft's locations; say where they are in the source. The
        // search goes on after each replacement, which may itself read "line N)".
        var searched = message.startIndex
        while let range = message.range(of: #"line [0-9]+\)"#, options: .regularExpression, range: searched..<message.endIndex),
            let line = Int(message[range].dropFirst(5).dropLast())
        {
            let shown =
                switch draft.place(of: SourceLocation(line: line, column: 1)) {
                case .cell(let sheet, let reference): "\(sheet)!\(reference))"
                case .text(let line, _): "source line \(line))"
                case .file: "?)"
                }
            let offset = message.distance(from: message.startIndex, to: range.lowerBound) + shown.count
            message.replaceSubrange(range, with: shown)
            searched = message.index(message.startIndex, offsetBy: offset)
        }
        if message.hasPrefix("duplicate name") { message += " (fabrique's names are unique in the whole survey, as exports match columns by name)" }
        for name in draft.leftOut where message.hasSuffix("unknown question '\(name)'") {
            return String(message.dropLast("unknown question '\(name)'".count)) + "'\(name)', which cannot be represented (see above)"
        }
        return message
    }
}
