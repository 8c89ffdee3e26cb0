import Foundation

/// `xmllint --schema` (Debian `libxml2-utils`, installed by `make deps`), the validator the tests
/// run on every REFI-QDA file fabrique writes. A missing xmllint is an error, not a skip.
public enum XMLLint {
    /// The REFI-QDA project schema, copied beside the tests' fixtures.
    public static let refiQDASchema = Fixtures.path("Tests/FabriqueImportTests/Fixtures/refi-qda/Project-mrt2019.xsd")

    /// xmllint's verdict on a document: whether it is valid, and what it said.
    public static func validate(_ document: Data, schema: String) throws -> (valid: Bool, output: String) {
        guard let tool = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw MissingTool()
        }
        let directory = try TemporaryDirectory()
        let file = directory.path("document.xml")
        try document.write(to: URL(fileURLWithPath: file))
        let outcome = try CommandRunner(executable: URL(fileURLWithPath: tool)).run(["--noout", "--schema", schema, file])
        return (outcome.status == 0, outcome.stdout + outcome.stderr)
    }

    /// xmllint is not installed.
    public struct MissingTool: Error, CustomStringConvertible {
        public var description: String { "xmllint is missing: install libxml2-utils ('make deps')" }
    }
}
