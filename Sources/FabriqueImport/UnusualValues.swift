import Synchronization

/// Counts the stored answers that break a soft limit (a question's `warning`, as REDCap's min
/// and max are imported), per variable with its first line, for the summary: such a value is
/// kept, as the source tool kept it, and said.
final class UnusualValues: Sendable {
    private struct Count {
        var values = 0
        var firstLine = Int.max
    }

    private let counts = Mutex<[String: Count]>([:])

    /// Records the warned variables of one stored row.
    func record(line: Int, fields: [String]) {
        counts.withLock { counts in
            for field in fields {
                counts[field, default: Count()].values += 1
                counts[field]!.firstLine = min(counts[field]!.firstLine, line)
            }
        }
    }

    /// One warning per variable, in name order.
    var warnings: [String] {
        counts.withLock { counts in
            counts.sorted { $0.key < $1.key }.map { field, count in
                "\(count.values) value(s) of \(field) are outside its expected range (its 'warning' is false) and were stored, "
                    + "as the source tool accepted them (first: line \(count.firstLine))"
            }
        }
    }
}
