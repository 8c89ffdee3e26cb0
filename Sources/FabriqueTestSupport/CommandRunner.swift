import Foundation

/// Runs the built `fabrique` executable as a user would, capturing its output and exit status.
public struct CommandRunner {
    /// What a run printed and returned.
    public struct Outcome {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The executable, found beside the test bundle (SwiftPM puts products in one folder).
    public let executable: URL

    /// Finds the executable or fails with a message saying how to build it.
    public init(product: String = "fabrique") throws {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Fixtures.projectRoot.appendingPathComponent(".build/debug")
        ].map { $0.appendingPathComponent(product) }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw CocoaError(
                .fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "no \(product) executable near the tests: run 'swift build --build-tests'"])
        }
        executable = found
    }

    /// Runs this executable (a copy of the built one, say, laid out as `make install` lays it out).
    public init(executable: URL) {
        self.executable = executable
    }

    /// Runs the command with arguments in a working directory, with extra environment variables.
    @discardableResult
    public func run(_ arguments: [String], in directory: URL = Fixtures.projectRoot, environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["FABRIQUE_DB"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let (status, outData, errData) = try Self.capture(process)
        return Outcome(status: status, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs a prepared process to its end and returns its status and what it wrote.
    public static func capture(_ process: Process) throws -> (status: Int32, stdout: Data, stderr: Data) {
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes concurrently so that a large output cannot block the child.
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        return (process.terminationStatus, outData, errData)
    }
}

/// A temporary folder removed when the value is released.
public final class TemporaryDirectory {
    public let url: URL

    /// Creates an empty folder.
    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("fabrique-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the folder.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes a file in the folder and returns its path; throws when it cannot be written.
    @discardableResult
    public func write(_ bytes: some Sequence<UInt8>, to name: String) throws -> String {
        let path = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// The sqlite3 shell (Debian's `sqlite3`, installed by `make deps`), to look at a database as an
/// outsider would: dumps, integrity checks, counts.
public enum SQLiteShell {
    /// What `sqlite3 DATABASE COMMAND` prints.
    public static func run(_ database: String, _ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database, command]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
