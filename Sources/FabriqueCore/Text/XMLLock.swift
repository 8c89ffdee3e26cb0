import Foundation

/// Foundation's XML classes (`XMLParser`, `XMLDocument`) run on libxml2 on Linux, which crashed
/// when two threads used them at once (parallel tests did). Every use of them in fabrique and
/// its tests goes through this one process-wide lock; XML work is small beside the rest.
public enum XMLLock {
    private static let lock = NSLock()

    /// Runs `body` while no other thread uses the XML classes.
    public static func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
