import FabriqueCore
import NIOCore

/// Answer values on PostgreSQL: stored as the text SQLite gives back, and written in COPY's format.
enum PostgresValues {
    /// The text a value reads back as from SQLite's column of that affinity (`AppDatabase.canonicalText`):
    /// an integer column keeps integers as integers (`+7` reads `7`), a real or numeric column keeps
    /// numbers as SQLite's doubles read back (`2.50` reads `2.5`); anything else stays as given.
    static func stored(_ text: String, affinity: String) -> String {
        switch affinity {
        case "INTEGER": return Int64(text).map(String.init) ?? text
        case "REAL": return Double(text).map(AnswerParsing.canonical) ?? text
        case "NUMERIC":
            if let number = Int64(text) { return String(number) }
            return Double(text).map(AnswerParsing.canonical) ?? text
        default: return text
        }
    }

    /// Appends a batch's rows in COPY's text format: `ordinal, line, id, digest, values…`, tab
    /// separated, `\N` for no answer, backslash, tab, newline and carriage return escaped.
    static func appendCopyRows(_ batch: ResponseBatch, affinities: [String], firstOrdinal: Int, to buffer: inout ByteBuffer) {
        let text = affinities.map { $0 == "TEXT" }
        batch.withUnsafeValues { raw, lengths in
            for row in 0..<batch.count {
                buffer.writeString(String(firstOrdinal + row))
                buffer.writeInteger(UInt8(ascii: "\t"))
                buffer.writeString(String(batch.lines[row]))
                buffer.writeInteger(UInt8(ascii: "\t"))
                appendEscaped(UnsafeRawBufferPointer(rebasing: raw[batch.ids[row]]), to: &buffer)
                buffer.writeInteger(UInt8(ascii: "\t"))
                buffer.writeBytes(UnsafeRawBufferPointer(rebasing: raw[batch.digests[row]]))
                var start = batch.rowStarts[row]
                for position in 0..<batch.width {
                    let length = lengths[row * batch.width + position]
                    buffer.writeInteger(UInt8(ascii: "\t"))
                    if length < 0 {
                        buffer.writeStaticString("\\N")
                    } else {
                        let bytes = UnsafeRawBufferPointer(rebasing: raw[start..<(start + Int(length))])
                        if text[position] {
                            appendEscaped(bytes, to: &buffer)
                        } else {
                            appendEscaped(stored(String(decoding: bytes, as: UTF8.self), affinity: affinities[position]), to: &buffer)
                        }
                    }
                    start += ResponseBatch.advance(length)
                }
                buffer.writeInteger(UInt8(ascii: "\n"))
            }
        }
    }

    static func appendEscaped(_ text: String, to buffer: inout ByteBuffer) {
        var text = text
        text.withUTF8 { appendEscaped(UnsafeRawBufferPointer($0), to: &buffer) }
    }

    /// Bytes as COPY's text format reads them: a value without a special byte goes in one copy.
    static func appendEscaped(_ bytes: UnsafeRawBufferPointer, to buffer: inout ByteBuffer) {
        guard bytes.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") })
        else {
            buffer.writeBytes(bytes)
            return
        }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }
}
