import FabriqueCore
import GRDB

extension AppDatabase {
    /// The number of a survey's responses and a SHA-256 fingerprint of them all: the digest of
    /// each response's id and content digest, one line each in id order. The same responses give
    /// the same fingerprint whatever order they were stored in; any changed answer changes it.
    public func responseFingerprint(surveyId: String) throws -> (count: Int, sha256: String) {
        try writer.read { db in
            var stream = SHA256.Stream()
            guard let schema = try schema(db, surveyId) else { return (0, stream.finalize()) }
            let cursor = try Row.fetchCursor(db, sql: "SELECT response_id, content_sha256 FROM \(Self.quoted(schema.tableName)) ORDER BY response_id")
            var count = 0
            while let row = try cursor.next() {
                count += 1
                let id: String = row[0]
                let digest: String = row[1]
                stream.update(id + "\t" + digest + "\n")
            }
            return (count, stream.finalize())
        }
    }
}
