/// Decides between UTF-8 and Windows-1252 by checking that every byte sequence is valid UTF-8,
/// chunk by chunk, so memory does not depend on the file size.
struct UTF8Validator {
    /// Continuation bytes still expected by the sequence in progress.
    private var pending = 0
    /// Bounds for the second byte of 3- and 4-byte sequences (overlongs, surrogates, > U+10FFFF).
    private var secondLow: UInt8 = 0x80
    private var secondHigh: UInt8 = 0xBF
    private var atSecond = false
    private(set) var isValid = true

    /// Feeds bytes; once invalid, stays invalid.
    mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        guard isValid else { return }
        var index = 0
        let count = bytes.count
        while index < count {
            // Fast path: eight ASCII bytes at a time.
            if pending == 0, index + 8 <= count {
                let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            index += 1
            if pending == 0 {
                switch byte {
                case 0x00...0x7F: continue
                case 0xC2...0xDF: begin(1, 0x80, 0xBF)
                case 0xE0: begin(2, 0xA0, 0xBF)
                case 0xE1...0xEC, 0xEE, 0xEF: begin(2, 0x80, 0xBF)
                case 0xED: begin(2, 0x80, 0x9F)
                case 0xF0: begin(3, 0x90, 0xBF)
                case 0xF1...0xF3: begin(3, 0x80, 0xBF)
                case 0xF4: begin(3, 0x80, 0x8F)
                default:
                    isValid = false
                    return
                }
            } else {
                let (low, high): (UInt8, UInt8) = atSecond ? (secondLow, secondHigh) : (0x80, 0xBF)
                guard byte >= low, byte <= high else {
                    isValid = false
                    return
                }
                atSecond = false
                pending -= 1
            }
        }
    }

    private mutating func begin(_ continuation: Int, _ low: UInt8, _ high: UInt8) {
        pending = continuation
        secondLow = low
        secondHigh = high
        atSecond = true
    }

    /// Whether the input ended on a complete sequence.
    var isComplete: Bool { isValid && pending == 0 }
}

/// Windows-1252 to Unicode. It differs from Latin-1 in 0x80–0x9F, where French text has
/// €, œ, Œ, ’, “ ” and «…» neighbours that Latin-1 would turn into control characters.
enum Windows1252 {
    static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178
    ]

    /// The character a byte stands for.
    static func scalar(_ byte: UInt8) -> Unicode.Scalar {
        Unicode.Scalar((0x80...0x9F).contains(byte) ? high[Int(byte) - 0x80] : UInt32(byte))!
    }

    /// Encodes text for a Windows-1252 file; characters it lacks become '?'.
    static func encode(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { scalar in
            if scalar.value < 0x80 || (0xA0...0xFF).contains(scalar.value) { return UInt8(scalar.value) }
            if let index = high.firstIndex(of: scalar.value) { return UInt8(0x80 + index) }
            return UInt8(ascii: "?")
        }
    }
}
