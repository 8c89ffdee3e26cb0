/// What a dataset becomes in one format: valid and unique names, labels within the format's
/// limits, and the width of each text. Every change is reported as a warning naming the variable;
/// nothing is changed silently.
struct DatasetLayout {
    let format: DatasetFormat
    /// The names written, aligned with the dataset's variables.
    let names: [String]
    /// The variable labels written.
    let labels: [String]
    /// The value labels written, shortened where needed.
    let valueLabels: [[ValueLabel]]
    /// The labels of the missing codes written.
    let missingLabels: [[String]]
    /// The file label written.
    let fileLabel: String
    /// The notes written: SPSS document lines of 80 bytes, Stata notes of a paragraph each.
    let notes: [String]
    /// The storage width of each text variable, in bytes (at least 1); 0 for other kinds.
    let textWidths: [Int]
    /// One sentence per change, for standard error.
    let warnings: [String]

    /// Lays `dataset` out for `format`, or explains why it cannot be written.
    init(_ dataset: Dataset, format: DatasetFormat) throws {
        self.format = format
        var warnings: [String] = []
        let names = Self.names(dataset.variables, format: format, warnings: &warnings)
        self.names = names
        let software = format.software
        func shortened(_ text: String, ending: String = "", _ limit: TextLimit, _ what: String, _ name: String) -> String {
            guard let short = limit.shortened(text, ending: ending) else { return text + ending }
            warnings.append((name.isEmpty ? "" : "\(name): ") + "\(what) shortened to \(software)'s \(limit.description)")
            return short
        }
        labels = zip(dataset.variables, names).map { variable, name in
            shortened(variable.label, ending: variable.labelEnding, format.variableLabelLimit, "variable label", name)
        }
        valueLabels = zip(dataset.variables, names).map { variable, name in
            variable.valueLabels.map { value in
                ValueLabel(value.value, shortened(value.label, format.valueLabelLimit, "value label of \(Self.number(value.value))", name))
            }
        }
        missingLabels = zip(dataset.variables, names).map { variable, name in
            guard format.declaresMissing(variable.kind) else { return [] }
            return variable.missingCodes.map { missing in
                let code = format == .sav ? Self.number(missing.code) : ".\(missing.tag)"
                return shortened(missing.label, format.valueLabelLimit, "value label of \(code)", name)
            }
        }
        fileLabel = shortened(dataset.label, format.fileLabelLimit, "file label", "")
        notes = format == .sav ? dataset.notes.flatMap { Self.lines($0, limit: format.noteLimit.value) } : dataset.notes
        textWidths = try Self.textWidths(dataset, names: names, format: format, warnings: &warnings)
        self.warnings = warnings
    }

    /// A number as messages show it: `3`, `-1`, `0.5`.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// Valid, unique names. Names that are valid as given are kept first, so that a name changed
    /// for the format never takes the place of one that needed no change. A name too long is cut
    /// before its ending, which tells options apart.
    static func names(_ variables: [DatasetVariable], format: DatasetFormat, warnings: inout [String]) -> [String] {
        // SPSS names are compared without case; so are Stata's here, so that both files agree.
        var taken = Set<String>()
        let wanted = variables.map { $0.name + $0.nameEnding }
        var result = [String?](repeating: nil, count: wanted.count)
        for (index, name) in wanted.enumerated() where problem(name, format: format) == nil && !taken.contains(name.lowercased()) {
            taken.insert(name.lowercased())
            result[index] = name
        }
        let limit = format.nameLimit
        for (index, name) in wanted.enumerated() where result[index] == nil {
            var stem = Names.sanitized(variables[index].name)
            // The ending keeps its leading underscores: sanitized after a letter, which is then dropped.
            let ending = variables[index].nameEnding.isEmpty ? "" : String(Names.sanitized("v" + variables[index].nameEnding).dropFirst())
            if format == .sav, stem.hasPrefix("_") || stem.first?.isNumber == true { stem = "v" + stem }
            var base = stem.count + ending.count <= limit || ending.count >= limit ? stem + ending : stem.prefix(limit - ending.count) + ending
            base = String(base.prefix(limit))
            if format.isReserved(base) { base = String(base.prefix(limit - 1)) + "_" }
            let written = Names.unique(base, in: &taken, maxLength: limit, key: { $0.lowercased() })
            let reason = problem(name, format: format) ?? "the name is already taken"
            warnings.append("\(name): written as '\(written)' in the .\(format.fileExtension) file (\(reason))")
            result[index] = written
        }
        return result.map { $0 ?? "" }
    }

    /// Why a name is not valid in the format, or nil.
    static func problem(_ name: String, format: DatasetFormat) -> String? {
        let software = format.software
        guard let first = name.unicodeScalars.first else { return "a name cannot be empty" }
        guard name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }) else {
            return "\(software) names hold only ASCII letters, digits and _"
        }
        if ("0"..."9").contains(first) || (format == .sav && first == "_") {
            return format == .sav ? "SPSS names start with a letter" : "Stata names start with a letter or _"
        }
        if name.utf8.count > format.nameLimit { return "\(software) names have at most \(format.nameLimit) characters" }
        if format.isReserved(name) { return "'\(name)' is a reserved word of \(software)" }
        return nil
    }

    /// A paragraph cut into lines of at most `limit` bytes, between words where it can.
    static func lines(_ paragraph: String, limit: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in paragraph.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if candidate.utf8.count <= limit {
                line = candidate
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = ""
            for character in word {
                if (line + String(character)).utf8.count > limit {
                    lines.append(line)
                    line = ""
                }
                line.append(character)
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// The widest value of each text variable, in bytes; refuses a text longer than the format keeps,
    /// and warns of texts ending with spaces in SPSS, which pads texts with spaces.
    private static func textWidths(_ dataset: Dataset, names: [String], format: DatasetFormat, warnings: inout [String]) throws -> [Int] {
        var widths = dataset.variables.map { $0.kind == .text ? 1 : 0 }
        var padded = [Int](repeating: 0, count: widths.count)
        for (rowIndex, row) in dataset.rows.enumerated() {
            guard row.count == dataset.variables.count else {
                throw DatasetError.rowWidth(row: rowIndex + 1, values: row.count, variables: dataset.variables.count)
            }
            for (column, value) in row.enumerated() {
                guard case .text(let text) = value else { continue }
                let bytes = text.utf8.count
                if bytes > format.textLimit {
                    throw DatasetError.textTooLong(
                        variable: names[column], row: rowIndex + 1, rowName: rowName(row), bytes: bytes, format: format)
                }
                widths[column] = max(widths[column], bytes)
                if format == .sav, text.hasSuffix(" ") { padded[column] += 1 }
            }
        }
        for (column, count) in padded.enumerated() where count > 0 {
            warnings.append("\(names[column]): \(count) text(s) end with spaces, which SPSS does not keep (it pads texts with spaces)")
        }
        return widths
    }

    /// The value of the row's first variable when it is a text, which names the row in messages.
    static func rowName(_ row: [DatasetValue]) -> String? {
        if case .text(let text) = row.first { return text }
        return nil
    }
}
