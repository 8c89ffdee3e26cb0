import FabriqueCore
import FabriqueFormats
import FabriqueStore
import Foundation

extension CodingCommand.Export {
    /// `coding export --qdpx`: the fiches the reader may see, the codebook in force and the
    /// visible codings, as a REFI-QDA project.
    static func writeProject(
        _ context: CodingCommand.Context, codings: [Coding], scope: AccountScope?, to path: String
    ) throws {
        guard let codebook = try context.database.latestCodebook() else { throw InputError("no codebook in the database: run 'fabrique init'") }
        let sources = try context.database.experiences().filter { scope?.allows(region: $0.region) ?? true }.map {
            QDAProject.Source(slug: $0.slug, title: $0.title, text: $0.body)
        }
        let data = try QDAWriter.project(QDAProject(codebook: codebook, sources: sources, codings: codings))
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            throw InputError("cannot write \(path): \(error.localizedDescription)")
        }
        print("\(path): REFI-QDA project of \(sources.count) fiches, \(codings.count) codings, codebook '\(codebook.id)' v\(codebook.version)")
    }
}

/// A file's bytes, or an error that names it.
func readData(_ path: String) throws -> Data {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw InputError("cannot read \(path): check that the file exists and is readable")
    }
    return data
}
