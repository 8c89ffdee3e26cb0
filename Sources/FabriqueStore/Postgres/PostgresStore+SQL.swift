import Logging
import PostgresNIO

extension PostgresStore {
    /// Every row of a query.
    func rows(_ query: PostgresQuery, doing: String) async throws -> [PostgresRow] {
        do {
            return try await client.query(query, logger: logger).collect()
        } catch {
            throw Self.wrap(error, doing: doing, location: location)
        }
    }

    /// Runs `body` in one transaction: it commits whole, or (on any error) nothing of it is written.
    func transaction<T>(doing: String, _ body: (PostgresConnection) async throws -> sending T) async throws -> sending T {
        do {
            return try await client.withTransaction(logger: logger, body)
        } catch {
            throw Self.wrap(error, doing: doing, location: location)
        }
    }

    /// A store error for `error`, without SQL text: the server's message, or why it is unreachable.
    static func wrap(_ error: any Error, doing: String, location: PostgresLocation) -> any Error {
        if let error = error as? PostgresTransactionError {
            if let inner = error.closureError ?? error.beginError ?? error.commitError { return wrap(inner, doing: doing, location: location) }
        }
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

extension PostgresRowSequence {
    /// Every row, in order.
    func collect() async throws -> [PostgresRow] {
        var rows: [PostgresRow] = []
        for try await row in self { rows.append(row) }
        return rows
    }
}
