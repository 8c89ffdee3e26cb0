import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// A minimal W3C WebDriver client over HTTP/JSON, enough to drive headless Chromium through
/// Debian's `chromedriver`: sessions, elements, clicks, keys, scripts and screenshots.
final class WebDriver {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let process: Process
    private let port: Int
    private(set) var session = ""

    /// Starts chromedriver on a free port and opens a headless Chromium session.
    static func start(width: Int = 390, height: Int = 900) async throws -> WebDriver {
        guard let driver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].first(where: FileManager.default.isExecutableFile) else {
            throw Failure(description: "chromedriver is not installed: run 'make deps' (Debian packages chromium and chromium-driver)")
        }
        let port = Int.random(in: 20_000..<40_000)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: driver)
        process.arguments = ["--port=\(port)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let client = WebDriver(process: process, port: port)
        for _ in 0..<100 {
            if let status = try? await client.call("GET", "/status"), (status["ready"] as? Bool) == true { break }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        let binary = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: FileManager.default.isExecutableFile) ?? "/usr/bin/chromium"
        let created = try await client.call(
            "POST", "/session",
            [
                "capabilities": [
                    "alwaysMatch": [
                        "browserName": "chrome",
                        "goog:chromeOptions": [
                            "binary": binary,
                            "args": [
                                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=\(width),\(height)",
                                "--lang=fr-FR"
                            ]
                        ]
                    ]
                ]
            ])
        guard let id = (created["value"] as? [String: Any])?["sessionId"] as? String else {
            throw Failure(description: "no WebDriver session: \(created)")
        }
        client.session = id
        return client
    }

    private init(process: Process, port: Int) {
        self.process = process
        self.port = port
    }

    /// Ends the session and the driver.
    func quit() async {
        if !session.isEmpty { _ = try? await call("DELETE", "/session/\(session)") }
        // Foundation's waitUntilExit can block forever on Linux; poll briefly instead.
        process.terminate()
        for _ in 0..<50 where process.isRunning { try? await Task.sleep(nanoseconds: 20_000_000) }
    }

    func open(_ url: String) async throws { _ = try await call("POST", "/session/\(session)/url", ["url": url]) }

    func currentURL() async throws -> String { try await call("GET", "/session/\(session)/url")["value"] as? String ?? "" }

    func source() async throws -> String { try await call("GET", "/session/\(session)/source")["value"] as? String ?? "" }

    /// The first element matching a CSS selector, or nil.
    func find(_ css: String) async throws -> String? {
        let result = try? await call("POST", "/session/\(session)/element", ["using": "css selector", "value": css])
        return (result?["value"] as? [String: Any])?.values.first as? String
    }

    /// The first element matching a CSS selector, or a failure naming the selector.
    func element(_ css: String) async throws -> String {
        guard let id = try await find(css) else { throw Failure(description: "no element matches \(css)") }
        return id
    }

    func click(_ css: String) async throws {
        _ = try await call("POST", "/session/\(session)/element/\(try await element(css))/click", [:])
    }

    /// Clears a field and types into it, as a user would.
    func type(_ css: String, _ text: String) async throws {
        let id = try await element(css)
        _ = try await call("POST", "/session/\(session)/element/\(id)/clear", [:])
        _ = try await call("POST", "/session/\(session)/element/\(id)/value", ["text": text])
    }

    /// Whether an element matching the selector is shown. An element found on a page that the
    /// browser then leaves (a poll racing a navigation) is stale: it is no longer in any page,
    /// so it is not shown.
    func isDisplayed(_ css: String) async throws -> Bool {
        guard let id = try await find(css) else { return false }
        do {
            return try await call("GET", "/session/\(session)/element/\(id)/displayed")["value"] as? Bool ?? false
        } catch let failure as Failure where failure.description.contains("stale element reference") {
            return false
        }
    }

    /// Runs a script in the page and returns its value.
    func script(_ source: String) async throws -> Any? {
        try await call("POST", "/session/\(session)/execute/sync", ["script": source, "args": []])["value"]
    }

    /// A PNG of the window.
    func screenshot() async throws -> Data {
        guard let text = try await call("GET", "/session/\(session)/screenshot")["value"] as? String, let data = Data(base64Encoded: text) else {
            throw Failure(description: "no screenshot")
        }
        return data
    }

    @discardableResult
    private func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
        var headers = HTTPFields()
        var buffer: ByteBuffer? = nil
        if let body {
            buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
            headers[.contentType] = "application/json"
        }
        if let trace = ProcessInfo.processInfo.environment["WEBDRIVER_TRACE"], let file = FileHandle(forWritingAtPath: trace) {
            file.seekToEndOfFile()
            file.write(Data("\(Date().timeIntervalSince1970) \(method) \(path) \(body.map { "\($0)" } ?? "")\n".utf8))
            try? file.close()
        }
        let request = TestClient.Request(path, method: HTTPRequest.Method(method)!, authority: "127.0.0.1:\(port)", headers: headers, body: buffer)
        let response = try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(60))) { client in
            try await client.execute(request)
        }
        let data = Data(response.body.map { Array($0.readableBytesView) } ?? [])
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        if let value = object["value"] as? [String: Any], let error = value["error"] as? String {
            throw Failure(description: "WebDriver \(method) \(path): \(error): \(value["message"] ?? "")")
        }
        return path == "/status" ? (object["value"] as? [String: Any] ?? [:]) : object
    }
}
