import FabriqueCore

/// What one validating thread has made of each column's values: the assembler's text for the
/// validator (codes from labels, multi-select conventions…) and its problem, by the value's
/// bytes, for up to `limit` distinct values per column. Not thread-safe: one per thread.
final class ColumnValues {
    /// What one column keeps: its values' numbers, what was made of each, and whether its table
    /// is still worth searching.
    private struct Column {
        var table: ByteKeyTable
        var made: [(text: String, problem: String?, notes: ValueNotes)] = []
        /// Whether this column is the only one giving its field's answer, so that its numbers
        /// can stand for the field's raw text in the workspace (`ValidationWorkspace.setKey`).
        let numbersField: Bool
        /// Once the table is full: values looked up and found. A full table that finds fewer
        /// than one value in four (amounts, dates, phone numbers: nearly every value new) is no
        /// longer searched: hashing and probing it would cost more than it saves.
        var fullLookups = 0
        var fullHits = 0
        var searched = true
    }

    /// The columns, in memory of their own behind a constant pointer: as a class's array they
    /// would pay a dynamic exclusivity check on every access, one per value of every row (4.8 %
    /// more instructions for the whole import, cachegrind at 20,000 rows, 2026-12-07).
    private let columns: UnsafeMutableBufferPointer<Column>
    static let judgedAfter = 2048

    init(plan: ColumnPlan, limit: Int = 512) {
        // A field answered by one whole-answer column only; options, ranks and "other" texts
        // build their field's text from several columns.
        var wholeColumns: [Int: Int] = [:]
        var builtFields: Set<Int> = []
        for role in plan.roles {
            switch role {
            case .variable(let field): wholeColumns[field, default: 0] += 1
            case .option(let field, _), .rankPosition(let field, _): builtFields.insert(field)
            case .otherText(let field, let otherField): builtFields.formUnion([field, otherField])
            case .responseId, .ignored, .unmatched, .calculated: break
            }
        }
        columns = .allocate(capacity: plan.roles.count)
        _ = columns.initialize(
            from: plan.roles.map { role in
                let numbersField = if case .variable(let field) = role { wholeColumns[field] == 1 && !builtFields.contains(field) } else { false }
                return Column(table: ByteKeyTable(limit: limit), numbersField: numbersField)
            })
    }

    deinit {
        columns.deinitialize()
        columns.deallocate()
    }

    /// Gives a value to the workspace: the assembler's `normalize` of it, made once per distinct
    /// value of the column, and its number when it stands for the field's raw text. The text is
    /// not given when the workspace keeps the numbered value's parse.
    func give(
        _ bytes: UnsafeRawBufferPointer, column: Int, field: Int, line: Int, by assembler: RowAssembler, to workspace: ValidationWorkspace,
        problems: inout [String], checks: inout ImportChecks
    ) {
        let number = columns[column].searched ? lookUp(bytes, column: column) : nil
        guard let number, number < columns[column].made.count else {
            let made = assembler.normalize(String(decoding: bytes, as: UTF8.self), field: field)
            if number != nil { columns[column].made.append(made) }
            if let number, columns[column].numbersField { workspace.setKey(Int32(number), at: field) }
            workspace.setText(made.text, at: field)
            if let problem = made.problem { problems.append(problem) }
            if !made.notes.isEmpty { note(made.notes, bytes, column: column, line: line, assembler, &checks) }
            return
        }
        if columns[column].numbersField {
            workspace.setKey(Int32(number), at: field)
            if workspace.needsText(at: field) { workspace.setText(columns[column].made[number].text, at: field) }
        } else {
            workspace.setText(columns[column].made[number].text, at: field)
        }
        if let problem = columns[column].made[number].problem { problems.append(problem) }
        let notes = columns[column].made[number].notes
        if !notes.isEmpty { note(notes, bytes, column: column, line: line, assembler, &checks) }
    }

    /// Counts what reading the value noticed, once per row it appears in.
    private func note(
        _ notes: ValueNotes, _ bytes: UnsafeRawBufferPointer, column: Int, line: Int, _ assembler: RowAssembler,
        _ checks: inout ImportChecks
    ) {
        for (flag, kind) in ValueNotes.kinds where notes.contains(flag) {
            checks.note(kind, line: line, column: assembler.plan.header[column], detail: String(decoding: bytes, as: UTF8.self))
        }
    }

    /// The value's number in its column's table, counting how often a full table still finds one.
    private func lookUp(_ bytes: UnsafeRawBufferPointer, column: Int) -> Int? {
        let number = columns[column].table.number(of: bytes)
        if columns[column].table.isFull {
            columns[column].fullLookups += 1
            if number != nil { columns[column].fullHits += 1 }
            if columns[column].fullLookups == Self.judgedAfter {
                columns[column].searched = 4 * columns[column].fullHits >= Self.judgedAfter
            }
        }
        return number
    }

    /// Whether a column's table is still searched (for tests).
    func isSearched(column: Int) -> Bool { columns[column].searched }
}
