import FabriqueCore
import FabriqueFormats
import FabriqueStore

/// Lays stored responses out as a dataset for SPSS and Stata (`export responses --format sav|dta`):
/// numbers as numbers, dates as dates, choices as numbered codes with their labels, one 0/1
/// variable per option of a multiple choice, one rank per option of a ranking, and the declared
/// missing values of `MissingAnswers`. Feed it responses in order, then take the dataset.
public struct ResponseDatasetBuilder {
    public let survey: Survey
    private let validator: ResponseValidator
    private let today: CalendarDate
    let columns: [DatasetColumn]
    private var rows: [[DatasetValue]] = []
    /// The lowest number and the most decimals seen in each number column.
    private var lowest: [Int: Double] = [:]
    private var decimals: [Int: Int] = [:]
    /// Stored codes missing from the current choice list (answers kept from an older version),
    /// by column, in order of appearance: they are numbered after the list.
    private var unlisted: [Int: [String]] = [:]
    private var warnings: [String] = []

    /// Prepares a dataset of the survey's current version; `today` is the date conditions read.
    public init(survey: Survey, today: CalendarDate) {
        self.survey = survey
        self.today = today
        validator = ResponseValidator(survey: survey)
        columns = DatasetColumn.plan(survey)
    }

    /// The dataset of a survey's stored responses that `scope` lets its account read (every
    /// response without one), for the command line and the dashboard alike.
    public static func dataset(
        of survey: Survey, in database: any FabriqueStore, scope: AccountScope?, today: CalendarDate
    ) throws -> (dataset: Dataset, warnings: [String]) {
        var builder = ResponseDatasetBuilder(survey: survey, today: today)
        try database.forEachResponse(surveyId: survey.id) { response in
            if scope?.allows(region: response.values["region"]) ?? true { builder.append(response) }
        }
        return builder.dataset()
    }

    /// Adds a response as the next row. Whether each question applied is evaluated again from its
    /// answers, which tells a question skipped by a condition from one left unanswered.
    public mutating func append(_ response: StoredResponse) {
        let applicable = validator.evaluate(response.values, today: today).applicable
        var row: [DatasetValue] = []
        row.reserveCapacity(columns.count)
        for (index, column) in columns.enumerated() {
            let value = column.field.flatMap { response.values[$0] }
            let absent = column.field.map { MissingAnswers.absent(applies: applicable.contains($0)) } ?? .systemMissing
            switch column.source {
            case .responseId: row.append(.text(response.responseId))
            case .surveyVersion: row.append(.text(response.surveyVersion))
            case .origin: row.append(.text(response.origin))
            case .text: row.append(value.map(DatasetValue.text) ?? .systemMissing)
            case .number: row.append(value.map { number($0, index, response) } ?? absent)
            case .calculation: row.append(value.map(DatasetValue.text) ?? absent)
            case .date: row.append(value.map { date($0, index, response) } ?? absent)
            case .choice(let codes): row.append(value.map { choice($0, codes, index) } ?? absent)
            case .option(let code):
                row.append(value.map { .number($0.splitOnASCIIWhitespace().contains(code) ? 1 : 0) } ?? absent)
            case .rank(let code):
                // An option left out of an answered ranking was not offered (choice filter): it does not apply.
                let rank = value.map { $0.splitOnASCIIWhitespace().firstIndex(of: code).map { DatasetValue.number(Double($0 + 1)) } }
                row.append(rank.map { $0 ?? .declaredMissing(0) } ?? absent)
            }
        }
        rows.append(row)
    }

    /// The dataset of the responses added, and what was changed to write them (one sentence
    /// each, naming the variable) for standard error.
    public func dataset() -> (dataset: Dataset, warnings: [String]) {
        var variables = columns.map(\.variable)
        var rows = self.rows
        var warnings = self.warnings
        for (index, column) in columns.enumerated() {
            switch column.source {
            case .number:
                variables[index].kind = .number(decimals: decimals[index] ?? 0)
                variables[index].missingCodes = MissingAnswers.codes(below: lowest[index])
                warnings += Self.shiftedCodes(variables[index], lowest: lowest[index])
            case .calculation:
                let low = Self.typeCalculation(&variables[index], column: index, rows: &rows)
                warnings += Self.shiftedCodes(variables[index], lowest: low)
            case .choice:
                guard let codes = unlisted[index] else { continue }
                for (offset, code) in codes.enumerated() {
                    variables[index].valueLabels.append(ValueLabel(Double(column.nextNumber + offset), code))
                }
                warnings.append(
                    "\(column.variable.name): \(codes.count) stored code(s) are not in the current choice list "
                        + "(\(codes.joined(separator: ", "))): numbered from \(column.nextNumber) and labelled with the code")
            default:
                break
            }
        }
        let notes = DatasetColumn.notes(survey, columns: columns, unlisted: unlisted, rows: rows.count)
        return (Dataset(label: survey.title, variables: variables, rows: rows, notes: notes), warnings)
    }

    private mutating func number(_ text: String, _ column: Int, _ response: StoredResponse) -> DatasetValue {
        guard let number = ExpressionValue.parseNumber(text) else {
            warnings.append("\(columns[column].variable.name): response \(response.responseId) holds '\(text)', not a number; written as missing")
            return .systemMissing
        }
        lowest[column] = min(lowest[column] ?? number, number)
        decimals[column] = max(decimals[column] ?? 0, Self.decimals(text))
        return .number(number)
    }

    private mutating func date(_ text: String, _ column: Int, _ response: StoredResponse) -> DatasetValue {
        guard let date = CalendarDate(iso: text) else {
            warnings.append("\(columns[column].variable.name): response \(response.responseId) holds '\(text)', not a date; written as missing")
            return .systemMissing
        }
        return .date(date)
    }

    private mutating func choice(_ code: String, _ codes: [String: DatasetValue], _ column: Int) -> DatasetValue {
        if let value = codes[code] { return value }
        var extra = unlisted[column] ?? []
        let position = extra.firstIndex(of: code) ?? extra.count
        if position == extra.count { extra.append(code) }
        unlisted[column] = extra
        return .number(Double(columns[column].nextNumber + position))
    }

    /// The digits after the point of a canonical number.
    private static func decimals(_ text: String) -> Int {
        text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0
    }

    /// The warning for a number variable whose missing codes moved below its answers.
    private static func shiftedCodes(_ variable: DatasetVariable, lowest: Double?) -> [String] {
        guard let lowest, lowest <= -1, variable.missingCodes.count == 2 else { return [] }
        let codes = variable.missingCodes.map { AnswerParsing.canonical($0.code) }
        return [
            "\(variable.name): answers go down to \(AnswerParsing.canonical(lowest)), so its SPSS missing codes are "
                + "\(codes[0]) (Sans objet) and \(codes[1]) (Non renseigné) instead of -1 and -2"
        ]
    }

    /// A calculation is a number when every value is one, 0/1 when every value is `true` or
    /// `false`, and a text otherwise (declared missing values then become empty texts). Returns
    /// the lowest number.
    private static func typeCalculation(_ variable: inout DatasetVariable, column: Int, rows: inout [[DatasetValue]]) -> Double? {
        let texts = rows.compactMap { row -> String? in
            if case .text(let text) = row[column] { return text }
            return nil
        }
        let booleans = !texts.isEmpty && texts.allSatisfy { $0 == "true" || $0 == "false" }
        let numbers = texts.compactMap(ExpressionValue.parseNumber)
        if booleans || numbers.count == texts.count {
            variable.kind = .number(decimals: booleans ? 0 : texts.map(decimals).max() ?? 0)
            variable.missingCodes = MissingAnswers.codes(below: booleans ? nil : numbers.min())
            if booleans { variable.valueLabels = [ValueLabel(0, "Faux"), ValueLabel(1, "Vrai")] }
            for index in rows.indices {
                guard case .text(let text) = rows[index][column] else { continue }
                rows[index][column] = .number(booleans ? (text == "true" ? 1 : 0) : ExpressionValue.parseNumber(text) ?? 0)
            }
            return booleans ? nil : numbers.min()
        }
        variable.kind = .text
        variable.measure = .nominal
        variable.missingCodes = []
        for index in rows.indices {
            if case .declaredMissing = rows[index][column] { rows[index][column] = .systemMissing }
        }
        return nil
    }
}
