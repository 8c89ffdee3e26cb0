/// Something an import changed or noticed in a value without refusing its row, reported in the
/// summary so that nothing changes silently.
enum ImportNote: Int, CaseIterable, Sendable {
    /// A date question's value held a time, which a date cannot keep.
    case timeDropped
    /// A date such as 9/10/2015, read in the order in force.
    case ambiguousDate
    /// A date whose first number is over 12 (15/03/2024): day first.
    case dayFirstDate
    /// A date whose second number is over 12 (03/15/2024): month first.
    case monthFirstDate
    /// `n/a` in a non-text question, read as no answer.
    case notApplicableMarker
    /// A `calculate` column whose value differs from fabrique's computation.
    case calculationDiffers
    /// A select_multiple's summary column that disagrees with its split columns.
    case summaryDiffers
}

/// What the per-row checks of one batch found: cells of unmatched columns, and counted notes
/// with their first example. The writer merges batches in file order, so "first" is the file's first.
struct ImportChecks: Sendable {
    /// One note's count and first example.
    struct Tally: Sendable {
        var count = 0
        var first: (line: Int, column: String, detail: String)?
    }

    /// Non-empty cells per column, counted for unmatched columns only.
    var filledCells: [Int]
    /// Each note's tally, by `ImportNote.rawValue`.
    var tallies = Array(repeating: Tally(), count: ImportNote.allCases.count)

    /// No findings yet, for a file of `columns` columns.
    init(columns: Int) {
        filledCells = Array(repeating: 0, count: columns)
    }

    /// Counts a note; the detail is made only for the first one.
    mutating func note(_ kind: ImportNote, line: Int, column: String, detail: @autoclosure () -> String) {
        tallies[kind.rawValue].count += 1
        if tallies[kind.rawValue].first == nil { tallies[kind.rawValue].first = (line, column, detail()) }
    }

    /// Adds a later batch's findings.
    mutating func merge(_ other: ImportChecks) {
        for index in filledCells.indices where index < other.filledCells.count { filledCells[index] += other.filledCells[index] }
        for index in tallies.indices {
            tallies[index].count += other.tallies[index].count
            if tallies[index].first == nil { tallies[index].first = other.tallies[index].first }
        }
    }

    /// The count and first example of a note.
    subscript(kind: ImportNote) -> Tally { tallies[kind.rawValue] }
}
