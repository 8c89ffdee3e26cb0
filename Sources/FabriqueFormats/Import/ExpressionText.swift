import FabriqueCore

/// Rewriting of other tools' expression texts outside their string literals, where their
/// syntax differs from fabrique's.
enum ExpressionText {
    /// The text split into pieces, each either a quoted literal (quotes included) or code.
    static func pieces(_ text: String) -> [(literal: Bool, text: String)] {
        var pieces: [(Bool, String)] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                current.append(character)
                if character == open {
                    pieces.append((true, current))
                    current = ""
                    quote = nil
                }
            } else if character == "'" || character == "\"" {
                if !current.isEmpty { pieces.append((false, current)) }
                current = String(character)
                quote = character
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { pieces.append((quote != nil, current)) }
        return pieces
    }

    /// The text with `transform` applied to its code pieces only.
    static func rewritingCode(_ text: String, _ transform: (String) -> String) -> String {
        pieces(text).map { $0.literal ? $0.text : transform($0.text) }.joined()
    }

    /// The functions called in the text (a name followed by `(`), in order.
    static func calledFunctions(_ text: String) -> [String] {
        var names: [String] = []
        for piece in pieces(text) where !piece.literal {
            let characters = Array(piece.text)
            var index = 0
            while index < characters.count {
                guard isNameCharacter(characters[index]), index == 0 || !isNameCharacter(characters[index - 1]),
                    characters[index] != "-", !characters[index].isNumber
                else {
                    index += 1
                    continue
                }
                var end = index
                while end < characters.count, isNameCharacter(characters[end]) { end += 1 }
                var next = end
                while next < characters.count, characters[next] == " " { next += 1 }
                let previous = index > 0 ? characters[index - 1] : " "
                let word = String(characters[index..<end])
                if next < characters.count, characters[next] == "(", previous != "{", !["and", "or", "div", "mod"].contains(word) {
                    names.append(String(characters[index..<end]))
                }
                index = end
            }
        }
        return names
    }

    /// The called functions that fabrique's language lacks.
    static func unknownFunctions(_ text: String, known: Set<String> = Set(ExpressionFunction.allCases.map(\.rawValue))) -> [String] {
        var seen: Set<String> = []
        return calledFunctions(text).filter { !known.contains($0) && seen.insert($0).inserted }
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII
            && (character.isLetter || character.isNumber || character == "_" || character == "-" || character == ":" || character == ".")
    }

    /// Replaces every whole-word occurrence of `word` (not inside `${…}`, not a function name) in code.
    static func replacingWord(_ word: String, with replacement: String, in code: String) -> String {
        let characters = Array(code)
        let target = Array(word)
        var result = ""
        var index = 0
        func isPart(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-" || c == "{") }
        while index < characters.count {
            let end = index + target.count
            if end <= characters.count, Array(characters[index..<end]) == target,
                index == 0 || !isPart(characters[index - 1]),
                end == characters.count || !(isPart(characters[end]) || characters[end] == "(" || characters[end] == "}")
            {
                result += replacement
                index = end
            } else {
                result.append(characters[index])
                index += 1
            }
        }
        return result
    }
}
