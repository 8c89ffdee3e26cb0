import ArgumentParser
import FabriqueCore
import FabriqueFormats
import Foundation

extension CodebookCommand {
    /// `fabrique codebook import --qdc FILE [--out FILE]`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read a REFI-QDA codebook (.qdc, or the codebook of a .qdpx project) back as a codebook file.",
            discussion:
                "The codes must have the shape 'codebook export --qdc' writes: one top code 'ID vVERSION — TITLE' holding the criteria "
                + "'CODE — LABEL', each holding its levels 'VALUE — LABEL' (the anchors as descriptions). Every code that does not fit "
                + "is named with its GUID. The file written is checked as 'codebook validate' checks it; review it before it replaces "
                + "seeds/codebook.yaml."
        )

        @Option(help: ArgumentHelp("The REFI-QDA codebook (.qdc) or project (.qdpx) to read.", valueName: "file"))
        var qdc: String

        @Option(help: ArgumentHelp("The codebook file to write (default: standard output).", valueName: "file.yaml"))
        var out: String?

        func run() throws {
            let data = try readData(qdc)
            let codes =
                data.starts(with: [0x50, 0x4B])
                ? try QDAReader.project(data, file: qdc).codes : try QDAReader.codes(data, file: qdc)
            let codebook = try QDACodebook.codebook(codes, file: qdc)
            let yaml = QDACodebook.yaml(codebook)
            guard let out else { return print(yaml, terminator: "") }
            do {
                try yaml.write(toFile: out, atomically: true, encoding: .utf8)
            } catch {
                throw InputError("cannot write \(out): \(error.localizedDescription)")
            }
            print(
                "\(out): codebook '\(codebook.id)' version \(codebook.version), \(codebook.criteria.count) criteria, "
                    + "\(codebook.levels.count) levels")
        }
    }
}
