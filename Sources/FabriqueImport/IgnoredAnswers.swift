import Synchronization

/// Counts answers given to questions that did not apply, with the first example, for the summary.
final class IgnoredAnswers: Sendable {
    private struct Counts {
        var total = 0
        var rows = 0
        var first: (line: Int, field: String)?
    }

    private let counts = Mutex(Counts())

    func record(line: Int, field: String, count: Int) {
        counts.withLock { counts in
            counts.total += count
            counts.rows += 1
            if counts.first == nil || line < counts.first!.line { counts.first = (line, field) }
        }
    }

    /// The summary's warning, or nil when every answer applied.
    var warning: String? {
        counts.withLock { counts in
            guard let first = counts.first else { return nil }
            return
                "\(counts.total) answer(s) in \(counts.rows) row(s) were not stored because their question did not apply under the survey's "
                + "skip logic (first: line \(first.line), \(first.field))"
        }
    }
}
