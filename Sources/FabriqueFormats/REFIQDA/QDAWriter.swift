import FabriqueCore
import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Writes REFI-QDA files: a project (`.qdpx`, a zip of `project.qde` and the fiches' texts in
/// `Sources/`) and a codebook alone (`.qdc`). Every element is built as an `XMLDocument`, every
/// GUID derived from a stable key (`QDAGuid`), no date written: the same data gives the same bytes.
public enum QDAWriter {
    /// The `.qdpx` bytes.
    public static func project(_ project: QDAProject) throws -> Data {
        var entries = [(path: "project.qde", data: try projectXML(project))]
        for source in project.sources { entries.append(("Sources/\(sourceGuid(source.slug)).txt", Data(source.text.utf8))) }
        return try XMLWriting.zip(entries)
    }

    /// The `project.qde` document alone.
    public static func projectXML(_ project: QDAProject) throws -> Data {
        var problems: [String] = []
        let codebook = project.codebook
        for coding in project.codings {
            guard let criterion = codebook.criterion(coding.criterion) else {
                problems.append("coding of '\(coding.experience)' by '\(coding.coder)': criterion '\(coding.criterion)' is not in the codebook")
                continue
            }
            if criterion.anchors[coding.level] == nil && !codebook.levels.contains(where: { $0.value == coding.level }) {
                problems.append(
                    "coding of '\(coding.experience)' by '\(coding.coder)', criterion '\(coding.criterion)': "
                        + "level \(coding.level) is not in the codebook"
                )
            }
        }
        let slugs = Set(project.sources.map(\.slug))
        for coding in project.codings where !slugs.contains(coding.experience) {
            problems.append("coding by '\(coding.coder)', criterion '\(coding.criterion)': no fiche '\(coding.experience)' among the sources")
        }
        guard problems.isEmpty else { throw QDAError(problems) }
        return XMLLock.withLock { document(projectElement(project)) }
    }

    /// The `.qdc` bytes: the codebook alone, in REFI-QDA's codebook namespace.
    public static func codebook(_ codebook: Codebook) -> Data {
        XMLLock.withLock {
            let root = element("CodeBook", ["origin": QDAProject.origin], namespace: QDAProject.codebookNamespace)
            root.addChild(codes(codebook))
            return document(root)
        }
    }

    /// The GUID of a fiche's text source (its text is `Sources/GUID.txt`).
    public static func sourceGuid(_ slug: String) -> String { QDAGuid.make("source:\(slug)") }
    static func userGuid(_ name: String) -> String { QDAGuid.make("user:\(name)") }

    private static func projectElement(_ project: QDAProject) -> XMLElement {
        let codebook = project.codebook
        let root = element(
            "Project", ["name": QDAProject.rootName(codebook), "origin": QDAProject.origin], namespace: QDAProject.projectNamespace)
        let userNames = Set(project.codings.map { QDAProject.userName($0.coder, consensus: $0.consensus) }).sorted()
        if !userNames.isEmpty {
            let users = element("Users")
            for name in userNames { users.addChild(element("User", ["guid": userGuid(name), "name": name])) }
            root.addChild(users)
        }
        let book = element("CodeBook")
        book.addChild(codes(codebook))
        root.addChild(book)
        let byExperience = Dictionary(grouping: project.codings, by: \.experience)
        var notes: [XMLElement] = []
        if !project.sources.isEmpty {
            let sources = element("Sources")
            for source in project.sources {
                sources.addChild(textSource(source, byExperience[source.slug] ?? [], codebook: codebook, notes: &notes))
            }
            root.addChild(sources)
        }
        if !notes.isEmpty {
            let list = element("Notes")
            for note in notes { list.addChild(note) }
            root.addChild(list)
        }
        return root
    }

    /// The codebook's codes: the root code, its criteria and their levels.
    private static func codes(_ codebook: Codebook) -> XMLElement {
        let codes = element("Codes")
        let top = element("Code", ["guid": QDAGuid.make("codebook:\(codebook.id)"), "name": QDAProject.rootName(codebook), "isCodable": "false"])
        if !codebook.description.isEmpty { top.addChild(text("Description", codebook.description)) }
        let labels = Dictionary(codebook.levels.map { ($0.value, $0.label) }, uniquingKeysWith: { first, _ in first })
        for criterion in codebook.criteria {
            let code = element(
                "Code",
                [
                    "guid": QDAGuid.make("code:\(codebook.id):\(criterion.code)"),
                    "name": criterion.code + QDAProject.separator + criterion.label, "isCodable": "false"
                ])
            if !criterion.definition.isEmpty { code.addChild(text("Description", criterion.definition)) }
            for level in codebook.levels.map(\.value) {
                let child = element(
                    "Code",
                    [
                        "guid": QDAProject.levelGuid(codebook, criterion: criterion.code, level: level),
                        "name": "\(level)\(QDAProject.separator)\(labels[level] ?? "")", "isCodable": "true"
                    ])
                if let anchor = criterion.anchors[level], !anchor.isEmpty { child.addChild(text("Description", anchor)) }
                code.addChild(child)
            }
            top.addChild(code)
        }
        codes.addChild(top)
        return codes
    }

    /// A fiche with its selections and whole-source codings; memos are added to `notes`.
    private static func textSource(_ source: QDAProject.Source, _ codings: [Coding], codebook: Codebook, notes: inout [XMLElement])
        -> XMLElement
    {
        let guid = sourceGuid(source.slug)
        let element = element("TextSource", ["guid": guid, "name": source.slug, "plainTextPath": "internal://\(guid).txt"])
        if !source.title.isEmpty { element.addChild(text("Description", source.title)) }
        var selections: [XMLElement] = []
        var whole: [XMLElement] = []
        for coding in codings {
            let user = userGuid(QDAProject.userName(coding.coder, consensus: coding.consensus))
            let key = "\(coding.experience):\(coding.criterion):\(coding.coder):\(coding.consensus)"
            var noteGuid: String?
            if !coding.memo.isEmpty {
                let guid = QDAGuid.make("note:\(key)")
                let note = Self.element("Note", ["guid": guid, "name": "memo \(coding.criterion) — \(coding.experience)", "creatingUser": user])
                note.addChild(text("PlainTextContent", coding.memo))
                notes.append(note)
                noteGuid = guid
            }
            func codingElement(_ suffix: String) -> XMLElement {
                let element = Self.element("Coding", ["guid": QDAGuid.make("coding:\(key):\(suffix)"), "creatingUser": user])
                element.addChild(
                    Self.element("CodeRef", ["targetGUID": QDAProject.levelGuid(codebook, criterion: coding.criterion, level: coding.level)]))
                if let noteGuid { element.addChild(Self.element("NoteRef", ["targetGUID": noteGuid])) }
                return element
            }
            if coding.excerpts.isEmpty {
                whole.append(codingElement("source"))
                continue
            }
            for (index, excerpt) in coding.excerpts.enumerated() {
                let selection = Self.element(
                    "PlainTextSelection",
                    [
                        "guid": QDAGuid.make("selection:\(key):\(index)"), "name": excerpt.quote, "startPosition": String(excerpt.start),
                        "endPosition": String(excerpt.end), "creatingUser": user
                    ])
                selection.addChild(codingElement("\(index)"))
                selections.append(selection)
            }
        }
        for child in selections + whole { element.addChild(child) }
        return element
    }

    private static func text(_ name: String, _ value: String) -> XMLElement {
        let element = element(name)
        element.stringValue = XMLWriting.xmlText(value)
        return element
    }

    private static func element(_ name: String, _ attributes: [String: String] = [:], namespace: String? = nil) -> XMLElement {
        XMLWriting.element(name, attributes, namespace: namespace)
    }

    private static func document(_ root: XMLElement) -> Data { XMLWriting.document(root, prettyPrinted: true) }
}
