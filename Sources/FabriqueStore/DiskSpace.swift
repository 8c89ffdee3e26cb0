import Foundation

/// Free space on the disk under a database file, to tell a full disk from another I/O error:
/// SQLite reports a full disk met while syncing or checkpointing as an I/O error.
enum DiskSpace {
    /// Below this many free bytes a disk counts as full (SQLite needs a few pages to commit).
    static let fullBelow: Int64 = 1 << 20

    /// True when the file system holding `path` (or its folder) has almost no free space left.
    static func isFull(at path: String) -> Bool {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        for candidate in [path, folder] {
            if let attributes = try? FileManager.default.attributesOfFileSystem(forPath: candidate),
                let free = (attributes[.systemFreeSize] as? NSNumber)?.int64Value
            {
                return free < fullBelow
            }
        }
        return false
    }
}
