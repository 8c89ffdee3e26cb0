import FabriqueCore
import GRDB

extension AppDatabase: StudyTransfer {
    public func exportStudy(_ body: (TableChunk) throws -> Void) throws {
        try writer.read { db in
            let responseTables = try String.fetchAll(db, sql: "SELECT table_name FROM response_table ORDER BY survey_id")
            for table in StudyTables.ordered + responseTables {
                let columns = try db.columns(in: table).map(\.name)
                let cursor = try Row.fetchCursor(db, sql: "SELECT \(columns.map(Self.quoted).joined(separator: ", ")) FROM \(Self.quoted(table))")
                var rows: [[String?]] = []
                while let row = try cursor.next() {
                    rows.append(columns.indices.map { Self.canonicalText(row[$0] as DatabaseValue) })
                    if rows.count == StudyTables.chunkSize {
                        try body(TableChunk(table: table, columns: columns, rows: rows))
                        rows.removeAll(keepingCapacity: true)
                    }
                }
                if !rows.isEmpty { try body(TableChunk(table: table, columns: columns, rows: rows)) }
            }
        }
    }

    public func importStudy(_ fill: ((TableChunk) throws -> Void) throws -> Void) throws {
        do {
            try writer.write { db in
                for table in StudyTables.ordered where table != "app_secret" {
                    if try Bool.fetchOne(db, sql: "SELECT 1 FROM \(Self.quoted(table)) LIMIT 1") == true {
                        throw StudyTables.notEmpty(writer.path, table: table)
                    }
                }
                try db.execute(sql: "DELETE FROM app_secret")
                var known: [String: Set<String>] = [:]
                try fill { chunk in
                    if known[chunk.table] == nil {
                        if try !db.tableExists(chunk.table) { try createCopiedResponseTable(db, chunk.table) }
                        known[chunk.table] = Set(try db.columns(in: chunk.table).map(\.name))
                    }
                    // A column the other engine has and this one lacks (PostgreSQL's session ids) is left out.
                    let kept = chunk.columns.indices.filter { known[chunk.table]!.contains(chunk.columns[$0]) }
                    let names = kept.map { Self.quoted(chunk.columns[$0]) }
                    let placeholders = kept.map { _ in "?" }.joined(separator: ", ")
                    let insert = try db.cachedStatement(
                        sql: "INSERT INTO \(Self.quoted(chunk.table)) (\(names.joined(separator: ", "))) VALUES (\(placeholders))")
                    for row in chunk.rows { try insert.execute(arguments: StatementArguments(kept.map { row[$0] })) }
                }
                // The search index, as `saveExperience` fills it.
                for experience in try experiences(db) {
                    try db.execute(
                        sql: "INSERT INTO experience_fts (slug, title, summary, body, lead_structure, partners) VALUES (?, ?, ?, ?, ?, ?)",
                        arguments: [
                            experience.slug, experience.title, experience.summary, experience.body, experience.leadStructure,
                            experience.partners.joined(separator: " ; ")
                        ])
                }
            }
        } catch {
            throw wrap(error, doing: "copying a study")
        }
    }

    /// A copied survey's response table, made from the layout copied before it (`response_column`).
    private func createCopiedResponseTable(_ db: Database, _ table: String) throws {
        guard let surveyId = try String.fetchOne(db, sql: "SELECT survey_id FROM response_table WHERE table_name = ?", arguments: [table]),
            let schema = try schema(db, surveyId)
        else {
            throw StoreError.database(doing: "copying a study", reason: "table \(table) is not a table of the study")
        }
        try createResponseTable(db, table)
        for column in schema.columns { try addResponseColumn(db, table, column) }
        try indexRegion(db, schema)
    }
}
