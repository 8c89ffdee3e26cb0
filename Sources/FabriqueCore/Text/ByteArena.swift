import Foundation

/// Byte strings stored end to end in one array and numbered in the order they were added: key
/// `n` is `bytes[ends[n] ..< ends[n + 1]]`. The one store behind the byte-keyed lookups of the
/// import's hot path (`ByteKeyTable`'s hashed keys, `ChoiceCodes`' codes): comparing bytes
/// there, rather than making Swift strings to hash, is what makes them cheap.
///
/// Inlinable, because the import's `ByteKeyTable` uses it from another module on every value it
/// has not numbered yet and on every key over 8 bytes (dates): inlined, those comparisons are a
/// `memcmp` in place, without a call that retains and releases the arena's arrays.
package struct ByteArena: Sendable {
    @usableFromInline var bytes: [UInt8] = []
    @usableFromInline var ends: [Int] = [0]

    package init() {}

    /// The number of strings.
    @inlinable package var count: Int { ends.count - 1 }

    /// Adds a string and returns its number.
    @inlinable @discardableResult
    package mutating func append(_ key: UnsafeRawBufferPointer) -> Int {
        bytes.append(contentsOf: key)
        ends.append(bytes.count)
        return count - 1
    }

    /// Whether string `number` is these bytes.
    @inlinable package func matches(_ number: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        first(matching: key, in: number..<number + 1) != nil
    }

    /// The first of these strings that is these bytes, or nil.
    @inlinable package func first(matching key: UnsafeRawBufferPointer, in numbers: Range<Int>) -> Int? {
        bytes.withUnsafeBufferPointer { stored in
            ends.withUnsafeBufferPointer { ends in
                for number in numbers where ends[number + 1] - ends[number] == key.count {
                    guard let base = key.baseAddress, key.count > 0 else { return number }
                    if memcmp(stored.baseAddress! + ends[number], base, key.count) == 0 { return number }
                }
                return nil
            }
        }
    }

    /// Calls `body` with the bytes of every string, in number order.
    package func forEachString(_ body: (Int, UnsafeRawBufferPointer) -> Void) {
        bytes.withUnsafeBytes { stored in
            for number in 0..<count { body(number, UnsafeRawBufferPointer(rebasing: stored[ends[number]..<ends[number + 1]])) }
        }
    }
}
