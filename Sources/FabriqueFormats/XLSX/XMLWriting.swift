import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// What the writers of zipped XML formats share (XLSX, REFI-QDA): elements with sorted
/// attributes, the characters XML 1.0 allows, and a zip with fixed dates, so that the same data
/// gives the same bytes. Callers hold `XMLLock` while they build documents.
enum XMLWriting {
    /// An element with its attributes in name order, and a default namespace if given.
    static func element(_ name: String, _ attributes: [String: String] = [:], namespace: String? = nil) -> XMLElement {
        let element = XMLElement(name: name)
        if let namespace { element.addNamespace(XMLNode.namespace(withName: "", stringValue: namespace) as! XMLNode) }
        for key in attributes.keys.sorted() {
            element.addAttribute(XMLNode.attribute(withName: key, stringValue: attributes[key]!) as! XMLNode)
        }
        return element
    }

    /// A document's bytes, in UTF-8 with an XML declaration.
    static func document(_ root: XMLElement, standalone: Bool = false, prettyPrinted: Bool = false) -> Data {
        let document = XMLDocument(rootElement: root)
        document.version = "1.0"
        document.characterEncoding = "UTF-8"
        if standalone { document.isStandalone = true }
        return document.xmlData(options: prettyPrinted ? [.nodePrettyPrint, .nodeCompactEmptyElement] : [])
    }

    /// Characters XML 1.0 allows.
    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar == "\n" || scalar == "\r" || (scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF)
    }

    /// The text without the characters XML cannot hold.
    static func xmlText(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter(isXMLCharacter)))
    }

    /// A zip of the entries, in order, deflated, all dated 2020-01-01.
    static func zip(_ entries: [(path: String, data: Data)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let date = Date(timeIntervalSince1970: 1_577_836_800)
        for (path, data) in entries {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date, permissions: 0o644,
                compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Data.Index(position)..<Data.Index(position) + size)
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }
}
