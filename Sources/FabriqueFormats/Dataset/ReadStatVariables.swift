import CLibReadStat

/// A dataset's variables declared to a ReadStat writer (names, labels, formats, value labels,
/// missing values), and the insertion of each value in the format's representation.
struct ReadStatVariables {
    private let writer: UnsafeMutablePointer<readstat_writer_t>
    private let dataset: Dataset
    private let layout: DatasetLayout
    private let check: ReadStatCheck
    private let handles: [UnsafeMutablePointer<readstat_variable_t>]
    /// Stata `strL` texts, added before the header as ReadStat requires, by row then column.
    private let references: [[Int: UnsafeMutablePointer<readstat_string_ref_t>]]

    /// Texts longer than this are Stata `strL`s.
    static let stataStrLimit = 2_045

    init(_ dataset: Dataset, layout: DatasetLayout, writer: UnsafeMutablePointer<readstat_writer_t>, check: ReadStatCheck) throws {
        self.writer = writer
        self.dataset = dataset
        self.layout = layout
        self.check = check
        let format = layout.format
        var handles: [UnsafeMutablePointer<readstat_variable_t>] = []
        var long = Set<Int>()
        for (index, variable) in dataset.variables.enumerated() {
            let name = layout.names[index]
            let width = layout.textWidths[index]
            let type: readstat_type_t
            switch variable.kind {
            case .text where format == .dta && width > Self.stataStrLimit:
                type = READSTAT_TYPE_STRING_REF
                long.insert(index)
            case .text: type = READSTAT_TYPE_STRING
            case .number, .date: type = READSTAT_TYPE_DOUBLE
            }
            guard let handle = readstat_add_variable(writer, name, type, variable.kind == .text ? width : 0) else {
                throw DatasetError.readStat(format: format, step: "variable \(name)", message: "out of memory")
            }
            readstat_variable_set_label(handle, layout.labels[index])
            if let display = Self.displayFormat(variable.kind, format) { readstat_variable_set_format(handle, display) }
            if format == .sav { readstat_variable_set_measure(handle, Self.measure(variable.measure)) }
            if variable.kind != .text {
                try Self.declareLabels(variable, index, layout, writer, handle)
                if format == .sav, format.declaresMissing(variable.kind) { try Self.declareMissing(variable.missingCodes, handle, name, check) }
            }
            handles.append(handle)
        }
        self.handles = handles
        references = long.isEmpty ? [] : Self.references(dataset, columns: long, writer: writer)
    }

    /// The value labels and the labels of the missing codes, as a set named after the variable.
    private static func declareLabels(
        _ variable: DatasetVariable, _ index: Int, _ layout: DatasetLayout, _ writer: UnsafeMutablePointer<readstat_writer_t>,
        _ handle: UnsafeMutablePointer<readstat_variable_t>
    ) throws {
        let missingCodes = layout.format.declaresMissing(variable.kind) ? variable.missingCodes : []
        guard !variable.valueLabels.isEmpty || !missingCodes.isEmpty else { return }
        guard let set = readstat_add_label_set(writer, READSTAT_TYPE_DOUBLE, layout.names[index]) else {
            throw DatasetError.readStat(format: layout.format, step: "value labels of \(layout.names[index])", message: "out of memory")
        }
        for value in layout.valueLabels[index] { readstat_label_double_value(set, value.value, value.label) }
        for (missing, label) in zip(missingCodes, layout.missingLabels[index]) {
            if layout.format == .sav {
                readstat_label_double_value(set, missing.code, label)
            } else {
                readstat_label_tagged_value(set, CChar(missing.tag.asciiValue ?? UInt8(ascii: "a")), label)
            }
        }
        readstat_variable_set_label_set(handle, set)
    }

    /// SPSS user-missing values: up to three discrete values, or one range over more.
    private static func declareMissing(
        _ codes: [MissingCode], _ handle: UnsafeMutablePointer<readstat_variable_t>, _ name: String, _ check: ReadStatCheck
    ) throws {
        let values = codes.map(\.code)
        if values.count <= 3 {
            for value in values {
                try check(readstat_variable_add_missing_double_value(handle, value), "missing values of \(name)")
            }
        } else if let low = values.min(), let high = values.max() {
            try check(readstat_variable_add_missing_double_range(handle, low, high), "missing values of \(name)")
        }
    }

    /// Inserts one value of the current row.
    func insert(_ value: DatasetValue, column: Int, row: Int) throws {
        let handle = handles[column]
        let variable = dataset.variables[column]
        let step = "row \(row + 1), variable \(layout.names[column])"
        let sav = layout.format == .sav
        switch (value, variable.kind) {
        case (.number(let number), .number):
            if sav, variable.missingCodes.contains(where: { $0.code == number }) || inMissingRange(number, variable) {
                throw DatasetError.valueKind(
                    variable: layout.names[column], row: row + 1, value: "\(number), a declared missing code,")
            }
            try check(readstat_insert_double_value(writer, handle, number), step)
        case (.date(let date), .date):
            let stored = sav ? DatasetWriter.spssSeconds(date) : DatasetWriter.stataDays(date)
            try check(readstat_insert_double_value(writer, handle, stored), step)
        case (.text(let text), .text):
            if let reference = references.isEmpty ? nil : references[row][column] {
                try check(readstat_insert_string_ref(writer, handle, reference), step)
            } else {
                try check(readstat_insert_string_value(writer, handle, text), step)
            }
        case (.declaredMissing(let index), .number), (.declaredMissing(let index), .date):
            guard variable.missingCodes.indices.contains(index) else {
                throw DatasetError.valueKind(variable: layout.names[column], row: row + 1, value: "missing code \(index)")
            }
            let missing = variable.missingCodes[index]
            if !layout.format.declaresMissing(variable.kind) {
                try check(readstat_insert_missing_value(writer, handle), step)
            } else if sav {
                try check(readstat_insert_double_value(writer, handle, missing.code), step)
            } else {
                try check(readstat_insert_tagged_missing_value(writer, handle, CChar(missing.tag.asciiValue ?? 0)), step)
            }
        case (.systemMissing, _):
            if let reference = references.isEmpty ? nil : references[row][column] {
                try check(readstat_insert_string_ref(writer, handle, reference), step)
            } else {
                try check(readstat_insert_missing_value(writer, handle), step)
            }
        default:
            throw DatasetError.valueKind(variable: layout.names[column], row: row + 1, value: "\(value)")
        }
    }

    /// Whether a value falls in the range SPSS declares missing (more than three codes).
    private func inMissingRange(_ number: Double, _ variable: DatasetVariable) -> Bool {
        let codes = variable.missingCodes.map(\.code)
        guard codes.count > 3, let low = codes.min(), let high = codes.max() else { return false }
        return (low...high).contains(number)
    }

    /// The `strL` of every text of the long columns (an empty text shares one reference).
    private static func references(
        _ dataset: Dataset, columns: Set<Int>, writer: UnsafeMutablePointer<readstat_writer_t>
    ) -> [[Int: UnsafeMutablePointer<readstat_string_ref_t>]] {
        let empty = readstat_add_string_ref(writer, "")
        return dataset.rows.map { row in
            var references: [Int: UnsafeMutablePointer<readstat_string_ref_t>] = [:]
            for column in columns {
                if case .text(let text) = row[column], !text.isEmpty {
                    references[column] = readstat_add_string_ref(writer, text)
                } else {
                    references[column] = empty
                }
            }
            return references
        }
    }

    /// SPSS: `F` with the decimals, dates `EDATE10` (dd.mm.yyyy); Stata: `%td` for dates.
    private static func displayFormat(_ kind: DatasetVariable.Kind, _ format: DatasetFormat) -> String? {
        switch (kind, format) {
        case (.number(let decimals), .sav): "F\(12 + min(decimals, 16)).\(min(decimals, 16))"
        case (.number(let decimals), .dta): decimals == 0 ? "%12.0g" : "%12.\(min(decimals, 9))f"
        case (.date, .sav): "EDATE10"
        case (.date, .dta): "%td"
        case (.text, _): nil
        }
    }

    private static func measure(_ measure: DatasetVariable.Measure) -> readstat_measure_t {
        switch measure {
        case .nominal: READSTAT_MEASURE_NOMINAL
        case .ordinal: READSTAT_MEASURE_ORDINAL
        case .scale: READSTAT_MEASURE_SCALE
        }
    }
}
