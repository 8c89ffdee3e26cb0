import Foundation
import FabriqueCore
import GRDB
import GRDBSQLite

extension AppDatabase {
    /// Writes responses in **one** transaction, pulling batches from `next` until it returns nil.
    /// A new id is inserted; a known id with the same digest is unchanged; a known id with other
    /// answers follows `policy`. Any error (or `.error` policy hit) rolls everything back. With
    /// `dryRun` the counts are computed and the transaction is rolled back.
    /// `fieldNames` gives the order of `ResponseRow.values`; the response table is created or widened
    /// for the survey inside the same transaction, so a failed import leaves no trace.
    public func writeResponses(
        survey: Survey, fieldNames: [String], version: String, origin: String, policy: DuplicatePolicy, dryRun: Bool = false,
        next: () throws -> [ResponseRow]?
    ) throws -> ResponseWriteCounts {
        var counts = ResponseWriteCounts()
        do {
            try writer.writeWithoutTransaction { db in
                try db.inTransaction {
                    let schema = try ensureResponseTable(db, survey)
                    counts = try ResponseBulkWriter(db: db, schema: schema, fieldNames: fieldNames, version: version, origin: origin,
                                                    policy: policy).write(next)
                    return dryRun ? .rollback : .commit
                }
            }
        } catch {
            throw StoreError.wrap(error, doing: "writing responses")
        }
        return counts
    }
}

/// Binds values straight to SQLite's prepared statements: a bulk import binds millions of values,
/// and the generic argument path costs more than the insert itself.
struct ResponseBulkWriter {
    let db: Database
    let schema: ResponseSchema
    let version: String
    let origin: String
    let policy: DuplicatePolicy
    let insert: Statement
    let update: Statement
    let lookup: Statement

    /// The affinity of each value of a row, in `fieldNames` order.
    let affinities: [String]
    /// Stored columns a row does not carry (other versions' variables), cleared on update.
    let otherColumns: [String]

    init(db: Database, schema: ResponseSchema, fieldNames: [String], version: String, origin: String, policy: DuplicatePolicy) throws {
        self.db = db
        self.schema = schema
        let index = schema.index
        affinities = fieldNames.map { index[$0].map { schema.columns[$0].affinity } ?? "TEXT" }
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
        insert = try db.cachedStatement(sql: """
            INSERT INTO \(table) (\(all.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: all.count).joined(separator: ", ")))
            ON CONFLICT(response_id) DO NOTHING
            """)
        update = try db.cachedStatement(sql: """
            UPDATE \(table) SET \((["survey_version", "origin", "content_sha256"] + names).map { "\($0) = ?" }.joined(separator: ", "))
            \(otherColumns.map { ", \(AppDatabase.quoted($0)) = NULL" }.joined())
            WHERE response_id = ?
            """)
        lookup = try db.cachedStatement(sql: "SELECT content_sha256 FROM \(table) WHERE response_id = ?")
    }

    func write(_ next: () throws -> [ResponseRow]?) throws -> ResponseWriteCounts {
        var counts = ResponseWriteCounts()
        while let batch = try next() {
            for row in batch {
                let statement = insert.sqliteStatement
                bind(statement, 1, row.responseId)
                bind(statement, 2, version)
                bind(statement, 3, origin)
                bind(statement, 4, row.digest)
                bindValues(statement, row.values, from: 5)
                try step(statement)
                if db.changesCount == 1 {
                    counts.inserted += 1
                    continue
                }
                try resolveConflict(row, &counts)
            }
        }
        return counts
    }

    private func resolveConflict(_ row: ResponseRow, _ counts: inout ResponseWriteCounts) throws {
        let stored = try String.fetchOne(lookup, arguments: [row.responseId])
        if stored == row.digest {
            counts.unchanged += 1
            return
        }
        switch policy {
        case .skip:
            counts.skipped += 1
        case .error:
            throw StoreError.duplicateResponse(responseId: row.responseId, line: row.line)
        case .update:
            let statement = update.sqliteStatement
            bind(statement, 1, version)
            bind(statement, 2, origin)
            bind(statement, 3, row.digest)
            bindValues(statement, row.values, from: 4)
            bind(statement, Int32(4 + row.values.count), row.responseId)
            try step(statement)
            counts.updated += 1
        }
    }

    private func bindValues(_ statement: SQLiteStatement, _ values: [String?], from first: Int32) {
        for (offset, value) in values.enumerated() {
            let index = first + Int32(offset)
            guard let value else {
                sqlite3_bind_null(statement, index)
                continue
            }
            switch affinities[offset] {
            case "INTEGER":
                if let number = Int64(value) { sqlite3_bind_int64(statement, index, number) } else { bind(statement, index, value) }
            case "REAL":
                if let number = Double(value) { sqlite3_bind_double(statement, index, number) } else { bind(statement, index, value) }
            case "NUMERIC":
                if let number = Int64(value) {
                    sqlite3_bind_int64(statement, index, number)
                } else if let number = Double(value) {
                    sqlite3_bind_double(statement, index, number)
                } else {
                    bind(statement, index, value)
                }
            default:
                bind(statement, index, value)
            }
        }
    }

    private func bind(_ statement: SQLiteStatement, _ index: Int32, _ text: String) {
        var text = text
        text.withUTF8 { bytes in
            _ = sqlite3_bind_text(statement, index, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self),
                                  Int32(bytes.count), SQLITE_TRANSIENT)
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

/// SQLite copies bound text at once, so the Swift buffer need not outlive the call.
private let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
