/// A page number read from a query string. Any text gives a page between 1 and `limit`, so that
/// the row offset computed from it can never overflow (`?page=9223372036854775807` once ended the
/// process) and a database is never asked to skip more rows than it could hold.
struct PageNumber: Equatable {
    /// No listing has more pages than this (a million pages of 50 rows).
    static let limit = 1_000_000
    let value: Int

    /// The page a query asks for: a missing or malformed value is page 1, a larger one than the
    /// limit is the limit.
    init(query text: Substring?) {
        guard let text, !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            value = 1
            return
        }
        let significant = text.drop { $0 == "0" }
        // Seven digits already pass the limit; Int(...) would fail past Int.max.
        value = significant.count > 7 ? Self.limit : max(1, min(Int(significant) ?? 1, Self.limit))
    }

    private init(value: Int) {
        self.value = value
    }

    /// The same page, or the last one of `total` rows when it asks for more.
    func clamped(total: Int, pageSize: Int) -> PageNumber {
        PageNumber(value: min(value, max(1, (total + pageSize - 1) / pageSize)))
    }

    /// The rows to skip before this page: at most `limit × pageSize`, far from overflowing.
    func offset(pageSize: Int) -> Int {
        (value - 1) * pageSize
    }
}
