import FabriqueCore
import Foundation
import GRDB
import GRDBSQLite

extension AppDatabase {
    /// Writes responses in **one** transaction, pulling batches from `next` until it returns nil.
    /// A new id is inserted; a known id with the same digest is unchanged; a known id with other
    /// answers follows `policy`. Any error (or `.error` policy hit) rolls everything back. With
    /// `dryRun` the counts are computed and the transaction is rolled back.
    /// `fieldNames` gives the order of each response's values in the batches; the response table
    /// is created or widened for the survey inside the same transaction, so a failed import
    /// leaves no trace.
    public func writeResponses(
        survey: Survey, fieldNames: [String], version: String, origin: String, policy: DuplicatePolicy, dryRun: Bool = false,
        next: () throws -> ResponseBatch?
    ) throws -> ResponseWriteCounts {
        var counts = ResponseWriteCounts()
        do {
            // The pool's idle readers keep the file open and would make SQLite refuse the journal switch.
            (writer as? DatabasePool)?.releaseMemory()
            try writer.writeWithoutTransaction { db in
                let journal = try BulkJournal(db)
                defer { journal.restore(db) }
                try db.inTransaction {
                    let schema = try ensureResponseTable(db, survey)
                    counts = try ResponseBulkWriter(
                        db: db, schema: schema, fieldNames: fieldNames, version: version, origin: origin,
                        policy: policy
                    ).write(next)
                    return dryRun ? .rollback : .commit
                }
            }
        } catch {
            throw wrap(error, doing: "writing responses")
        }
        return counts
    }
}

/// A bulk import's journal. In WAL mode every page an import writes goes to the log first and is
/// copied into the file again at the checkpoint: twice the writes, for hundreds of megabytes.
/// When no other connection has the file open, the import's one transaction runs with a rollback
/// journal instead (new pages go straight to the file, only the pages it changes are saved
/// beforehand), then the file goes back to WAL. Atomicity and durability are SQLite's in both
/// modes; while another process (a server) has the file open, SQLite refuses the switch and the
/// import stays in WAL.
struct BulkJournal {
    /// Whether the file left WAL mode for this import.
    let switched: Bool

    init(_ db: Database) throws {
        guard try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal" else {
            switched = false
            return
        }
        // The switch needs the file to itself; on SQLITE_BUSY or a refusal the import keeps WAL.
        let mode = try? String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
        switched = mode == "delete"
    }

    /// Back to WAL; should that fail, the next connection to open the file (every one of
    /// fabrique's) asks for WAL again.
    func restore(_ db: Database) {
        guard switched else { return }
        _ = try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
    }
}

/// Binds values straight from a batch's bytes to SQLite's prepared statements: a bulk import binds
/// millions of values, and the generic argument path costs more than the insert itself.
struct ResponseBulkWriter {
    let db: Database
    let schema: ResponseSchema
    let version: String
    let origin: String
    let policy: DuplicatePolicy
    let insert: Statement
    let update: Statement
    let lookup: Statement

    /// How each value of a row is bound, in `fieldNames` order.
    let affinities: [Affinity]

    enum Affinity {
        case integer, real, numeric, text
    }
    /// Stored columns a row does not carry (other versions' variables), cleared on update.
    let otherColumns: [String]

    init(db: Database, schema: ResponseSchema, fieldNames: [String], version: String, origin: String, policy: DuplicatePolicy) throws {
        self.db = db
        self.schema = schema
        let index = schema.index
        affinities = fieldNames.map { name in
            switch index[name].map({ schema.columns[$0].affinity }) {
            case "INTEGER": .integer
            case "REAL": .real
            case "NUMERIC": .numeric
            default: .text
            }
        }
        let given = Set(fieldNames)
        otherColumns = schema.columns.map(\.name).filter { !given.contains($0) }
        self.version = version
        self.origin = origin
        self.policy = policy
        // Cached per connection: a web submission writes one row, and preparing three statements
        // of some 90 columns each would cost more than the row itself.
        let table = AppDatabase.quoted(schema.tableName)
        let names = fieldNames.map(AppDatabase.quoted)
        let all = ["response_id", "survey_version", "origin", "content_sha256"] + names
        insert = try db.cachedStatement(
            sql: """
                INSERT INTO \(table) (\(all.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: all.count).joined(separator: ", ")))
                ON CONFLICT(response_id) DO NOTHING
                """)
        update = try db.cachedStatement(
            sql: """
                UPDATE \(table) SET \((["survey_version", "origin", "content_sha256"] + names).map { "\($0) = ?" }.joined(separator: ", "))
                \(otherColumns.map { ", \(AppDatabase.quoted($0)) = NULL" }.joined())
                WHERE response_id = ?
                """)
        lookup = try db.cachedStatement(sql: "SELECT content_sha256 FROM \(table) WHERE response_id = ?")
    }

    func write(_ next: () throws -> ResponseBatch?) throws -> ResponseWriteCounts {
        var counts = ResponseWriteCounts()
        let statement = insert.sqliteStatement
        let connection = db.sqliteConnection
        // Values are bound without a copy (SQLITE_STATIC): the batch's buffer outlives each step,
        // and the bindings are cleared before the buffer goes back to its owner.
        func clearBindings() {
            sqlite3_clear_bindings(statement)
            sqlite3_clear_bindings(update.sqliteStatement)
        }
        defer { clearBindings() }
        while let batch = try next() {
            precondition(batch.width == affinities.count, "a batch of \(batch.width) values for \(affinities.count) fields")
            bind(statement, 2, version)
            bind(statement, 3, origin)
            try batch.withUnsafeValues { raw, lengths in
                for row in 0..<batch.count {
                    bind(statement, 1, raw, batch.ids[row])
                    bind(statement, 4, raw, batch.digests[row])
                    bindValues(statement, raw, lengths, row * batch.width, batch.rowStarts[row], from: 5)
                    try step(statement)
                    // SQLite's own count: GRDB's `changesCount` checks the dispatch queue on every call.
                    if sqlite3_changes(connection) == 1 {
                        counts.inserted += 1
                        continue
                    }
                    try resolveConflict(batch, raw, lengths, row, &counts)
                }
            }
            clearBindings()
        }
        return counts
    }

    private func resolveConflict(
        _ batch: ResponseBatch, _ raw: UnsafeRawBufferPointer, _ lengths: UnsafeBufferPointer<Int32>,
        _ row: Int, _ counts: inout ResponseWriteCounts
    ) throws {
        let responseId = batch.responseId(row)
        let stored = try String.fetchOne(lookup, arguments: [responseId])
        if stored == batch.digest(row) {
            counts.unchanged += 1
            return
        }
        switch policy {
        case .skip:
            counts.skipped += 1
        case .error:
            throw StoreError.duplicateResponse(responseId: responseId, line: batch.lines[row])
        case .update:
            let statement = update.sqliteStatement
            bind(statement, 1, version)
            bind(statement, 2, origin)
            bind(statement, 3, raw, batch.digests[row])
            bindValues(statement, raw, lengths, row * batch.width, batch.rowStarts[row], from: 4)
            bind(statement, Int32(4 + batch.width), raw, batch.ids[row])
            try step(statement)
            counts.updated += 1
        }
    }

    /// Binds one row's values: those of `lengths[first ..< first + width]`, packed from `start`.
    private func bindValues(
        _ statement: SQLiteStatement, _ raw: UnsafeRawBufferPointer, _ lengths: UnsafeBufferPointer<Int32>,
        _ first: Int, _ start: Int, from parameter: Int32
    ) {
        var next = start
        affinities.withUnsafeBufferPointer { affinities in
            for position in 0..<affinities.count {
                let index = parameter + Int32(position)
                let length = lengths[first + position]
                let valueStart = next
                next += ResponseBatch.advance(length)
                guard length >= 0 else {
                    sqlite3_bind_null(statement, index)
                    continue
                }
                let range = valueStart..<(valueStart + Int(length))
                let bytes = UnsafeRawBufferPointer(rebasing: raw[range])
                switch affinities[position] {
                case .text:
                    bind(statement, index, raw, range)
                case .integer:
                    if let number = Self.int64(bytes) { sqlite3_bind_int64(statement, index, number) } else { bind(statement, index, raw, range) }
                case .real:
                    if let number = Double(String(decoding: bytes, as: UTF8.self)) {
                        sqlite3_bind_double(statement, index, number)
                    } else {
                        bind(statement, index, raw, range)
                    }
                case .numeric:
                    if let number = Self.int64(bytes) {
                        sqlite3_bind_int64(statement, index, number)
                    } else if let number = Double(String(decoding: bytes, as: UTF8.self)) {
                        sqlite3_bind_double(statement, index, number)
                    } else {
                        bind(statement, index, raw, range)
                    }
                }
            }
        }
    }

    /// `Int64(text)` read from UTF-8 bytes: an optional sign, then decimal digits only; nil on overflow.
    static func int64(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        var index = 0
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            index = 1
        }
        guard index < bytes.count else { return nil }
        var value: Int64 = 0
        while index < bytes.count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative ? times.subtractingReportingOverflow(Int64(digit)) : times.addingReportingOverflow(Int64(digit))
            guard !overflow, !overflow2 else { return nil }
            value = next
            index += 1
        }
        return value
    }

    /// Binds bytes of the batch being written, without a copy.
    private func bind(_ statement: SQLiteStatement, _ index: Int32, _ raw: UnsafeRawBufferPointer, _ range: Range<Int>) {
        let base = raw.baseAddress.map { $0 + range.lowerBound } ?? UnsafeRawPointer(bitPattern: 1)!
        _ = sqlite3_bind_text(statement, index, base.assumingMemoryBound(to: CChar.self), Int32(range.count), sqliteStatic)
    }

    private func bind(_ statement: SQLiteStatement, _ index: Int32, _ text: String) {
        var text = text
        text.withUTF8 { bytes in
            _ = sqlite3_bind_text(
                statement, index, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self),
                Int32(bytes.count), sqliteTransient)
        }
    }

    private func step(_ statement: SQLiteStatement) throws {
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }
}

/// SQLite copies bound text at once, so the Swift buffer need not outlive the call (C's `SQLITE_TRANSIENT`).
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
/// SQLite reads bound text in place until it is bound again or cleared (C's `SQLITE_STATIC`).
private let sqliteStatic = unsafeBitCast(0, to: sqlite3_destructor_type.self)
