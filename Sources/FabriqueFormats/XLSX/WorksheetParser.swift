import FabriqueCore
import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads a worksheet part as a stream, keeping only cells that hold a value: sheets saved by
/// Excel often carry tens of thousands of styled empty cells, which a tree would hold for nothing.
final class WorksheetParser: NSObject, XMLParserDelegate {
    private let shared: [String]
    /// Text by row, then column.
    private(set) var cells: [Int: [Int: String]] = [:]
    private var row = 0
    private var column = 0
    private var type: String?
    private var text = ""
    /// Whether characters belong to the value: inside `<v>`, or a `<t>` of an inline string (not a phonetic reading).
    private var collecting = false
    private var inPhonetic = false

    private init(shared: [String]) {
        self.shared = shared
    }

    /// The non-empty cells of a worksheet, or the parser's error.
    static func cells(_ data: Data, shared: [String]) -> Result<[Int: [Int: String]], XMLTreeError> {
        XMLLock.withLock { () -> Result<[Int: [Int: String]], XMLTreeError> in
            let delegate = WorksheetParser(shared: shared)
            let parser = XMLParser(data: data)
            parser.delegate = delegate
            guard parser.parse() else {
                return .failure(
                    XMLTreeError(message: parser.parserError.map { "\($0.localizedDescription)" } ?? "not an XML document", line: parser.lineNumber))
            }
            return .success(delegate.cells)
        }
    }

    /// The name without a namespace prefix; most producers use none, so the common case costs one scan.
    private static func local(_ name: String) -> String {
        guard name.utf8.contains(UInt8(ascii: ":")) else { return name }
        return String(name.split(separator: ":").last ?? "")
    }

    /// The column of an `A1` address, from its letters alone.
    private static func column(_ address: String) -> Int? {
        var column = 0
        for byte in address.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): column = column * 26 + Int(byte) - 64
            case UInt8(ascii: "a")...UInt8(ascii: "z"): column = column * 26 + Int(byte) - 96
            case UInt8(ascii: "$"): continue
            default: return column > 0 ? column : nil
            }
        }
        return column > 0 ? column : nil
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch Self.local(elementName) {
        case "row":
            row = attributes["r"].flatMap(Int.init) ?? row + 1
            column = 0
        case "c":
            column = attributes["r"].flatMap(Self.column) ?? column + 1
            type = attributes["t"]
            text = ""
        case "v": collecting = true
        case "t": collecting = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        switch Self.local(elementName) {
        case "v", "t": collecting = false
        case "rPh": inPhonetic = false
        case "c":
            if !text.isEmpty, let value = value(), !value.isEmpty { cells[row, default: [:]][column] = value }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { text += string }
    }

    private func value() -> String? {
        switch type {
        case "s": return Int(text.trimmingCharacters(in: .whitespaces)).flatMap { shared.indices.contains($0) ? shared[$0] : nil }
        case "inlineStr", "str", "e": return text
        case "b": return text == "1" ? "TRUE" : "FALSE"
        default: return XLSXReader.number(text)
        }
    }
}
