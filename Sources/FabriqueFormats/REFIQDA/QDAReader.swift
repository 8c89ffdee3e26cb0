import FabriqueCore
import Foundation

/// A REFI-QDA project or codebook as read, before fabrique checks it against its codebook and
/// fiches: the users, the code tree, the text sources with their selections and codings, the
/// notes. GUIDs are in upper case without braces, as fabrique writes them.
public struct QDADocument: Sendable {
    /// A code and the codes under it.
    public struct Code: Sendable {
        public var guid: String
        public var name: String
        public var description: String
        public var children: [Code]
    }

    /// A `Coding`: the code it applies, who applied it, and the notes attached to it.
    public struct CodingRef: Sendable {
        public var guid: String
        public var code: String?
        public var user: String?
        public var notes: [String]
    }

    /// A `PlainTextSelection` (positions in Unicode scalars of the source's text).
    public struct Selection: Sendable {
        public var guid: String
        public var start: Int?
        public var end: Int?
        public var user: String?
        public var codings: [CodingRef]
    }

    /// A `TextSource`, with its text when the project holds it.
    public struct Source: Sendable {
        public var guid: String
        public var name: String
        public var text: String?
        public var selections: [Selection]
        public var codings: [CodingRef]
    }

    /// User names by GUID.
    public var users: [String: String] = [:]
    public var codes: [Code] = []
    public var sources: [Source] = []
    /// Note texts by GUID.
    public var notes: [String: String] = [:]
}

/// Reads REFI-QDA files with a real XML parser (`XMLParser`, through `XMLTree`).
public enum QDAReader {
    /// A `.qdpx` project: `project.qde` and the texts its sources name as `internal://FILE`.
    public static func project(_ data: Data, file: String) throws -> QDADocument {
        let xml: Data?
        do {
            xml = try QDAArchive.entry("project.qde", in: data)
        } catch {
            throw QDAError(["\(file): not a REFI-QDA project (.qdpx is a zip archive): \(error)"])
        }
        guard let xml else { throw QDAError(["\(file): no project.qde in the archive"]) }
        let root = try parse(xml, file: "\(file)/project.qde")
        guard root.name == "Project" else { throw QDAError(["\(file)/project.qde: the root element is <\(root.name)>, not <Project>"]) }
        var document = QDADocument()
        for user in root.child("Users")?.children("User") ?? [] {
            if let guid = user.attributes["guid"] { document.users[normalised(guid)] = user.attributes["name"] ?? "" }
        }
        document.codes = (root.child("CodeBook")?.child("Codes")?.children("Code") ?? []).map(code)
        for note in root.child("Notes")?.children("Note") ?? [] {
            if let guid = note.attributes["guid"] { document.notes[normalised(guid)] = note.child("PlainTextContent")?.text ?? "" }
        }
        for source in root.child("Sources")?.children("TextSource") ?? [] {
            var text = source.child("PlainTextContent")?.text
            if text == nil, let path = source.attributes["plainTextPath"], path.hasPrefix("internal://") {
                text = try QDAArchive.entry("Sources/" + path.dropFirst("internal://".count), in: data).map { String(decoding: $0, as: UTF8.self) }
            }
            document.sources.append(
                QDADocument.Source(
                    guid: normalised(source.attributes["guid"] ?? ""), name: source.attributes["name"] ?? "", text: text,
                    selections: source.children("PlainTextSelection").map { selection in
                        QDADocument.Selection(
                            guid: normalised(selection.attributes["guid"] ?? ""), start: selection.attributes["startPosition"].flatMap { Int($0) },
                            end: selection.attributes["endPosition"].flatMap { Int($0) }, user: selection.attributes["creatingUser"].map(normalised),
                            codings: selection.children("Coding").map(coding))
                    }, codings: source.children("Coding").map(coding)))
        }
        return document
    }

    /// The codes of a `.qdc` codebook (or of a project's `CodeBook`, given a `.qde` document).
    public static func codes(_ data: Data, file: String) throws -> [QDADocument.Code] {
        let root = try parse(data, file: file)
        let book = root.name == "Project" ? root.child("CodeBook") : root
        guard let book, book.name == "CodeBook" else { throw QDAError(["\(file): the root element is <\(root.name)>, not <CodeBook>"]) }
        return (book.child("Codes")?.children("Code") ?? []).map(code)
    }

    /// A GUID in upper case without braces.
    public static func normalised(_ guid: String) -> String {
        guid.trimmingCharacters(in: CharacterSet(charactersIn: "{} \t\n")).uppercased()
    }

    private static func parse(_ data: Data, file: String) throws -> XMLTree {
        switch XMLTree.parse(data) {
        case .success(let root): return root
        case .failure(let error): throw QDAError(["\(file) line \(error.line): not well-formed XML: \(error.message)"])
        }
    }

    private static func code(_ element: XMLTree) -> QDADocument.Code {
        QDADocument.Code(
            guid: normalised(element.attributes["guid"] ?? ""), name: element.attributes["name"] ?? "",
            description: element.child("Description")?.text ?? "", children: element.children("Code").map(code))
    }

    private static func coding(_ element: XMLTree) -> QDADocument.CodingRef {
        QDADocument.CodingRef(
            guid: normalised(element.attributes["guid"] ?? ""), code: element.child("CodeRef")?.attributes["targetGUID"].map(normalised),
            user: element.attributes["creatingUser"].map(normalised),
            notes: element.children("NoteRef").compactMap { $0.attributes["targetGUID"].map(normalised) })
    }
}
