import FabriqueCSV
import FabriqueImport
import FabriqueTestSupport
import Foundation
import GRDB
import Testing

@testable import FabriqueStore

/// An import into a database file: its one transaction runs with a rollback journal when the file
/// is free, and the file is back in WAL mode afterwards, whether the import succeeded or failed.
struct ImportJournalTests {
    static func rows(_ count: Int) -> String {
        var text = "response_id,demarches,copil,etp\n"
        for index in 0..<count { text += "r\(index),cls asv,oui,\(index % 5)\n" }
        return text
    }

    /// The size of the file's write-ahead log: a checkpoint copies the log but leaves its size, so
    /// pages written through the log stay counted there, and pages written through a rollback
    /// journal never reach it.
    static func logSize(_ fixture: ImportFixture) -> Int {
        let attributes = try? FileManager.default.attributesOfItem(atPath: fixture.dir.path("database.sqlite-wal"))
        return (attributes?[.size] as? Int) ?? 0
    }

    @Test func aFreeFileIsWrittenThroughARollbackJournalAndReturnsToWAL() throws {
        let fixture = try ImportFixture(onDisk: true)
        let before = Self.logSize(fixture)
        #expect(try fixture.importText(Self.rows(20000)).inserted == 20000)
        // 20,000 rows fill some 200 pages (800 kB): none went through the log.
        #expect(Self.logSize(fixture) <= max(before, 64 << 10))
        #expect(try fixture.database.journalMode() == "wal")
        #expect(try fixture.stored().count == 20000)
        #expect(try fixture.importText(Self.rows(20000)).unchanged == 20000)
    }

    @Test func aFileOpenElsewhereStaysInWALAndStillImports() throws {
        let fixture = try ImportFixture(onDisk: true)
        // Another process's connection, as a running server's would be.
        let other = try DatabaseQueue(path: fixture.dir.path("database.sqlite"))
        try other.read { db in _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
        #expect(try fixture.importText(Self.rows(20000)).inserted == 20000)
        // The same rows as above, through the log this time.
        #expect(Self.logSize(fixture) > 400 << 10)
        #expect(try fixture.database.journalMode() == "wal")
        #expect(try other.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM responses_mini") } == 20000)
    }

    @Test func aFailedImportLeavesTheFileAsItWasAndInWAL() throws {
        let fixture = try ImportFixture(onDisk: true)
        try fixture.importText(Self.rows(10))
        let text = Self.rows(4000) + "last,\"unterminated,oui\n"
        #expect(throws: CSVError.self) { try fixture.importText(text) }
        #expect(try fixture.stored().count == 10)
        #expect(try fixture.database.journalMode() == "wal")
        #expect(!FileManager.default.fileExists(atPath: fixture.dir.path("database.sqlite-journal")))
    }

    @Test func anImportOnAFullDiskNamesTheDatabaseFileAndImportsNothing() throws {
        let fixture = try ImportFixture(onDisk: true)
        try fixture.importText(Self.rows(10))
        // As on a full disk: the file may grow by two pages, the import needs some two hundred.
        try fixture.database.writer.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages + 2)")
        }
        do {
            try fixture.importText(Self.rows(20000))
            Issue.record("the import went through on a full disk")
        } catch let error as StoreError {
            #expect(error.isStorageFault)
            let message = error.errorDescription ?? ""
            #expect(message.contains("the disk holding the database \(fixture.dir.path("database.sqlite")) is full"), "\(message)")
            #expect(message.contains("nothing of it was written"))
        }
        #expect(try fixture.stored().count == 10)
        #expect(try fixture.database.journalMode() == "wal")
    }

    /// What a `serve` or `tables` started during such an import meets: after the 10 s wait,
    /// a message that says why and what to do.
    @Test func openingAFileAnImportHoldsSaysWhyAfterTheWait() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("database.sqlite")
        do { _ = try AppDatabase.open(path: path) }
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let importer = try DatabaseQueue(path: path, configuration: configuration)
        try importer.writeWithoutTransaction { db in
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") == "delete")
            try db.execute(sql: "BEGIN EXCLUSIVE")
        }
        defer { try? importer.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") } }
        do {
            _ = try AppDatabase.open(path: path)
            Issue.record("the database opened while another connection held it")
        } catch let error as StoreError {
            let message = error.errorDescription ?? ""
            #expect(message.contains("another process is writing to it"), "\(message)")
            #expect(message.contains(path))
        }
    }
}
