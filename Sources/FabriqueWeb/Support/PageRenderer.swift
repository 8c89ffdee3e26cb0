import Foundation
import Hummingbird
import Mustache
import Synchronization

/// Renders the Mustache templates shipped with the module into HTML responses.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    private let frames = FrameCache()

    init(library: MustacheLibrary) {
        self.library = library
    }

    /// Loads every template of the module's `Templates` folder; a template that does not parse
    /// stops the start with its name and line.
    static func load() async throws -> PageRenderer {
        HTMLEscaper.install()
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("Templates").path else {
            throw WebSetupError.missingResources("Templates")
        }
        do {
            return PageRenderer(library: try await MustacheLibrary(directory: directory))
        } catch let error as MustacheLibrary.ParserError {
            throw WebSetupError.template(name: error.filename, line: error.context.lineNumber, reason: "\(error.error)")
        }
    }

    /// The HTML of a template, or an error naming the missing template (never a silent blank page).
    func render(_ view: Any, template: String) throws -> String {
        guard let html = library.render(view, withTemplate: template) else { throw WebSetupError.missingTemplate(template) }
        return html
    }

    /// The shared header and footer (`entete`, `pied`) around a page written in Swift, rendered
    /// once per title and scripts: a respondent's form page has no staff navigation, so they
    /// are the same for every respondent.
    func frame(_ layout: LayoutView) throws -> PageFrame {
        precondition(layout.nav == nil, "a frame with the staff navigation is personal and never cached")
        let key = ([layout.pageTitle] + layout.scripts).joined(separator: "\u{1F}")
        if let frame = frames.cache.withLock({ $0[key] }) { return frame }
        let frame = PageFrame(
            head: Array(try render(FrameView(layout: layout), template: "entete").utf8),
            foot: Array(try render(FrameView(layout: layout), template: "pied").utf8))
        frames.cache.withLock { cache in
            if cache.count >= FrameCache.limit { cache.removeAll() }
            cache[key] = frame
        }
        return frame
    }

    /// An HTML response of bytes written in Swift.
    func page(_ html: HTMLWriter, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: html.buffer))
    }

    /// An HTML response of a template.
    func page(_ view: Any, template: String, status: HTTPResponse.Status = .ok) throws -> Response {
        let html = try render(view, template: template)
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// A page's header and footer, as bytes.
struct PageFrame: Sendable {
    let head: [UInt8]
    let foot: [UInt8]
}

/// The frames rendered so far, by title and scripts (bounded: one per form page of each survey
/// version in practice).
private final class FrameCache: Sendable {
    static let limit = 1000
    let cache = Mutex<[String: PageFrame]>([:])
}

/// What the `entete` and `pied` templates read when rendered alone.
private struct FrameView: MustacheParent {
    let layout: LayoutView

    func child(named key: String) -> Any? { key == "layout" ? layout : nil }
}

/// Problems that stop the web app from starting.
public enum WebSetupError: Error, LocalizedError {
    case missingResources(String)
    case missingTemplate(String)
    case template(name: String, line: Int, reason: String)
    case noSurvey

    public var errorDescription: String? {
        switch self {
        case .missingResources(let name): "the web app's \(name) folder is missing from the build; rebuild fabrique"
        case .missingTemplate(let name): "template '\(name)' is missing"
        case .template(let name, let line, let reason): "template \(name) line \(line): \(reason)"
        case .noSurvey: "no survey in the database; run 'fabrique init' first"
        }
    }
}
