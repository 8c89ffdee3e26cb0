import Foundation

/// One XML parse or serialisation at a time: Foundation's XML classes on Linux share libxml2's
/// global state, and two threads using them at once crash the process.
enum XMLLock {
    private static let lock = NSLock()

    /// Runs `body` while no other thread uses the XML classes.
    static func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
