import FabriqueCore
import Foundation
import NIOCore
import PostgresNIO

extension PostgresStore {
    /// Writes responses in **one** transaction, as `AppDatabase.writeResponses` does: the batches
    /// stream into a temporary table with `COPY … FROM STDIN`, then one statement per outcome
    /// inserts the new ids, counts the unchanged ones, and applies `policy` to the changed ones (a
    /// window over each id's rows when an id comes more than once, as SQLite meets them in turn).
    /// Any error (or the `.error` policy hit) rolls everything back; `dryRun` counts, then rolls back.
    public func writeResponses(
        survey: Survey, fieldNames: [String], version: String, origin: String, policy: DuplicatePolicy, dryRun: Bool,
        next: () throws -> ResponseBatch?
    ) throws -> ResponseWriteCounts {
        do {
            return try pool.withConnection { connection in
                try connection.run("BEGIN", logger)
                do {
                    let schema = try ensureResponseTable(connection, survey)
                    let counts = try ResponseCopy(connection: connection, schema: schema, fieldNames: fieldNames, logger: logger)
                        .write(version: version, origin: origin, policy: policy, next: next)
                    try connection.run(dryRun ? "ROLLBACK" : "COMMIT", logger)
                    return counts
                } catch {
                    _ = try? connection.run("ROLLBACK", logger)
                    throw error
                }
            }
        } catch {
            throw Self.wrap(error, doing: "writing responses", location: location)
        }
    }
}

/// One bulk write through a staging table.
struct ResponseCopy {
    let connection: PostgresConnection
    let schema: ResponseSchema
    let fieldNames: [String]
    let logger: Logger
    /// How each value is stored, in `fieldNames` order (`PostgresValues.stored`).
    let affinities: [String]

    init(connection: PostgresConnection, schema: ResponseSchema, fieldNames: [String], logger: Logger) {
        self.connection = connection
        self.schema = schema
        self.fieldNames = fieldNames
        self.logger = logger
        let index = schema.index
        affinities = fieldNames.map { name in index[name].map { schema.columns[$0].affinity } ?? "TEXT" }
    }

    func write(version: String, origin: String, policy: DuplicatePolicy, next: () throws -> ResponseBatch?) throws -> ResponseWriteCounts {
        let table = AppDatabase.quoted(schema.tableName)
        let names = fieldNames.map(AppDatabase.quoted)
        // Temporary tables skip the write-ahead log; `ordinal` numbers the rows in the order given, `line`
        // keeps each one's place in its file for messages.
        try connection.run(
            """
            CREATE TEMPORARY TABLE fabrique_staging (ordinal bigint NOT NULL, line integer NOT NULL, response_id text COLLATE "C" NOT NULL,
                content_sha256 text NOT NULL\(unescaped: names.map { ", \($0) text" }.joined())) ON COMMIT DROP
            """, logger)
        try copy(next)
        if try connection.run("SELECT 1 FROM fabrique_staging GROUP BY response_id HAVING count(*) > 1 LIMIT 1", logger).isEmpty {
            return try writeDistinct(version: version, origin: origin, policy: policy)
        }
        // Each row's outcome, as SQLite's row-by-row writer decides it: the first row of an id is
        // compared with the stored response (none: an insert); a later row of the same id with the
        // row before it when changed rows replace stored ones (`update`), else with what is kept.
        try connection.run(
            """
            CREATE TEMPORARY TABLE fabrique_outcome ON COMMIT DROP AS
            SELECT s.ordinal, s.line, s.response_id, s.content_sha256, t.content_sha256 AS stored,
                   row_number() OVER w AS position, count(*) OVER (PARTITION BY s.response_id) AS occurrences,
                   CASE WHEN row_number() OVER w = 1 THEN t.content_sha256
                        WHEN \(unescaped: policy == .update ? "true" : "false") THEN lag(s.content_sha256) OVER w
                        ELSE coalesce(t.content_sha256, first_value(s.content_sha256) OVER w) END AS reference
            FROM fabrique_staging s LEFT JOIN \(unescaped: table) t USING (response_id)
            WINDOW w AS (PARTITION BY s.response_id ORDER BY s.ordinal)
            """, logger)
        if policy == .error,
            let first = try connection.run(
                "SELECT response_id, line FROM fabrique_outcome WHERE reference <> content_sha256 ORDER BY ordinal LIMIT 1", logger
            ).first
        {
            let (id, line) = try first.decode((String, Int).self)
            throw StoreError.duplicateResponse(responseId: id, line: line)
        }
        let (inserted, unchanged, changed) = try connection.run(
            """
            SELECT count(*) FILTER (WHERE position = 1 AND stored IS NULL), count(*) FILTER (WHERE reference = content_sha256),
                   count(*) FILTER (WHERE reference <> content_sha256)
            FROM fabrique_outcome
            """, logger
        ).first!.decode((Int, Int, Int).self)
        var counts = ResponseWriteCounts()
        counts.inserted = inserted
        counts.unchanged = unchanged
        // The row an id ends with: its last when changed rows replace, else its first.
        let kept = policy == .update ? "o.position = o.occurrences" : "o.position = 1"
        try connection.run(
            """
            INSERT INTO \(unescaped: table) (response_id, survey_version, origin, content_sha256\(unescaped: names.map { ", \($0)" }.joined()))
            SELECT s.response_id, \(version), \(origin), s.content_sha256\(unescaped: names.map { ", s.\($0)" }.joined())
            FROM fabrique_staging s JOIN fabrique_outcome o ON o.ordinal = s.ordinal
            WHERE o.stored IS NULL AND \(unescaped: kept)
            """, logger)
        if policy == .update {
            counts.updated = changed
            let given = Set(fieldNames)
            let cleared = schema.columns.map(\.name).filter { !given.contains($0) }.map { ", \(AppDatabase.quoted($0)) = NULL" }.joined()
            let assignments = names.map { ", \($0) = s.\($0)" }.joined()
            try connection.run(
                """
                UPDATE \(unescaped: table) t SET survey_version = \(version), origin = \(origin), content_sha256 = s.content_sha256
                    \(unescaped: assignments)\(unescaped: cleared)
                FROM fabrique_staging s JOIN fabrique_outcome o ON o.ordinal = s.ordinal
                WHERE t.response_id = s.response_id AND o.stored IS NOT NULL AND o.position = o.occurrences
                  AND EXISTS (SELECT 1 FROM fabrique_outcome c WHERE c.response_id = o.response_id AND c.reference <> c.content_sha256)
                """, logger)
        } else {
            counts.skipped = changed
        }
        return counts
    }

    /// The common case, each id once in the import: every row is compared with the stored one only.
    private func writeDistinct(version: String, origin: String, policy: DuplicatePolicy) throws -> ResponseWriteCounts {
        let table = AppDatabase.quoted(schema.tableName)
        let names = fieldNames.map(AppDatabase.quoted)
        if policy == .error,
            let first = try connection.run(
                """
                SELECT s.response_id, s.line FROM fabrique_staging s JOIN \(unescaped: table) t USING (response_id)
                WHERE t.content_sha256 <> s.content_sha256 ORDER BY s.ordinal LIMIT 1
                """, logger
            ).first
        {
            let (id, line) = try first.decode((String, Int).self)
            throw StoreError.duplicateResponse(responseId: id, line: line)
        }
        let (unchanged, changed) = try connection.run(
            """
            SELECT count(*) FILTER (WHERE t.content_sha256 = s.content_sha256), count(*) FILTER (WHERE t.content_sha256 <> s.content_sha256)
            FROM fabrique_staging s JOIN \(unescaped: table) t USING (response_id)
            """, logger
        ).first!.decode((Int, Int).self)
        var counts = ResponseWriteCounts()
        counts.unchanged = unchanged
        counts.inserted =
            try connection.run(
                """
                INSERT INTO \(unescaped: table) (response_id, survey_version, origin, content_sha256\(unescaped: names.map { ", \($0)" }.joined()))
                SELECT s.response_id, \(version), \(origin), s.content_sha256\(unescaped: names.map { ", s.\($0)" }.joined())
                FROM fabrique_staging s WHERE NOT EXISTS (SELECT 1 FROM \(unescaped: table) t WHERE t.response_id = s.response_id)
                """, logger
            ).metadata.rows ?? 0
        guard policy == .update else {
            counts.skipped = changed
            return counts
        }
        counts.updated = changed
        let given = Set(fieldNames)
        let cleared = schema.columns.map(\.name).filter { !given.contains($0) }.map { ", \(AppDatabase.quoted($0)) = NULL" }.joined()
        try connection.run(
            """
            UPDATE \(unescaped: table) t SET survey_version = \(version), origin = \(origin), content_sha256 = s.content_sha256
                \(unescaped: names.map { ", \($0) = s.\($0)" }.joined())\(unescaped: cleared)
            FROM fabrique_staging s WHERE t.response_id = s.response_id AND t.content_sha256 <> s.content_sha256
            """, logger)
        return counts
    }

    /// Streams every batch into the staging table in COPY's text format.
    ///
    /// PostgresNIO's COPY is async only: it runs on a thread of its own while this thread pulls the
    /// batches (made by the import's own threads) and encodes them (`BlockingStream`).
    private func copy(_ next: () throws -> ResponseBatch?) throws {
        let columns = ["ordinal", "line", "response_id", "content_sha256"] + fieldNames
        try BlockingStream.run(
            consume: { [connection, logger] buffers, taken in
                try await connection.copyFrom(table: "fabrique_staging", columns: columns, logger: logger) { writer in
                    for await buffer in buffers {
                        try await writer.write(buffer)
                        taken()
                    }
                }
            },
            produce: { send in
                var ordinal = 0
                while let batch = try next() {
                    var buffer = ByteBuffer()
                    PostgresValues.appendCopyRows(batch, affinities: affinities, firstOrdinal: ordinal, to: &buffer)
                    ordinal += batch.count
                    try send(buffer)
                }
            })
    }
}
