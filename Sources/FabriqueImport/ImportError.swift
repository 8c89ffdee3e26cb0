import FabriqueCore
import Foundation

/// Problems that stop an import before anything is written.
public enum ImportError: Error, LocalizedError, Sendable, Equatable {
    case noIdColumn(file: String, wanted: String?, candidates: [String])
    /// Id columns exist but are empty in the first rows (Kobo's `_uuid` and `_id` in some exports).
    case emptyIdColumns(file: String, columns: [String], rows: Int)
    case missingRequiredColumns(file: String, names: [String])
    case emptyFile(file: String)
    /// A mapping target that names no column of the survey's conventions (`q/code` with an unknown code).
    case unknownMappingTarget(file: String, column: String, target: String)
    /// Columns holding data that match no question: column number (1 = first), header, non-empty cells.
    case unmatchedColumns(file: String, columns: [UnmatchedColumn])
    /// A REDCap longitudinal export repeats each record once per event (`redcap_event_name`).
    case longitudinalExport(file: String, line: Int, responseId: String)

    /// One column that holds data and matches no question.
    public struct UnmatchedColumn: Sendable, Equatable {
        /// The column's number, 1 for the first.
        public var position: Int
        /// Its header.
        public var header: String
        /// Its non-empty cells in the file.
        public var filledCells: Int

        /// Creates the description of a column.
        public init(position: Int, header: String, filledCells: Int) {
            self.position = position
            self.header = header
            self.filledCells = filledCells
        }
    }

    public var errorDescription: String? {
        switch self {
        case .noIdColumn(let file, let wanted?, _):
            "\(file): no column '\(wanted)' for the response id; check --id-column or the mapping's id_column"
        case .noIdColumn(let file, nil, let candidates):
            "\(file): no response id column (looked for \(candidates.joined(separator: ", "))); "
                + "name it with --id-column COLUMN, or pass --generate-ids to derive each row's id from its content"
        case .emptyIdColumns(let file, let columns, let rows):
            "\(file): "
                + "the response id column\(columns.count > 1 ? "s" : "") \(columns.map { "'\($0)'" }.joined(separator: ", ")) "
                + "\(columns.count > 1 ? "are" : "is") empty in the first \(rows) row(s); nothing was imported. "
                + "Name a filled column with --id-column COLUMN, or pass --generate-ids to derive each row's id from its content"
        case .missingRequiredColumns(let file, let names):
            "\(file): no column for the required question\(names.count > 1 ? "s" : "") \(names.joined(separator: ", ")); "
                + "nothing was imported. Add the column\(names.count > 1 ? "s" : ""), or map them with --mapping FILE.yaml"
        case .emptyFile(let file):
            "\(file) is empty: a header line is expected"
        case .unknownMappingTarget(let file, let column, let target):
            "\(file): column '\(column)' is mapped to '\(target)', which names no question, choice or rank of the survey; "
                + "nothing was imported. Fix the mapping (q, q/code, q[code], q[1], q[other])"
        case .longitudinalExport(let file, let line, let id):
            "\(file) line \(line): "
                + "response '\(id)' appears twice in this REDCap longitudinal export (column 'redcap_event_name'), "
                + "or is already stored with other answers; nothing was imported. fabrique keeps one response per id: "
                + "import one event at a time (keep the rows of one redcap_event_name), or export the events as separate instruments"
        case .unmatchedColumns(let file, let columns):
            "\(file): \(columns.count) column(s) hold data but match no question; nothing was imported: "
                + columns.map { "column \($0.position) '\($0.header)' (\($0.filledCells) non-empty cell\($0.filledCells > 1 ? "s" : ""))" }.joined(
                    separator: ", ")
                + ". Map them to questions with --mapping, list them in the mapping's ignore: ["
                + columns.map { JSONOutput.string($0.header) }.joined(separator: ", ")
                + "], or pass --ignore-unmatched to import without them"
        }
    }
}
