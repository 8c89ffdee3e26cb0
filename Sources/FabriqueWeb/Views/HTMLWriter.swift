import FabriqueCore
import NIOCore

/// HTML written straight into the response body's buffer: the form pages are the app's hottest
/// path, and building them from many small strings, then copying them, cost more than their logic.
/// Lines are indented under the form: six spaces at depth 0, two more or fewer per level
/// (depth -3 is the left margin).
struct HTMLWriter {
    private(set) var buffer: ByteBuffer

    init(capacity: Int = 4096) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    /// One indented line; values interpolated into `content` are escaped unless marked `raw:`.
    mutating func line(_ depth: Int, _ content: HTMLLine) {
        buffer.writeBytes(Self.indents[min(max(depth + 3, 0), Self.indents.count - 1)])
        buffer.writeBytes(content.bytes)
        buffer.writeInteger(UInt8(0x0A))
    }

    /// HTML as it is (a template's output, or bytes written before).
    mutating func raw(_ html: String) { buffer.writeString(html) }
    mutating func raw(_ html: [UInt8]) { buffer.writeBytes(html) }

    var text: String { String(buffer: buffer) }

    /// What was written, as bytes to keep.
    var bytes: [UInt8] { Array(buffer.readableBytesView) }

    private static let indents: [[UInt8]] = (0..<15).map { Array(String(repeating: " ", count: 2 * $0).utf8) }
}

/// A piece of HTML written with string interpolation: interpolated text is HTML-escaped, so that
/// forgetting to escape a value cannot happen; `\(raw:)` places markup or text escaped before.
struct HTMLLine: ExpressibleByStringInterpolation {
    fileprivate(set) var bytes: [UInt8]

    init(stringLiteral literal: String) { bytes = Array(literal.utf8) }

    init(stringInterpolation: StringInterpolation) { bytes = stringInterpolation.bytes }

    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var bytes: [UInt8] = []

        init(literalCapacity: Int, interpolationCount: Int) {
            bytes.reserveCapacity(literalCapacity + 24 * interpolationCount)
        }

        mutating func appendLiteral(_ literal: String) { bytes.append(contentsOf: literal.utf8) }
        mutating func appendInterpolation(_ text: String) { HTMLText.escape(text, into: &bytes) }
        mutating func appendInterpolation(_ number: Int) { bytes.append(contentsOf: String(number).utf8) }
        mutating func appendInterpolation(raw html: String) { bytes.append(contentsOf: html.utf8) }
        mutating func appendInterpolation(raw html: HTMLLine) { bytes.append(contentsOf: html.bytes) }
    }
}
