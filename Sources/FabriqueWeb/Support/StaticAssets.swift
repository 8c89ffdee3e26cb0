import Foundation
import Hummingbird

/// The stylesheet and the form script, read once at start from the module's `Static` folder.
struct StaticAssets: Sendable {
    struct File: Sendable {
        let body: String
        let contentType: String

        func response() -> Response {
            var headers = HTTPFields()
            headers[.contentType] = contentType
            headers[.cacheControl] = "public, max-age=3600"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        }
    }

    let files: [String: File]

    static func load() throws -> StaticAssets {
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("Static") else { throw WebSetupError.missingResources("Static") }
        var files: [String: File] = [:]
        for (name, type) in [
            ("fabrique.css", "text/css; charset=utf-8"), ("formulaire.js", "text/javascript; charset=utf-8"),
            ("codage.js", "text/javascript; charset=utf-8")
        ] {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            files[name] = File(body: text, contentType: type)
        }
        return StaticAssets(files: files)
    }
}
