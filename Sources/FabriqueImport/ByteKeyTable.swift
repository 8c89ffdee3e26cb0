import FabriqueCore

/// Distinct byte strings numbered 0, 1, 2… in the order they were first added, at most `limit`
/// of them. A bulk import meets the same codes, numbers and dates in a column again and again:
/// finding a value's number from its bytes lets a validating thread reuse what it already
/// derived from that value, without making a Swift string of it and hashing it (SipHash and
/// Unicode normalization), which cost more than the rest of the work on the value.
///
/// The hash is seeded at random per table, so that a crafted file cannot aim its values at one
/// bucket; and the table never holds more than `limit` keys, so a probe stays short.
struct ByteKeyTable {
    let limit: Int
    /// The keys, numbered (keys over 8 bytes are compared there).
    private var keys = ByteArena()
    /// Open addressing, twice as many slots as keys at most.
    private var slots: [Slot]
    private var mask: Int
    private let seed: UInt64

    /// A key's place: its first 8 bytes, and in `meta` the top 32 bits of its hash, its length
    /// (255 for 255 and more) and its number plus one (0 for an empty slot). A key of 8 bytes or
    /// fewer (most codes, numbers and dates) is found from its slot alone, without a trip to
    /// the key bytes: lookups from ninety columns in turn miss the processor's cache anyway.
    private struct Slot {
        var prefix: UInt64 = 0
        var meta: UInt64 = 0
    }

    /// An empty table for up to `limit` keys. It starts small and doubles as keys come: most
    /// columns hold a few codes, and small tables stay in the cache.
    init(limit: Int) {
        precondition(limit > 0 && limit < 1 << 24)
        self.limit = limit
        slots = Array(repeating: Slot(), count: 16)
        mask = 15
        seed = UInt64.random(in: .min ... .max)
    }

    /// The number of keys.
    /// The number of keys (kept here rather than asked of the arena: `ColumnValues` reads it on
    /// every value, and reading it through the arena retained the arena's arrays each time).
    private(set) var count = 0

    /// Whether no more keys can be added.
    var isFull: Bool { count >= limit }

    /// The number of these bytes, adding them when they are new and the table has room; nil when
    /// they are new and the table is full.
    mutating func number(of key: UnsafeRawBufferPointer) -> Int? {
        let (hash, prefix) = Self.hash(key, seed: seed)
        let identity = Self.identity(hash: hash, length: key.count)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry.meta == 0 { break }
            if entry.meta & Self.identityMask == identity, entry.prefix == prefix {
                let number = Int(truncatingIfNeeded: entry.meta & 0xFF_FFFF) - 1
                if key.count <= 8 || keys.matches(number, key) { return number }
            }
            slot = (slot + 1) & mask
        }
        guard !isFull else { return nil }
        let number = keys.append(key)
        count += 1
        if 2 * (number + 1) > slots.count {
            grow()
        } else {
            slots[slot] = Slot(prefix: prefix, meta: identity | UInt64(number + 1))
        }
        return number
    }

    private static let identityMask: UInt64 = 0xFFFF_FFFF_FF00_0000

    private static func identity(hash: UInt64, length: Int) -> UInt64 {
        (hash & 0xFFFF_FFFF_0000_0000) | (UInt64(min(length, 255)) << 24)
    }

    /// Doubles the slots and places every key again.
    private mutating func grow() {
        slots = Array(repeating: Slot(), count: slots.count * 2)
        mask = slots.count - 1
        keys.forEachString { number, key in
            let (hash, prefix) = Self.hash(key, seed: seed)
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot].meta != 0 { slot = (slot + 1) & mask }
            slots[slot] = Slot(prefix: prefix, meta: Self.identity(hash: hash, length: key.count) | UInt64(number + 1))
        }
    }

    /// A 64-bit mix of the bytes, eight at a time, and the first 8 bytes (zero-padded).
    static func hash(_ key: UnsafeRawBufferPointer, seed: UInt64) -> (hash: UInt64, prefix: UInt64) {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = seed ^ (UInt64(key.count) &* multiplier)
        var prefix: UInt64 = 0
        var offset = 0
        while offset + 8 <= key.count {
            let word = key.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            if offset == 0 { prefix = word }
            hash = ((hash ^ word) &* multiplier).rotatedLeft(29)
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < key.count {
            tail |= UInt64(key[offset]) << shift
            shift += 8
            offset += 1
        }
        if key.count < 8 { prefix = tail }
        hash = (hash ^ tail) &* multiplier
        return (hash ^ (hash >> 32), prefix)
    }
}

extension UInt64 {
    fileprivate func rotatedLeft(_ count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}
