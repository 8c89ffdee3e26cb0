import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// The store on a PostgreSQL server (PostgresNIO): the same interface as `AppDatabase`, for a
/// network whose several servers share one database. Every statement is parameterised; each
/// public write is one transaction.
public final class PostgresStore: Sendable {
    public let location: PostgresLocation
    let pool: PostgresPool
    let logger: Logger

    /// How long a connection may take before the server is reported unreachable.
    static let connectTimeout: TimeAmount = .seconds(5)

    /// Connects to `location` and brings its schema up to date. An unreachable server, a refused
    /// login or a newer schema stops here with one clear message, before anything is written.
    /// Up to `maximumConnections` connections are opened as calls need them.
    public static func open(_ location: PostgresLocation, maximumConnections: Int = 16) throws -> PostgresStore {
        let logger = Logger(label: "fabrique.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        let configuration = try connectionConfiguration(location)
        let first = try connect(location, configuration, logger: logger)
        do {
            try PostgresMigrations.migrate(first, location: location, logger: logger)
        } catch {
            try? first.close().wait()
            throw error
        }
        let pool = PostgresPool(maximum: maximumConnections) { try connect(location, configuration, logger: logger) }
        let store = PostgresStore(location: location, pool: pool, logger: logger)
        try? first.close().wait()
        return store
    }

    private init(location: PostgresLocation, pool: PostgresPool, logger: Logger) {
        self.location = location
        self.pool = pool
        self.logger = logger
    }

    /// Closes the connections.
    public func close() { pool.close() }

    // MARK: - Connecting

    static func connectionConfiguration(_ location: PostgresLocation) throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if location.isUnixSocket {
            configuration = .init(
                unixSocketPath: location.socketPath, username: location.user, password: location.password, database: location.database)
        } else {
            configuration = .init(
                host: location.host, port: location.port, username: location.user, password: location.password,
                database: location.database, tls: try connectionTLS(location))
        }
        configuration.options.connectTimeout = connectTimeout
        return configuration
    }

    /// One connection, or the reason there is none, in the words of `StoreError.unreachable`.
    static func connect(_ location: PostgresLocation, _ configuration: PostgresConnection.Configuration, logger: Logger) throws
        -> PostgresConnection
    {
        do {
            return try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1, logger: logger
            ).wait()
        } catch {
            throw unreachable(location, error)
        }
    }

    static func connectionTLS(_ location: PostgresLocation) throws -> PostgresConnection.Configuration.TLS {
        guard let configuration = tlsConfiguration(location) else { return .disable }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw StoreError.badLocation(location.description, reason: "its TLS settings are unusable (\(error)); check sslrootcert")
        }
        return location.sslMode == .allow || location.sslMode == .prefer ? .prefer(context) : .require(context)
    }

    /// libpq's `sslmode`: `disable` never encrypts; `allow` and `prefer` encrypt when the server
    /// can, without checking its certificate; `require` insists on encryption; `verify-ca` checks
    /// the certificate against `sslrootcert`, and `verify-full` the host name too.
    static func tlsConfiguration(_ location: PostgresLocation) -> TLSConfiguration? {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch location.sslMode {
        case .disable: return nil
        case .allow, .prefer, .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        if let root = location.sslRootCert { tls.trustRoots = .file(root) }
        return tls
    }

    /// The message for a failed connection: what happened, and what to check.
    static func unreachable(_ location: PostgresLocation, _ error: any Error) -> StoreError {
        let place = location.isUnixSocket ? "the socket \(location.socketPath)" : "\(location.host) port \(location.port)"
        if let error = error as? PSQLError {
            if let state = error.serverInfo?[.sqlState] {
                let message = error.serverInfo?[.message] ?? "error \(state)"
                let check =
                    switch state {
                    case "28P01", "28000":
                        "Check the user name and the password (PGPASSWORD), and the server's pg_hba.conf"
                    case "3D000": "Check the database name, or create it (createdb \(location.database))"
                    case "53300": "The server has too many connections: lower the servers' pools or raise max_connections"
                    default: "Check the server's log"
                    }
                return .unreachable(location: location.description, reason: "the server answered: \(message)", check: check)
            }
            if error.code == .sslUnsupported {
                return .unreachable(
                    location: location.description, reason: "the server does not offer TLS",
                    check: "Enable ssl on the server, or connect with ?sslmode=prefer")
            }
            if error.code == .authMechanismRequiresPassword {
                return .unreachable(
                    location: location.description, reason: "the server asks for a password and none was given",
                    check: "Set PGPASSWORD (the password is never read from the command line's output)")
            }
            if let underlying = error.underlying { return unreachable(location, underlying) }
            return .unreachable(location: location.description, reason: "\(error.code)", check: "Check the server's log")
        }
        let reason =
            if let error = error as? ChannelError, case .connectTimeout = error {
                "no answer from \(place) within \(connectTimeout.nanoseconds / 1_000_000_000) seconds"
            } else if let error = error as? IOError {
                "\(place): \(String(cString: strerror(error.errnoCode)))"
            } else {
                "\(place): \(error)"
            }
        return .unreachable(
            location: location.description, reason: reason,
            check: "Check that the server runs and listens there (pg_isready -h \(location.host) -p \(location.port)), "
                + "and that no firewall is in the way")
    }
}
