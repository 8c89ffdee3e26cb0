import ArgumentParser
import FabriqueCore
import FabriqueFormats
import Foundation

extension CodebookCommand {
    /// `fabrique codebook export --qdc OUT [FILE]`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the codebook as a REFI-QDA codebook (.qdc) for ATLAS.ti, NVivo, MAXQDA or QualCoder.",
            discussion:
                "One code for the codebook holds one code per criterion (CODE — LABEL, its definition as description), each holding one "
                + "codable code per level (VALUE — LABEL, the criterion's anchor as description)."
        )

        @Argument(help: ArgumentHelp("The codebook file.", valueName: "file"))
        var file = "seeds/codebook.yaml"

        @Option(help: ArgumentHelp("The REFI-QDA codebook to write.", valueName: "out.qdc"))
        var qdc: String

        func run() throws {
            let file = DataFolder.resolve(self.file)
            let codebook = try CodebookParser.parse(try readText(file), file: file)
            do {
                try QDAWriter.codebook(codebook).write(to: URL(fileURLWithPath: qdc))
            } catch {
                throw InputError("cannot write \(qdc): \(error.localizedDescription)")
            }
            print(
                "\(qdc): REFI-QDA codebook '\(codebook.id)' v\(codebook.version), "
                    + "\(codebook.criteria.count) criteria, \(codebook.levels.count) levels"
            )
        }
    }
}
