import FabriqueCore

/// A table for statistical software, independent of the file format: typed, labelled variables
/// and their rows. `DatasetWriter` writes it as an SPSS `.sav` or a Stata `.dta` file, adapting
/// names and labels to each format's limits (`DatasetLayout`).
public struct Dataset: Sendable {
    /// The file's label (SPSS file label, Stata data label).
    public var label: String
    /// The variables, in column order.
    public var variables: [DatasetVariable]
    /// One value per variable in each row.
    public var rows: [[DatasetValue]]
    /// Free text kept in the file (SPSS document, Stata notes): one paragraph per element.
    public var notes: [String]

    /// Creates a dataset.
    public init(label: String, variables: [DatasetVariable], rows: [[DatasetValue]] = [], notes: [String] = []) {
        self.label = label
        self.variables = variables
        self.rows = rows
        self.notes = notes
    }
}

/// One column of a `Dataset`.
public struct DatasetVariable: Sendable, Hashable {
    /// How values are stored.
    public enum Kind: Sendable, Hashable {
        /// A double, shown with this many decimals.
        case number(decimals: Int)
        /// A calendar date (SPSS: seconds since 1582-10-14, Stata: days since 1960-01-01).
        case date
        /// Text, as wide as its longest value.
        case text
    }

    /// The level of measurement SPSS records (Stata has none).
    public enum Measure: Sendable, Hashable {
        case nominal, ordinal, scale
    }

    /// The wanted name, before `nameEnding`; each format may have to change it (`DatasetLayout`),
    /// and says so.
    public var name: String
    /// An ending of the name that shortening keeps (`___code` of a multiple choice's option).
    public var nameEnding: String
    /// The variable label, before `labelEnding`.
    public var label: String
    /// An ending of the label that shortening keeps whole (" : option" of a multiple choice).
    public var labelEnding: String
    public var kind: Kind
    public var measure: Measure
    /// Labels of valid values (codes of a choice list, 0/1 of a ticked box).
    public var valueLabels: [ValueLabel]
    /// The kinds of missing value the variable declares, which rows refer to by position.
    /// SPSS dates are the exception: they are written system-missing (a date cannot be told from a
    /// code there), Stata keeps them apart.
    public var missingCodes: [MissingCode]

    /// Creates a variable.
    public init(
        name: String, nameEnding: String = "", label: String, labelEnding: String = "", kind: Kind, measure: Measure,
        valueLabels: [ValueLabel] = [], missingCodes: [MissingCode] = []
    ) {
        self.name = name
        self.nameEnding = nameEnding
        self.label = label
        self.labelEnding = labelEnding
        self.kind = kind
        self.measure = measure
        self.valueLabels = valueLabels
        self.missingCodes = missingCodes
    }
}

/// The label of one numeric value.
public struct ValueLabel: Sendable, Hashable {
    public var value: Double
    public var label: String

    /// Creates a value label.
    public init(_ value: Double, _ label: String) {
        self.value = value
        self.label = label
    }
}

/// A declared missing value: a number SPSS treats as missing (user-missing), and the Stata
/// extended missing value (`.a` to `.z`) that stands for it; both carry the same label.
public struct MissingCode: Sendable, Hashable {
    /// The SPSS value.
    public var code: Double
    /// The Stata tag, `a` to `z`.
    public var tag: Character
    public var label: String

    /// Creates a missing code.
    public init(code: Double, tag: Character, label: String) {
        self.code = code
        self.tag = tag
        self.label = label
    }
}

/// One cell of a `Dataset`.
public enum DatasetValue: Sendable, Hashable {
    case number(Double)
    case date(CalendarDate)
    case text(String)
    /// The variable's missing code at this position of its `missingCodes`.
    case declaredMissing(Int)
    /// SPSS system-missing, Stata `.`; an empty text for a text variable.
    case systemMissing
}
