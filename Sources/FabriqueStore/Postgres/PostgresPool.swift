import Foundation
import Logging
import NIOCore
import PostgresNIO

/// A pool of PostgreSQL connections for the store's synchronous interface.
///
/// The store is synchronous, like GRDB (reports compute on threads of their own), so its calls
/// wait on PostgresNIO's futures; those complete on NIO's event loops, never on the caller's
/// threads, so no wait can starve the thread pool it runs on. PostgresClient, PostgresNIO's own
/// pool, is async only: waiting on it from a thread of Swift's cooperative pool (a web handler)
/// could deadlock once every thread of that pool waits (docs/architecture.md, "Two engines").
final class PostgresPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    private var open = 0
    private var closed = false
    let maximum: Int
    private let connect: @Sendable () throws -> PostgresConnection

    init(maximum: Int, connect: @escaping @Sendable () throws -> PostgresConnection) {
        self.maximum = maximum
        self.connect = connect
    }

    /// Runs `body` with a connection of its own; a connection the server closed is not reused.
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try checkOut()
        defer { checkIn(connection) }
        return try body(connection)
    }

    deinit { close() }

    /// Closes every idle connection; connections in use close when they come back.
    func close() {
        condition.lock()
        closed = true
        let connections = idle
        idle = []
        open -= connections.count
        condition.broadcast()
        condition.unlock()
        for connection in connections { try? connection.close().wait() }
    }

    private func checkOut() throws -> PostgresConnection {
        condition.lock()
        while idle.isEmpty && open >= maximum && !closed { condition.wait() }
        if let connection = idle.popLast() {
            condition.unlock()
            return connection
        }
        open += 1
        condition.unlock()
        do {
            return try connect()
        } catch {
            condition.lock()
            open -= 1
            condition.signal()
            condition.unlock()
            throw error
        }
    }

    private func checkIn(_ connection: PostgresConnection) {
        condition.lock()
        let keep = !connection.isClosed && !closed
        if keep { idle.append(connection) } else { open -= 1 }
        condition.signal()
        condition.unlock()
        if !keep { try? connection.close().wait() }
    }
}
