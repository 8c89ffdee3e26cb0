import Foundation

/// Where the data fabrique ships with (seeds/, surveys/, analyses/) is found, so that the command
/// works from any folder: a relative path that exists from the current folder is used as it is
/// (the project folder, or a user's own copy); otherwise it is looked up in `$FABRIQUE_DATA`, in
/// `PREFIX/share/fabrique` beside an installed binary (`make install`), and in the project folder
/// of a binary built under `.build/`.
enum DataFolder {
    /// `path` itself when it exists or is absolute, else the first data folder that holds it.
    static func resolve(_ path: String) -> String {
        guard !path.hasPrefix("/"), !FileManager.default.fileExists(atPath: path) else { return path }
        for base in candidates {
            let candidate = (base as NSString).appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return path
    }

    /// The folders searched, in order.
    static var candidates: [String] {
        var folders: [String] = []
        if let data = ProcessInfo.processInfo.environment["FABRIQUE_DATA"], !data.isEmpty { folders.append(data) }
        let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        folders.append(binary.deletingLastPathComponent().appendingPathComponent("share/fabrique").path)
        // .build/debug/fabrique (a link to .build/<triple>/debug/fabrique) in a project folder.
        var folder = binary
        while folder.path != "/" {
            if folder.lastPathComponent == ".build" {
                folders.append(folder.deletingLastPathComponent().path)
                break
            }
            folder.deleteLastPathComponent()
        }
        return folders
    }
}
