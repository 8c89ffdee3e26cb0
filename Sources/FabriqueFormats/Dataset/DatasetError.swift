import Foundation

/// Why a dataset could not be written as an SPSS or Stata file.
public enum DatasetError: Error, Sendable, LocalizedError, Equatable {
    /// ReadStat refused a step; `message` is its own (`readstat_error_message`).
    case readStat(format: DatasetFormat, step: String, message: String)
    /// A text is longer than the format keeps (SPSS: 32,767 bytes).
    case textTooLong(variable: String, row: Int, rowName: String?, bytes: Int, format: DatasetFormat)
    /// A row does not have one value per variable (a defect of the caller).
    case rowWidth(row: Int, values: Int, variables: Int)
    /// A value does not suit its variable (a defect of the caller).
    case valueKind(variable: String, row: Int, value: String)
    /// The file could not be written.
    case output(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .readStat(let format, let step, let message):
            return "ReadStat could not write the .\(format.fileExtension) file (\(step)): \(message)"
        case .textTooLong(let variable, let row, let rowName, let bytes, let format):
            let place = "row \(row)" + (rowName.map { " ('\($0)')" } ?? "")
            return "\(place), variable \(variable): a text of \(bytes) bytes is longer than \(format.software) keeps "
                + "(\(format.textLimit) bytes); export it for Stata (.dta), which keeps long texts whole, or as CSV"
        case .rowWidth(let row, let values, let variables):
            return "row \(row) has \(values) values for \(variables) variables (please report this)"
        case .valueKind(let variable, let row, let value):
            return "row \(row), variable \(variable): \(value) does not suit the variable's type (please report this)"
        case .output(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
