import Foundation

/// Runs a fuzzer's entry point outside libFuzzer: each file given (or each file of each folder
/// given) is one input. The plain build of a fuzz target is this replayer, so that a crash
/// file replays under the debugger and the targets keep compiling with the rest of the package.
public enum FuzzReplay {
    /// Feeds every input named by `arguments` to `body`; returns how many were fed.
    @discardableResult
    public static func run(_ arguments: [String], _ body: (UnsafeRawBufferPointer) -> Void) -> Int {
        var count = 0
        for path in arguments.flatMap(files(at:)) {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                continue
            }
            data.withUnsafeBytes(body)
            count += 1
        }
        print("replayed \(count) inputs")
        return count
    }

    /// The path itself, or the regular files of a folder in name order.
    static func files(at path: String) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { path + "/" + $0 }
    }
}
