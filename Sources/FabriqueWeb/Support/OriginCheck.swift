import HTTPTypes
import Hummingbird

/// Whether a POST comes from one of the app's own pages. Browsers send `Origin` with every
/// cross-site POST, and `Sec-Fetch-Site` too; a request with neither (a script, an old browser)
/// is judged by the form token alone. Behind a reverse proxy the public address is the base URL.
struct OriginCheck: Sendable {
    /// The app's public origin (`https://host[:port]`), from `WebConfiguration.baseURL`.
    let publicOrigin: String

    init(baseURL: String) {
        var origin = baseURL
        if let scheme = origin.range(of: "://"), let path = origin[scheme.upperBound...].firstIndex(of: "/") { origin = String(origin[..<path]) }
        publicOrigin = origin.lowercased()
    }

    /// False for a request that a browser says comes from another site.
    func isSameOrigin(_ request: Request) -> Bool {
        if let site = request.headers[Self.secFetchSite]?.lowercased(), site == "cross-site" { return false }
        guard let origin = request.headers[.origin]?.lowercased() else { return true }
        if origin == publicOrigin { return true }
        guard let authority = request.head.authority?.lowercased() else { return false }
        return origin == "http://" + authority || origin == "https://" + authority
    }

    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
}
