import FabriqueCore

/// What a `type` cell of an XLSForm's survey sheet says.
enum XLSFormType: Equatable {
    case question(QuestionType, list: String?, other: Bool)
    case beginGroup, endGroup, beginRepeat, endRepeat
    case metadata(String)
    /// A type fabrique cannot represent, with what to do instead.
    case unsupported(String)

    /// Reads a type cell (`select_one yes_no or_other`, `begin group`, `geopoint`…).
    init(_ cell: String) {
        var text = cell.trimmingCharacters(in: .whitespaces)
        for (old, new) in [("select one ", "select_one "), ("select all that apply ", "select_multiple "), ("select multiple ", "select_multiple ")]
        where text.lowercased().hasPrefix(old) {
            text = new + text.dropFirst(old.count)
        }
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        let keyword = words.first?.lowercased() ?? ""
        switch keyword {
        case "text", "integer", "decimal", "date", "note", "calculate":
            self = .question(QuestionType(rawValue: keyword)!, list: nil, other: false)
        case "int": self = .question(.integer, list: nil, other: false)
        case "select_one", "select_multiple", "rank":
            guard words.count >= 2 else {
                self = .unsupported("'\(text)' names no choice list; write the list_name after the type, as in 'select_one yes_no'")
                return
            }
            let type: QuestionType = keyword == "rank" ? .rank : keyword == "select_one" ? .selectOne : .selectMultiple
            let other = words.count >= 3 && words[2].lowercased() == "or_other"
            if words.count > (other ? 3 : 2) || (words.count == 3 && !other) {
                self = .unsupported("'\(text)' is not a type fabrique knows; write '\(keyword) LIST' or '\(keyword) LIST or_other'")
            } else if other, type == .rank {
                self = .unsupported("'rank … or_other' has no fabrique equivalent: a rank has no 'other' item")
            } else {
                self = .question(type, list: words[1], other: other)
            }
        case "begin_group", "begin": self = words.count > 1 && words[1].lowercased() == "repeat" ? .beginRepeat : .beginGroup
        case "end_group",
            "end" where words.count > 1:
            self = words.count > 1 && words[1].lowercased() == "repeat" ? .endRepeat : .endGroup
        case "begin_repeat": self = .beginRepeat
        case "end_repeat": self = .endRepeat
        default:
            if SurveyMetadata.types.contains(keyword) {
                self = .metadata(keyword)
            } else {
                self = .unsupported(Self.advice(keyword, text))
            }
        }
    }

    private static func advice(_ keyword: String, _ text: String) -> String {
        switch keyword {
        case "geopoint", "geotrace", "geoshape", "gps", "osm":
            return "'\(text)': fabrique has no location questions; ask for a commune (select_one) or a text instead"
        case "image", "photo", "audio", "video", "file", "signature", "background-audio":
            return "'\(text)': fabrique stores no media files; ask for a description (text) instead"
        case "time", "datetime", "datetime-local":
            return "'\(text)': fabrique records dates without times; use 'date', or 'text' for a time"
        case "select_one_from_file", "select_multiple_from_file", "select_one_external", "xml-external", "csv-external":
            return
                "'\(text)': fabrique does not read external choice files; "
                + "copy the choices into the choices sheet and use select_one or select_multiple"
        case "range":
            return "'\(text)': fabrique has no range widget; use 'integer' or 'decimal' with a constraint such as '. >= 0 and . <= 10'"
        case "acknowledge", "trigger":
            return "'\(text)': fabrique has no acknowledgement question; use 'select_one' with a single 'OK' choice"
        case "barcode", "hidden", "username", "audit":
            return "'\(text)': fabrique has no such question; use 'text' if a person types the value"
        default:
            return
                "'\(text)' is not a question type fabrique knows (text, integer, decimal, date, note, calculate, select_one, select_multiple, rank)"
        }
    }
}
