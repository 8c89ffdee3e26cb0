#if canImport(Glibc)
    import Glibc
#else
    import Foundation
#endif

/// Decides, chunk by chunk, whether libcsv may use its built-in space test. That test trims
/// spaces (and tabs, unless the tab is the delimiter) at the start and end of unquoted fields and
/// after a closing quote, and it costs nothing; fabrique keeps those spaces (they are data, RFC
/// 4180) through a space function that libcsv calls for every byte of an unquoted field, about a
/// twentieth of an import's time. Where a chunk has no space that the built-in test would trim,
/// both read it alike, and the built-in test is used.
///
/// A space is suspect when it follows a delimiter, a line break, a quote (a closing one: text
/// after it) or the start of the input, or precedes a delimiter, a line break or the end of the
/// chunk, outside quoted fields (quote parity from the start of the input; inside a quoted field
/// libcsv consults no space test). Suspect is conservative: a chunk is never read with the
/// built-in test when it could differ. Quote parity holds only while every quote opens a field,
/// closes one or doubles another: from the first quote that does none of these (a bare quote
/// inside an unquoted field, `37°36'37.8"N`, which the reader keeps as a literal quote), every
/// chunk is suspect (found by the fuzzer: the parity had put a field's leading space inside quotes).
struct EdgeSpaceScan {
    let delimiter: UInt8
    let quote: UInt8 = 0x22
    /// What libcsv's built-in test takes for spaces: the space, and the tab unless it is the delimiter.
    let spaces: [UInt8]
    /// Whether the next chunk starts inside a quoted field.
    private(set) var inQuotes = false
    /// The last byte of the previous chunk; nil at the start of the input.
    private var previous: UInt8?
    /// Whether a quote has broken the parity, so that `inQuotes` can no longer be trusted.
    private(set) var parityLost = false

    init(delimiter: UInt8) {
        self.delimiter = delimiter
        spaces = delimiter == 0x09 ? [0x20] : [0x20, 0x09]
    }

    /// Whether the chunk must be read keeping every space (libcsv's built-in test could trim one).
    mutating func keepsSpaces(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        let count = bytes.count
        defer { previous = bytes[count - 1] }
        if parityLost { return true }
        var suspect = false
        var index = 0
        while index < count {
            let found = memchr(base + index, Int32(quote), count - index)
            let end = found.map { $0 - UnsafeMutableRawPointer(mutating: base) } ?? count
            if !suspect, !inQuotes, hasEdgeSpace(bytes, from: index, to: end) { suspect = true }
            guard end < count else { break }
            if !inQuotes {
                // An opening quote follows an edge; the second quote of a doubled pair follows a quote.
                let before = end > 0 ? bytes[end - 1] : previous
                if let before, !isEdge(before), before != quote {
                    parityLost = true
                    return true
                }
            }
            inQuotes.toggle()
            index = end + 1
        }
        return suspect
    }

    /// Whether a space of the unquoted bytes `from ..< to` touches a field's edge.
    private func hasEdgeSpace(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Bool {
        guard start < end, let base = bytes.baseAddress else { return false }
        for space in spaces {
            var index = start
            while index < end, let found = memchr(base + index, Int32(space), end - index) {
                let position = found - UnsafeMutableRawPointer(mutating: base)
                let before = position > 0 ? bytes[position - 1] : previous
                if before.map({ isEdge($0) || $0 == quote }) ?? true { return true }
                if position + 1 >= bytes.count || isEdge(bytes[position + 1]) { return true }
                index = position + 1
            }
        }
        return false
    }

    private func isEdge(_ byte: UInt8) -> Bool {
        byte == delimiter || byte == 0x0A || byte == 0x0D
    }
}
