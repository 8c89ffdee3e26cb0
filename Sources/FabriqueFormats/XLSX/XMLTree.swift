import FabriqueCore
import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An element of an XML document read by Foundation's `XMLParser` (libxml2 underneath): a
/// small tree that the workbook readers walk by local name, whatever prefixes the producer chose.
final class XMLTree {
    /// The element's name without its namespace prefix (`sheetData`, `t`).
    let name: String
    /// The attributes by local name (`r:id` is found as `id`).
    let attributes: [String: String]
    /// The child elements, in document order.
    private(set) var children: [XMLTree] = []
    /// The text directly inside the element.
    private(set) var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// The first child with this local name.
    func child(_ name: String) -> XMLTree? { children.first { $0.name == name } }

    /// The children with this local name.
    func children(_ name: String) -> [XMLTree] { children.filter { $0.name == name } }

    /// Every descendant with this local name, depth first, skipping the subtrees named in `skipping`.
    func descendants(_ name: String, skipping: Set<String> = []) -> [XMLTree] {
        var found: [XMLTree] = []
        for child in children where !skipping.contains(child.name) {
            if child.name == name { found.append(child) }
            found += child.descendants(name, skipping: skipping)
        }
        return found
    }

    /// Parses a document; nil with the parser's message when it is not well-formed XML.
    static func parse(_ data: Data) -> Result<XMLTree, XMLTreeError> {
        XMLLock.withLock { () -> Result<XMLTree, XMLTreeError> in
            let builder = Builder()
            let parser = XMLParser(data: data)
            parser.delegate = builder
            parser.shouldProcessNamespaces = false
            guard parser.parse(), let root = builder.root else {
                let line = parser.lineNumber
                return .failure(XMLTreeError(message: parser.parserError.map { "\($0.localizedDescription)" } ?? "not an XML document", line: line))
            }
            return .success(root)
        }
    }

    private static func localName(_ qualified: String) -> String {
        qualified.firstIndex(of: ":").map { String(qualified[qualified.index(after: $0)...]) } ?? qualified
    }

    /// Builds the tree from the parser's events.
    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLTree?
        private var stack: [XMLTree] = []

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            var local: [String: String] = [:]
            for (key, value) in attributes { local[XMLTree.localName(key)] = value }
            let element = XMLTree(name: XMLTree.localName(elementName), attributes: local)
            if let parent = stack.last { parent.children.append(element) } else { root = element }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}

/// Why an XML part could not be read.
struct XMLTreeError: Error {
    var message: String
    var line: Int
}
