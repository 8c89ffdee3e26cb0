import FabriqueTestSupport
import Foundation
import Testing

/// `csv preview`, `import responses` and `export` as staff run them.
@Suite(.serialized)
struct ImportCommandTests {
    let cli: CommandRunner
    init() throws { cli = try CommandRunner() }

    @Test func previewPrintsTheDocumentedJSON() throws {
        let dir = try TemporaryDirectory()
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("nom;etp\r\n\"Dupont; Jean\";0,5\r\nLéa;\"1\r\n2\"\r\n".utf8)
        try dir.write(bytes, to: "p.csv")
        let outcome = try cli.run(["csv", "preview", dir.path("p.csv"), "--rows", "1", "--format", "json"])
        #expect(outcome.status == 0)
        #expect(
            outcome.stdout == """
                {"encoding":"utf-8","delimiter":";","header":["nom","etp"],"rows":[["Dupont; Jean","0,5"]],"rowCount":2}

                """)
    }

    @Test func previewOfAMalformedFileNamesTheLine() throws {
        let dir = try TemporaryDirectory()
        try "a,b\n1,2\n\"3,4\n".write(toFile: dir.path("bad.csv"), atomically: true, encoding: .utf8)
        let outcome = try cli.run(["csv", "preview", dir.path("bad.csv")])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("line 3"))
    }

    @Test func importTwiceThenARejectedRowLandsInTheRejectsFile() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("f.sqlite")
        #expect(try cli.run(["init", "--db", db]).status == 0)
        let generate = try cli.run([
            "demo", "generate-responses", "--db", db, "--survey", "coordination", "--count", "200", "--seed", "3",
            "--as-of", "2026-06-15", "--out", dir.path("r.csv")
        ])
        #expect(generate.status == 0)
        let arguments = [
            "import", "responses", "--db", db, "--survey", "coordination", dir.path("r.csv"), "--format", "json", "--as-of", "2026-06-15"
        ]
        let first = try cli.run(arguments)
        #expect(
            first.stdout == #"{"read":200,"inserted":200,"updated":0,"unchanged":0,"rejected":0,"rejectsFile":null,"warnings":[]}"#
                + "\n")
        let second = try cli.run(arguments)
        #expect(second.stdout.contains(#""inserted":0,"updated":0,"unchanged":200"#))
        // Break the ETP of the third data row (line 4): 9 FTE is outside 0–5.
        var lines = try String(contentsOfFile: dir.path("r.csv"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(
            String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
        let etp = try #require(header.firstIndex(of: "etp_coordination"))
        var cells = lines[3].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[etp] = "9"
        lines[3] = cells.joined(separator: ",")
        try lines.joined(separator: "\n").write(toFile: dir.path("r2.csv"), atomically: true, encoding: .utf8)
        let third = try cli.run([
            "import", "responses", "--db", db, "--survey", "coordination", dir.path("r2.csv"), "--format", "json",
            "--as-of", "2026-06-15", "--on-duplicate", "update"
        ])
        #expect(third.stdout.contains(#""rejected":1,"rejectsFile":""#))
        let rejects = try String(contentsOfFile: dir.path("r2.rejects.csv"), encoding: .utf8)
        #expect(rejects.contains(",4,\"etp_coordination: Le temps de coordination doit être compris entre 0 et 5 ETP"))
    }

    @Test func killedImportLeavesTheDatabaseAsItWas() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("f.sqlite")
        #expect(try cli.run(["init", "--db", db]).status == 0)
        #expect(
            try cli.run([
                "demo", "generate-responses", "--db", db, "--survey", "coordination", "--count", "6000", "--seed", "8",
                "--as-of", "2026-06-15", "--out", dir.path("big.csv")
            ]).status == 0)
        let process = Process()
        process.executableURL = cli.executable
        process.arguments = ["import", "responses", "--db", db, "--survey", "coordination", dir.path("big.csv"), "--as-of", "2026-06-15"]
        process.currentDirectoryURL = Fixtures.projectRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        func size(_ path: String) -> Int { ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0 }
        let initial = size(db)
        try process.run()
        // Kill it once its transaction has written pages, well before it can commit: into the
        // file itself (rollback journal, the file being free) or into the WAL.
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, size(db) < initial + 200_000, size(db + "-wal") < 200_000 {
            usleep(20_000)
        }
        #expect(
            size(db) >= initial + 200_000 && FileManager.default.fileExists(atPath: db + "-journal"),
            "the import's pages did not go to the file through a rollback journal")
        #expect(process.isRunning, "the import finished before it could be killed; make the file larger")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        // The database opens, passes its integrity check and holds no response.
        let output = try SQLiteShell.run(db, "PRAGMA integrity_check; SELECT COUNT(*) FROM sqlite_master WHERE name = 'responses_coordination';")
        #expect(output == "ok\n0\n")
    }

    @Test func exportDictionaryListsEveryVariable() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("f.sqlite")
        try cli.run(["init", "--db", db])
        let outcome = try cli.run(["export", "dictionary", "--db", db, "--survey", "coordination"])
        #expect(outcome.status == 0)
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.first == "variable,question,section,type,label,required,relevant,constraint,choice_filter,calculation,choices")
        #expect(lines.contains { $0.hasPrefix("etp_coordination,etp_coordination,coordinateur,decimal,") && $0.contains(". >= 0 and . <= 5") })
    }

    /// A column with data and no question stops the import (exit 1), as JSON with --format json;
    /// --ignore-unmatched imports without it and says so; --generate-ids needs no id column.
    @Test func unmatchedColumnsStopAndJSONErrorsAreJSON() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("f.sqlite")
        #expect(try cli.run(["init", "--db", db]).status == 0)
        #expect(
            try cli.run([
                "demo", "generate-responses", "--db", db, "--survey", "coordination", "--count", "5", "--seed", "4",
                "--as-of", "2026-06-15", "--out", dir.path("r.csv")
            ]).status == 0)
        let lines = try String(contentsOfFile: dir.path("r.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
        let withColumn = ["\(lines[0]),Saisi par"] + lines.dropFirst().map { "\($0),Léa" }
        try withColumn.joined(separator: "\n").write(toFile: dir.path("s.csv"), atomically: true, encoding: .utf8)
        let base = ["import", "responses", "--db", db, "--survey", "coordination", dir.path("s.csv"), "--as-of", "2026-06-15"]
        let stopped = try cli.run(base + ["--format", "json"])
        #expect(stopped.status == 1)
        #expect(stopped.stdout.hasPrefix(#"{"error":""#) && stopped.stdout.contains("'Saisi par' (5 non-empty cells)"), "\(stopped.stdout)")
        let plain = try cli.run(base)
        #expect(plain.status == 1 && plain.stderr.contains("hold data but match no question; nothing was imported"))
        let ignored = try cli.run(base + ["--ignore-unmatched", "--format", "json"])
        #expect(ignored.status == 0)
        #expect(
            ignored.stdout.contains(#""inserted":5"#) && ignored.stdout.contains("its 5 non-empty cell(s) were not imported (--ignore-unmatched)"))
        // Without its id column, the file imports with ids made from each row, twice alike.
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
        #expect(header.first == "response_id")
        let noId = lines.map { $0.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)[1] }
        try noId.joined(separator: "\n").write(toFile: dir.path("n.csv"), atomically: true, encoding: .utf8)
        let generated = [
            "import", "responses", "--db", db, "--survey", "coordination", dir.path("n.csv"), "--as-of", "2026-06-15", "--generate-ids", "--format",
            "json"
        ]
        #expect(try cli.run(generated).stdout.contains(#""inserted":5"#))
        #expect(try cli.run(generated).stdout.contains(#""inserted":0,"updated":0,"unchanged":5"#))
        #expect(try cli.run(generated + ["--id-column", "x"]).status == 2)
    }
}
