import FabriqueCore
import Hummingbird

/// A request's `application/x-www-form-urlencoded` body as ordered pairs. The decoding is
/// Core's `FormEncoding` (pure, and fuzzed there); this type only reads the request.
struct FormBody: Sendable {
    /// The decoded body.
    let encoding: FormEncoding

    /// The names and values in the order they came, repeats kept.
    var pairs: [(name: String, value: String)] { encoding.pairs }

    /// Reads the request body (bounded by the context's upload limit: 413 beyond it).
    static func read(_ request: Request, context: WebContext) async throws -> FormBody {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return buffer.withUnsafeReadableBytes { FormBody(bytes: $0) }
    }

    /// Decodes a query string or a body given as text.
    init(text: String) {
        encoding = FormEncoding(text: text)
    }

    /// Decodes the body's bytes.
    init(bytes: UnsafeRawBufferPointer) {
        encoding = FormEncoding(bytes: bytes)
    }

    /// Percent-decoding of one component (a path parameter), with `+` as a space.
    static func decode(_ component: String) -> String { FormEncoding.decode(component) }

    /// The last value posted under a name.
    subscript(name: String) -> String? { encoding[name] }
}
