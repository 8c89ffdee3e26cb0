import FabriqueCore
import NIOCore
import PostgresNIO

extension PostgresStore: StudyTransfer {
    /// Reads the study in one snapshot (a repeatable-read transaction) through a server-side
    /// cursor, a chunk at a time, so that a large response table is never held whole.
    public func exportStudy(_ body: (TableChunk) throws -> Void) throws {
        do {
            try pool.withConnection { connection in
                try connection.transaction(logger) { connection in
                    try connection.run("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger)
                    let responseTables = try connection.run("SELECT table_name FROM response_table ORDER BY survey_id COLLATE \"C\"", logger)
                        .map { try $0.decode(String.self) }
                    for table in StudyTables.ordered + responseTables {
                        let columns = try copiedColumns(connection, table)
                        // Booleans travel as 0 and 1, as SQLite stores them.
                        let select = columns.map { AppDatabase.quoted($0.name) + ($0.type == "boolean" ? "::int::text" : "::text") }
                        let source = "SELECT \(select.joined(separator: ", ")) FROM \(AppDatabase.quoted(table))"
                        try connection.run("DECLARE study_rows NO SCROLL CURSOR FOR \(unescaped: source)", logger)
                        while true {
                            let rows = try connection.run("FETCH \(unescaped: String(StudyTables.chunkSize)) FROM study_rows", logger)
                            if rows.isEmpty { break }
                            let values = try rows.map { row in try row.map { try $0.decode(String?.self) } }
                            try body(TableChunk(table: table, columns: columns.map(\.name), rows: values))
                        }
                        try connection.run("CLOSE study_rows", logger)
                    }
                }
            }
        } catch {
            throw Self.wrap(error, doing: "reading the study to copy", location: location)
        }
    }

    public func importStudy(_ fill: ((TableChunk) throws -> Void) throws -> Void) throws {
        try transaction(doing: "copying a study") { connection in
            for table in StudyTables.ordered where table != "app_secret" {
                if try !connection.run("SELECT 1 FROM \(unescaped: AppDatabase.quoted(table)) LIMIT 1", logger).isEmpty {
                    throw StudyTables.notEmpty(location.description, table: table)
                }
            }
            try connection.run("DELETE FROM app_secret", logger)
            var known: [String: Set<String>] = [:]
            try fill { chunk in
                if known[chunk.table] == nil {
                    if try connection.run("SELECT to_regclass(\(AppDatabase.quoted(chunk.table)))::text", logger).first?.decode(String?.self) == nil {
                        try createCopiedResponseTable(connection, chunk.table)
                    }
                    known[chunk.table] = Set(try copiedColumns(connection, chunk.table).map(\.name))
                }
                let kept = chunk.columns.indices.filter { known[chunk.table]!.contains(chunk.columns[$0]) }
                try copy(connection, chunk, kept)
            }
            // Identity columns continue after the copied ids.
            for (table, column) in try connection.run(
                """
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND is_identity = 'YES'
                """, logger
            ).map({ try $0.decode((String, String).self) }) {
                let quoted = AppDatabase.quoted(table)
                try connection.run(
                    """
                    SELECT setval(pg_get_serial_sequence(\(quoted), \(column)),
                                  coalesce((SELECT max(\(unescaped: AppDatabase.quoted(column))) FROM \(unescaped: quoted)), 0) + 1, false)
                    """, logger)
            }
        }
    }

    /// A table's columns that hold data (not generated), in order, with their types.
    private func copiedColumns(_ connection: PostgresConnection, _ table: String) throws -> [(name: String, type: String)] {
        try connection.run(
            """
            SELECT column_name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = \(table) AND is_generated = 'NEVER'
              AND NOT (table_name = 'web_session' AND column_name = 'id')
            ORDER BY ordinal_position
            """, logger
        ).map { try $0.decode((String, String).self) }
    }

    private func createCopiedResponseTable(_ connection: PostgresConnection, _ table: String) throws {
        guard
            let surveyId = try connection.run("SELECT survey_id FROM response_table WHERE table_name = \(table)", logger).first?
                .decode(String.self),
            let schema = try schema(connection, surveyId)
        else {
            throw StoreError.database(doing: "copying a study", reason: "table \(table) is not a table of the study")
        }
        try createResponseTable(connection, table)
        for column in schema.columns { try addResponseColumn(connection, table, column) }
        try indexRegion(connection, schema)
    }

    /// One chunk through `COPY … FROM STDIN`.
    private func copy(_ connection: PostgresConnection, _ chunk: TableChunk, _ kept: [Int]) throws {
        var buffer = ByteBuffer()
        for row in chunk.rows {
            for (position, index) in kept.enumerated() {
                if position > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                if let value = row[index] { PostgresValues.appendEscaped(value, to: &buffer) } else { buffer.writeStaticString("\\N") }
            }
            buffer.writeInteger(UInt8(ascii: "\n"))
        }
        let columns = kept.map { chunk.columns[$0] }
        let data = buffer
        try BlockingTask.run { [logger] in
            try await connection.copyFrom(table: chunk.table, columns: columns, logger: logger) { writer in try await writer.write(data) }
        }
    }
}
