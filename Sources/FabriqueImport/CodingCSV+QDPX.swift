import FabriqueCore
import FabriqueFormats
import Foundation

extension CodingCSV {
    /// The codings of a REFI-QDA project (`QDAProject` describes the mapping), checked as a CSV
    /// file's are: each `Coding` must apply a level of a criterion of the codebook, by a known user
    /// assigned to the fiche, on a source named after a fiche, and each selection must select text
    /// of the fiche. Every problem is named with its source, selection or coding and GUID
    /// (`RowProblems`), and then nothing is returned.
    public func read(_ document: QDADocument, file: String) throws -> [Coding] {
        var problems: [String] = []
        let levelsByGuid = levelCodes(document.codes)
        var order: [String] = []
        var found: [String: Coding] = [:]
        for source in document.sources {
            let all = source.selections.flatMap(\.codings) + source.codings
            guard !all.isEmpty else { continue }
            let at = "\(file): source '\(source.name)' (\(source.guid))"
            guard let body = bodies[source.name] else {
                problems.append("\(at): no fiche '\(source.name)'; a source's name must be the slug of a fiche")
                continue
            }
            let text = source.text.map { Array($0.unicodeScalars) }
            func add(_ ref: QDADocument.CodingRef, selectionUser: String?, excerpt: Excerpt?, at place: String) {
                let at = "\(place), coding \(ref.guid)"
                guard let codeGuid = ref.code else { return problems.append("\(at): no CodeRef") }
                guard let (criterion, level) = levelsByGuid[codeGuid] else {
                    let name = codeName(codeGuid, document.codes).map { "code '\($0)' (\(codeGuid)) is not" } ?? "unknown code \(codeGuid), not"
                    return problems.append("\(at): \(name) a level of a criterion of codebook '\(codebookId)'")
                }
                guard let userGuid = ref.user ?? selectionUser else { return problems.append("\(at): no creatingUser, so no coder") }
                guard let name = document.users[userGuid], !name.isEmpty else {
                    return problems.append("\(at): unknown user \(userGuid); users are listed in <Users>")
                }
                let consensus = name.hasSuffix(QDAProject.consensusSuffix)
                let coder = consensus ? String(name.dropLast(QDAProject.consensusSuffix.count)) : name
                if let problem = assignmentProblem(coder, source.name, consensus: consensus) {
                    return problems.append("\(at), user \(userGuid): \(problem)")
                }
                var memo: [String] = []
                for note in ref.notes {
                    guard let content = document.notes[note] else { return problems.append("\(at): unknown note \(note)") }
                    memo.append(content)
                }
                let key = "\(source.name)|\(criterion)|\(coder)|\(consensus)"
                var coding =
                    found[key]
                    ?? Coding(
                        experience: source.name, criterion: criterion, coder: coder, consensus: consensus, codebookId: codebookId,
                        codebookVersion: codebookVersion, level: level)
                if found[key] == nil { order.append(key) }
                if coding.level != level {
                    return problems.append(
                        "\(at): '\(name)' coded '\(source.name)' on '\(criterion)' at levels \(coding.level) and \(level); keep one")
                }
                for text in memo where !coding.memo.contains(text) { coding.memo += (coding.memo.isEmpty ? "" : "\n\n") + text }
                if let excerpt, !coding.excerpts.contains(excerpt) { coding.excerpts.append(excerpt) }
                found[key] = coding
            }
            for selection in source.selections where !selection.codings.isEmpty {
                let span = "\(selection.start.map(String.init) ?? "?")–\(selection.end.map(String.init) ?? "?")"
                let place = "\(at), selection \(selection.guid) [\(span)]"
                guard let text else {
                    problems.append("\(place): the project does not hold the source's text (plainTextPath internal://… or PlainTextContent)")
                    continue
                }
                guard let start = selection.start, let end = selection.end, start >= 0, start < end, end <= text.count else {
                    problems.append("\(place): the positions are not a span of the source's \(text.count) characters")
                    continue
                }
                let quote = String(String.UnicodeScalarView(text[start..<end]))
                let excerpt =
                    Excerpt(start: start, end: end, quote: quote).matches(body)
                    ? Excerpt(start: start, end: end, quote: quote) : Excerpt.locate(quote, in: body)
                guard let excerpt else {
                    problems.append("\(place): « \(quote) » does not appear in the fiche '\(source.name)'")
                    continue
                }
                for ref in selection.codings { add(ref, selectionUser: selection.user, excerpt: excerpt, at: place) }
            }
            for ref in source.codings { add(ref, selectionUser: nil, excerpt: nil, at: at) }
        }
        guard problems.isEmpty else { throw RowProblems(problems) }
        return order.map { found[$0]! }
    }

    /// The codes that stand for a level of a criterion, by GUID: a code named `VALUE — LABEL`
    /// under a code named `CODE — LABEL`, for a criterion and a level of the codebook.
    private func levelCodes(_ codes: [QDADocument.Code]) -> [String: (criterion: String, level: Int)] {
        var result: [String: (String, Int)] = [:]
        func walk(_ code: QDADocument.Code) {
            let criterion = QDAProject.key(code.name)
            for child in code.children {
                if criteria.contains(criterion), let level = Int(QDAProject.key(child.name)), levels.contains(level) {
                    result[child.guid] = (criterion, level)
                }
                walk(child)
            }
        }
        codes.forEach(walk)
        return result
    }

    private func codeName(_ guid: String, _ codes: [QDADocument.Code]) -> String? {
        for code in codes {
            if code.guid == guid { return code.name }
            if let name = codeName(guid, code.children) { return name }
        }
        return nil
    }
}
