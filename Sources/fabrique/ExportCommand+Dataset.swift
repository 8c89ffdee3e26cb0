import ArgumentParser
import FabriqueCore
import FabriqueFormats
import FabriqueImport
import FabriqueStore
import Foundation

extension ExportCommand.Responses {
    /// The formats of `export responses`.
    enum ResponseFormat: String, ExpressibleByArgument, CaseIterable {
        case csv, json, sav, dta

        /// The statistical software file of `sav` and `dta`.
        var dataset: DatasetFormat? { DatasetFormat(rawValue: rawValue) }
    }

    /// Options that only CSV and JSON take, and a binary file meant for a terminal, are refused.
    func validateDataset() throws {
        guard let dataset = format.dataset else { return }
        let unused = [(labels, "--labels"), (excel, "--excel"), (multiple == .split, "--multiple split")].filter(\.0).map(\.1)
        if let option = unused.first {
            throw ValidationError(
                "\(option) applies to csv and json: a .\(dataset.fileExtension) file holds codes with their value labels "
                    + "and one 0/1 variable per option already")
        }
        if out == nil, isatty(STDOUT_FILENO) == 1 {
            throw ValidationError("a .\(dataset.fileExtension) file is binary: give --out FILE, or redirect the output to a file or a pipe")
        }
    }

    /// Writes the responses the scope may read as an SPSS or Stata file (`ResponseDatasetBuilder`),
    /// to `--out` through a temporary file, or to the pipe of standard output. What the format
    /// changed (names, shortened labels) goes to standard error, one warning per variable.
    func writeDataset(_ format: DatasetFormat, survey: Survey, database: any FabriqueStore, scope: AccountScope?) throws {
        let (dataset, notices) = try ResponseDatasetBuilder.dataset(of: survey, in: database, scope: scope, today: Clock.today())
        let warnings: [String]
        if let out {
            warnings = try DatasetWriter.write(dataset, format: format, toFile: out)
        } else {
            let file = try DatasetWriter.data(dataset, format: format)
            try FileHandle.standardOutput.write(contentsOf: file.data)
            warnings = file.warnings
        }
        for warning in notices + warnings { Console.error("warning: \(warning)") }
        if warnings.contains(where: { $0.contains("label shortened") }) {
            Console.error("note: 'fabrique export dictionary --survey \(survey.id)' gives every label whole")
        }
    }
}
