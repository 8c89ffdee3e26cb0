import Foundation
import Hummingbird
import Mustache

/// Renders the Mustache templates shipped with the module into HTML responses.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

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

    /// An HTML response of a template.
    func page(_ view: Any, template: String, status: HTTPResponse.Status = .ok) throws -> Response {
        let html = try render(view, template: template)
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// Problems that stop the web app from starting.
public enum WebSetupError: Error, LocalizedError {
    case missingResources(String)
    case missingTemplate(String)
    case template(name: String, line: Int, reason: String)
    case noSurvey

    public var errorDescription: String? {
        switch self {
        case let .missingResources(name): "the web app's \(name) folder is missing from the build; rebuild fabrique"
        case let .missingTemplate(name): "template '\(name)' is missing"
        case let .template(name, line, reason): "template \(name) line \(line): \(reason)"
        case .noSurvey: "no survey in the database; run 'fabrique init' first"
        }
    }
}
