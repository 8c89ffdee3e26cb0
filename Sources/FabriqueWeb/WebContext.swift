import FabriqueStore
import Hummingbird
import NIOCore

/// The request context of every route: a 1 MiB body limit, the client's address (for the open
/// link's rate limit) and, once the session middleware ran, the logged-in staff member.
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's IP address, or "inconnue" when the transport does not tell (tests).
    public let clientAddress: String
    /// The staff session, set by `SessionMiddleware` when the cookie is valid.
    public var session: WebSession?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "inconnue"
        session = nil
    }

    /// Request bodies above 1 MiB are refused with 413 before any parsing.
    public var maxUploadSize: Int { 1 << 20 }
}
