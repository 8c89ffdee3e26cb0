import Foundation
import Mustache

/// Values written into Markdown by `{{name}}`: the characters Markdown would read as markup are
/// backslash-escaped, so a title with `*` or `<` stays text. `{{{name}}}` inserts Markdown as is
/// (the tables and the quotes fabrique has already escaped).
struct MarkdownEscaper: MustacheContentType {
    func escapeText(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#": result += "\\"
            default: break
            }
            result.unicodeScalars.append(scalar == "\n" || scalar == "\r" ? " " : scalar)
        }
        return result
    }

    static func escape(_ text: String) -> String { MarkdownEscaper().escapeText(text) }
}

/// The report templates of a folder (`analyses/templates/*.mustache`), staff-editable. Each is
/// Markdown with Mustache tags; `{{> name}}` includes a partial of the same folder.
public struct ReportTemplates: Sendable {
    /// The templates every run needs.
    public static let required = ["region", "france", "theme", "index"]
    /// The stylesheet of the HTML reports, in the same folder.
    public static let stylesheetName = "rapport.css"

    let library: MustacheLibrary
    /// The screen and print CSS inlined in every HTML report.
    public let stylesheet: String

    private static let registered: Bool = {
        MustacheContentTypes.register(MarkdownEscaper(), named: "MARKDOWN")
        return true
    }()

    /// Loads and parses every template of `directory`; a template that does not parse is named with
    /// its line and column, and a missing required template is named too.
    public init(directory: String) throws(ReportError) {
        _ = Self.registered
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".mustache") }.sorted()
        } catch {
            throw .templates("cannot list the templates folder \(directory): \(error.localizedDescription)")
        }
        var templates: [String: MustacheTemplate] = [:]
        for file in names {
            let path = (directory as NSString).appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw .templates("\(path): cannot read the template as UTF-8 text")
            }
            do {
                // The pragma shares line 1 with the template's first line, so line numbers stay true.
                templates[String(file.dropLast(".mustache".count))] = try MustacheTemplate(string: "{{% CONTENT_TYPE: MARKDOWN}}" + text)
            } catch let error as MustacheTemplate.ParserError {
                let column = error.context.lineNumber == 1 ? max(1, error.context.columnNumber - 28) : error.context.columnNumber
                throw .templates("\(path) line \(error.context.lineNumber), column \(column): \(Self.describe(error.error))")
            } catch {
                throw .templates("\(path): \(error)")
            }
        }
        let missing = Self.required.filter { templates[$0] == nil }
        guard missing.isEmpty else {
            throw .templates(
                "\(directory) lacks the template\(missing.count > 1 ? "s" : "") \(missing.map { $0 + ".mustache" }.joined(separator: ", "))")
        }
        let cssPath = (directory as NSString).appendingPathComponent(Self.stylesheetName)
        guard let css = FileManager.default.contents(atPath: cssPath).flatMap({ String(data: $0, encoding: .utf8) }) else {
            throw .templates("\(cssPath): the stylesheet of the HTML reports is missing")
        }
        library = MustacheLibrary(templates: templates)
        stylesheet = css
    }

    /// A template rendered with a view.
    func render(_ view: Any, template name: String) throws(ReportError) -> String {
        guard let text = library.render(view, withTemplate: name) else { throw .templates("template '\(name).mustache' is missing") }
        return text
    }

    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: "this closing tag {{/…}} does not match the open section"
        case .unfinishedName: "a tag is not closed with }}"
        case .expectedSectionEnd: "a section {{#…}} or {{^…}} is never closed"
        case .invalidSetDelimiter: "invalid delimiter change {{=…=}}"
        case .transformAppliedToInheritanceSection: "a transform cannot apply to an inheritance section"
        case .illegalTokenInsideInheritSection, .textInsideInheritSection: "only {{$…}} blocks may appear inside {{<…}}"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable: "unknown {{%…}} pragma"
        case nil: "\(error)"
        }
    }
}

/// A report that cannot be made, with what to do about it.
public enum ReportError: Error, Sendable, CustomStringConvertible {
    case templates(String)
    case input(String)
    case output(String)
    /// The audit found cells a reader could narrow beyond their rule: nothing is published.
    case unsafe(String)

    public var description: String {
        switch self {
        case .templates(let message), .input(let message), .output(let message), .unsafe(let message): message
        }
    }
}
