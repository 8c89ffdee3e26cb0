import Foundation

/// Where a PostgreSQL database is, read from a `postgres://` URL the way libpq reads one:
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DB?sslmode=…&host=/socket/folder`.
///
/// What the URL leaves out comes from libpq's variables (`PGHOST`, `PGPORT`, `PGUSER`,
/// `PGDATABASE`, `PGSSLMODE`, `PGSSLROOTCERT`), and the password from `PGPASSWORD`, so that it
/// need not be typed on a command line. `description` never shows the password.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// libpq's `sslmode` values.
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    /// A TCP host name or address, or the folder of a Unix socket (a value starting with `/`).
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var sslMode: SSLMode
    /// The certificate authorities that `verify-ca` and `verify-full` trust (PEM file).
    public var sslRootCert: String?

    /// True for a `postgres://` or `postgresql://` address, false for anything else (a file path).
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Reads a `postgres://` URL; `environment` supplies what it leaves out.
    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isURL(text), let components = URLComponents(string: text) else {
            throw StoreError.badLocation(Self.redacted(text), reason: "write it as postgres://USER@HOST[:PORT]/DATABASE")
        }
        func variable(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
        let known: Set = ["host", "port", "user", "password", "dbname", "sslmode", "sslrootcert", "connect_timeout", "application_name"]
        if let unknown = query.keys.sorted().first(where: { !known.contains($0) }) {
            throw StoreError.badLocation(
                Self.redacted(text), reason: "unknown parameter '\(unknown)'; fabrique reads \(known.sorted().joined(separator: ", "))")
        }
        host = query["host"] ?? components.host.flatMap { $0.isEmpty ? nil : $0 } ?? variable("PGHOST") ?? "localhost"
        let portText = query["port"] ?? components.port.map(String.init) ?? variable("PGPORT") ?? "5432"
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw StoreError.badLocation(Self.redacted(text), reason: "the port '\(portText)' is not a number from 1 to 65535")
        }
        self.port = port
        let userName = query["user"] ?? components.user.flatMap { $0.removingPercentEncoding }
        user = userName ?? variable("PGUSER") ?? NSUserName()
        password = query["password"] ?? components.password.flatMap { $0.removingPercentEncoding } ?? variable("PGPASSWORD")
        let path = String(components.path.drop(while: { $0 == "/" })).removingPercentEncoding ?? ""
        database = query["dbname"] ?? (path.isEmpty ? nil : path) ?? variable("PGDATABASE") ?? user
        let modeText = query["sslmode"] ?? variable("PGSSLMODE") ?? SSLMode.prefer.rawValue
        guard let mode = SSLMode(rawValue: modeText) else {
            throw StoreError.badLocation(
                Self.redacted(text),
                reason: "sslmode '\(modeText)' is not one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        sslMode = mode
        sslRootCert = query["sslrootcert"] ?? variable("PGSSLROOTCERT")
    }

    /// True when `host` is the folder of a Unix socket.
    public var isUnixSocket: Bool { host.hasPrefix("/") }

    /// The socket file in that folder, named after the port as libpq names it.
    public var socketPath: String { (host as NSString).appendingPathComponent(".s.PGSQL.\(port)") }

    /// The URL without its password, for messages and logs.
    public var description: String {
        if isUnixSocket { return "postgres://\(user)@/\(database)?host=\(host)" }
        return "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
    }

    /// A URL as typed with its password, if any, replaced by `***`.
    public static func redacted(_ text: String) -> String {
        var result = text
        if let scheme = result.range(of: "://"), let at = result[scheme.upperBound...].firstIndex(of: "@") {
            let userInfo = result[scheme.upperBound..<at]
            if let colon = userInfo.firstIndex(of: ":") { result.replaceSubrange(result.index(after: colon)..<at, with: "***") }
        }
        if let range = result.range(of: #"([?&])password=[^&]*"#, options: .regularExpression) {
            let separator = result[range].first.map(String.init) ?? "?"
            result.replaceSubrange(range, with: "\(separator)password=***")
        }
        return result
    }
}
