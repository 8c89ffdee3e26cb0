import Foundation
import ZIPFoundation

/// The zip container of a REFI-QDA project (`.qdpx`): `project.qde` and the `Sources/` folder.
public enum QDAArchive {
    /// The bytes of one entry, nil where the archive lacks it.
    public static func entry(_ path: String, in data: Data) throws -> Data? {
        let archive = try Archive(data: data, accessMode: .read)
        guard let entry = archive[path] else { return nil }
        var bytes = Data()
        _ = try archive.extract(entry, skipCRC32: false) { bytes.append($0) }
        return bytes
    }

    /// The paths of the archive's files.
    public static func paths(in data: Data) throws -> [String] {
        try Archive(data: data, accessMode: .read).filter { $0.type == .file }.map(\.path)
    }
}

extension QDAArchive {
    /// A zip of the entries, in order, with fixed dates (how `QDAWriter` packs a project).
    public static func make(_ entries: [(path: String, data: Data)]) throws -> Data { try XMLWriting.zip(entries) }
}
