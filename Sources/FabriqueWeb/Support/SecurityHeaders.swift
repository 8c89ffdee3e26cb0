import HTTPTypes
import Hummingbird
import NIOCore

/// Adds the security headers to every response: a strict Content-Security-Policy (no inline
/// script or style, no framing; a handler may set a stricter one), no MIME sniffing, no Referer (tokens live in URLs) and no caching
/// of pages that carry answers.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    static var policy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch {
            // `ErrorPages` turns every error into a page; this is the last resort should a page
            // itself fail to render, so that even then the answer carries the headers.
            context.logger.error("error page failed", metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: error))"])
            response = Response(
                status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "Erreur du serveur.")))
        }
        // A handler may set a stricter policy of its own (the standalone report pages do).
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] = Self.policy
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
