import Foundation

/// An SPSS or Stata file as pyreadstat reads it (`scripts/read-dataset.py`, run with
/// `.build/venv/bin/python`, where `make pyxform` installs pyreadstat): the reader that Python
/// analysts open these files with, so the tests check what users get, not what fabrique meant.
public struct DatasetReadBack: Decodable {
    /// One cell: a number, a text (Stata missing values read as their letter, dates as
    /// `yyyy-mm-dd`), or null.
    public enum Value: Decodable, Equatable, CustomStringConvertible {
        case number(Double)
        case text(String)
        case null

        public init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }

        public var description: String {
            switch self {
            case .number(let number): number == number.rounded() ? String(Int(number)) : String(number)
            case .text(let text): "'\(text)'"
            case .null: "null"
            }
        }
    }

    /// A variable's metadata.
    public struct Variable: Decodable {
        public var name: String
        public var label: String?
        public var format: String?
        /// ReadStat's type: `double` or `string`.
        public var type: String?
        /// Value labels keyed by value as text (`"1"`, `"-1"`, Stata's `"a"`).
        public var valueLabels: [String: String]
        /// SPSS user-missing values and ranges, as pairs (a discrete value has `lo == hi`).
        public var missingRanges: [Range]
        /// The Stata extended missing values found in the data.
        public var missingValues: [Value]
        public var measure: String?

        enum CodingKeys: String, CodingKey {
            case name, label, format, type, measure
            case valueLabels = "value_labels"
            case missingRanges = "missing_ranges"
            case missingValues = "missing_values"
        }
    }

    /// An SPSS missing range.
    public struct Range: Decodable, Equatable {
        public var lo: Value
        public var hi: Value

        /// A range from `lo` to `hi`.
        public init(lo: Value, hi: Value) {
            self.lo = lo
            self.hi = hi
        }
    }

    /// The file's metadata.
    public struct Meta: Decodable {
        public var fileLabel: String?
        public var fileEncoding: String?
        public var notes: [String]
        public var rows: Int
        public var variables: [Variable]

        enum CodingKeys: String, CodingKey {
            case notes, rows, variables
            case fileLabel = "file_label"
            case fileEncoding = "file_encoding"
        }
    }

    public var meta: Meta
    /// Values by column, declared missing values as stored (SPSS codes, Stata letters).
    public var values: [[Value]]
    /// Values by column as analysts read them by default: declared missing values are null.
    public var plain: [[Value]]

    /// The Python with pyreadstat.
    public static let python = Fixtures.path(".build/venv/bin/python")

    /// Reads a file, or fails (never skips) saying how to install pyreadstat.
    public static func read(_ path: String) throws -> DatasetReadBack {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: python)
        check.arguments = ["-c", "import pyreadstat"]
        guard (try? CommandRunner.capture(check))?.status == 0 else {
            throw CocoaError(
                .executableNotLoadable,
                userInfo: [NSLocalizedDescriptionKey: "pyreadstat is not installed in .build/venv: run 'make pyxform', which installs it"])
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [Fixtures.path("scripts/read-dataset.py"), path]
        let (status, data, errors) = try CommandRunner.capture(process)
        guard status == 0 else {
            throw CocoaError(
                .fileReadCorruptFile,
                userInfo: [NSLocalizedDescriptionKey: "pyreadstat could not read \(path): " + String(decoding: errors, as: UTF8.self)])
        }
        return try JSONDecoder().decode(DatasetReadBack.self, from: data)
    }

    /// The index of a variable, by name.
    public func column(_ name: String) -> Int? {
        meta.variables.firstIndex { $0.name == name }
    }

    /// A variable's metadata, by name.
    public func variable(_ name: String) -> Variable? {
        column(name).map { meta.variables[$0] }
    }

    /// A variable's values as stored, by name (empty when there is no such variable).
    public func values(_ name: String) -> [Value] {
        column(name).map { values[$0] } ?? []
    }
}
