import Logging
import PostgresNIO

extension PostgresStore {
    /// Runs one statement on a connection of the pool (its own transaction).
    @discardableResult
    func query(_ query: PostgresQuery, doing: String) throws -> PostgresQueryResult {
        do {
            return try pool.withConnection { connection in try connection.run(query, logger) }
        } catch {
            throw Self.wrap(error, doing: doing, location: location)
        }
    }

    /// Runs `body` in one transaction on one connection: it commits whole, or (on any error)
    /// nothing of it is written.
    func transaction<T>(doing: String, _ body: (PostgresConnection) throws -> T) throws -> T {
        do {
            return try pool.withConnection { connection in try connection.transaction(logger, body) }
        } catch {
            throw Self.wrap(error, doing: doing, location: location)
        }
    }

    /// A store error for `error`, without SQL text: the server's message, or why it is unreachable.
    static func wrap(_ error: any Error, doing: String, location: PostgresLocation) -> any Error {
        if error is StoreError { return error }
        guard let error = error as? PSQLError else { return error }
        if let message = error.serverInfo?[.message] {
            var reason = message
            if let detail = error.serverInfo?[.detail] { reason += " (\(detail))" }
            return StoreError.database(doing: doing, reason: reason)
        }
        return unreachable(location, error)
    }
}

extension PostgresConnection {
    /// Runs one statement and waits for its rows (on NIO's event loop, not on the caller's thread).
    @discardableResult
    func run(_ query: PostgresQuery, _ logger: Logger) throws -> PostgresQueryResult {
        try self.query(query, logger: logger).wait()
    }

    /// `body` between BEGIN and COMMIT; ROLLBACK when it throws.
    func transaction<T>(_ logger: Logger, _ body: (PostgresConnection) throws -> T) throws -> T {
        try run("BEGIN", logger)
        do {
            let result = try body(self)
            try run("COMMIT", logger)
            return result
        } catch {
            _ = try? run("ROLLBACK", logger)
            throw error
        }
    }
}
