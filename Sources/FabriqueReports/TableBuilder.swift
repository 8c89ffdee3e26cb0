import FabriqueCore
import FabriqueStats
import FabriqueStore

/// Builds tables from stored responses: loads the columns a request needs, keeps the responses its
/// filter accepts (Core's evaluator), and computes the statistics (FabriqueStats) with suppression.
public struct TableBuilder: Sendable {
    public let survey: Survey
    public let database: any FabriqueStore
    /// The date `today()` means in filters.
    public let today: CalendarDate
    private let fields: [String: AnswerField]

    /// Prepares a builder for a survey's responses.
    public init(survey: Survey, database: any FabriqueStore, today: CalendarDate) {
        self.survey = survey
        self.database = database
        self.today = today
        fields = Dictionary(survey.fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func build(_ request: TableRequest) throws -> StatTable {
        let rowField = try field(request.rows)
        let crossing = try (request.cols ?? (rowField.valueType.isNumeric ? nil : request.by)).map(field)
        let grouping = try (rowField.valueType.isNumeric ? request.by : nil).map(field)
        var filter: FormExpression?
        if let source = request.filter {
            do { filter = try ExpressionParser.parse(source) } catch { throw TableError.filterSyntax(error.description) }
            for reference in filter!.references where fields[reference.name] == nil { throw TableError.filterReference(reference.name) }
        }
        // Equality conditions go to SQLite; the rest of the filter is evaluated here.
        let pushdown = filter.map { FilterPushdown($0, fields: fields) }
        let conditions = pushdown?.equalities ?? []
        filter = pushdown?.residual
        if filter == nil, let fast = try unfiltered(rowField, crossing, grouping, request.threshold, conditions) { return fast }
        let names = [rowField.name] + [crossing?.name, grouping?.name].compactMap { $0 } + (filter?.references.map(\.name) ?? [])
        let (count, columns) = try database.responseColumns(surveyId: survey.id, names: names, where: conditions)
        let kept = (0..<count).filter { index in
            guard let filter else { return true }
            return filter.isTrue(
                in: EvaluationContext(today: today, value: { name in fields[name]?.typedValue(columns[name]?[index] ?? nil) ?? .empty }))
        }
        let rows = kept.map { columns[rowField.name]![$0] }
        if let crossing {
            for f in [rowField, crossing] where f.valueType != .selectOne && f.valueType != .selectMultiple {
                throw TableError.notCategorical(f.name, type: f.question.type.rawValue)
            }
            return crosstab(rowField, crossing, rows, kept.map { columns[crossing.name]![$0] }, request.threshold)
        }
        switch rowField.valueType {
        case .integer, .decimal, .calculate:
            if let grouping, grouping.valueType != .selectOne, grouping.valueType != .selectMultiple {
                throw TableError.notCategorical(grouping.name, type: grouping.question.type.rawValue)
            }
            return numeric(
                rowField, rows.map { $0.flatMap(ExpressionValue.parseNumber) }, grouping, grouping.map { g in kept.map { columns[g.name]![$0] } },
                request.threshold)
        case .selectMultiple:
            return multiSelect(rowField, rows, request.threshold)
        case .selectOne:
            return frequency(rowField, rows, request.threshold)
        default:
            throw TableError.notNumericOrCategorical(rowField.name, type: rowField.question.type.rawValue)
        }
    }

    /// Likert items on their common scale: the distribution over the scale, the mean score and the
    /// top-2-box share, each item with its own suppression mask over the scale points.
    public func likert(_ names: [String], filter: String? = nil, threshold: Int) throws -> StatTable {
        let items = try names.map(field)
        guard let first = items.first else { return .likert(scale: [], items: [], threshold: threshold) }
        let scale = choices(first)
        let points = scale.compactMap { Double($0.value) }
        var summaries: [(name: String, label: String, summary: LikertSummary, suppressed: [Bool])] = []
        for item in items {
            guard
                case .frequency(_, _, _, let missing, let categories, _) = try build(
                    TableRequest(rows: item.name, filter: filter, threshold: threshold))
            else { continue }
            // Rebuild the answers from the counts, in scale order, to summarise them.
            var values: [Double?] = Array(repeating: nil, count: missing)
            for category in categories { values += Array(repeating: Double(category.value), count: category.n) }
            let summary = LikertSummary(values, scale: points)
            summaries.append((item.name, item.label, summary, SmallCellSuppression.mask(summary.distribution, threshold: threshold)))
        }
        return .likert(scale: scale.map { ($0.value, $0.label) }, items: summaries, threshold: threshold)
    }

    /// Without a filter, SQLite does the counting (categorical tables) or hands numbers over
    /// directly (numeric tables); the statistics are the same as on the full rows.
    private func unfiltered(
        _ rowField: AnswerField, _ crossing: AnswerField?, _ grouping: AnswerField?, _ threshold: Int,
        _ conditions: [(column: String, value: String)]
    ) throws -> StatTable? {
        if let crossing {
            guard [rowField, crossing].allSatisfy({ $0.valueType == .selectOne || $0.valueType == .selectMultiple }) else { return nil }
            let groups = try database.responseGroupCounts(surveyId: survey.id, names: [rowField.name, crossing.name], where: conditions)
            return crosstab(rowField, crossing, groups.map { ($0.values[0], $0.values[1], $0.count) }, threshold)
        }
        switch rowField.valueType {
        case .integer, .decimal, .calculate:
            if let grouping, grouping.valueType != .selectOne, grouping.valueType != .selectMultiple { return nil }
            let pairs = try database.responseNumbers(surveyId: survey.id, value: rowField.name, group: grouping?.name, where: conditions)
            return numeric(rowField, pairs.map(\.value), grouping, grouping == nil ? nil : pairs.map(\.group), threshold)
        case .selectOne, .selectMultiple:
            let groups = try database.responseGroupCounts(surveyId: survey.id, names: [rowField.name], where: conditions)
            if rowField.valueType == .selectMultiple { return multiSelect(rowField, weighted: groups.map { ($0.values[0], $0.count) }, threshold) }
            var expanded: [String?] = []
            for group in groups { expanded += Array(repeating: group.values[0], count: group.count) }
            return frequency(rowField, expanded, threshold)
        default:
            return nil
        }
    }

    private func field(_ name: String) throws -> AnswerField {
        guard let field = fields[name] else { throw TableError.unknownVariable(name, survey: survey.id) }
        return field
    }

    /// The choices of a field, in list order (likert items read their scale).
    private func choices(_ field: AnswerField) -> [Choice] {
        if case .likertItem = field.kind { return field.question.choices.flatMap(survey.choiceList(named:))?.items ?? [] }
        return survey.choices(for: field.question)
    }

    private func label(_ field: AnswerField, _ code: String) -> String {
        choices(field).first { $0.value == code }?.label ?? code
    }

    func frequency(_ field: AnswerField, _ values: [String?], _ threshold: Int) -> StatTable {
        let table = FrequencyTable(values, categories: choices(field).map(\.value))
        let hidden = SmallCellSuppression.mask(table.rows.map(\.count), threshold: threshold)
        let categories = zip(table.rows, hidden).map { row, suppressed in
            CategoryCount(
                value: row.value, label: label(field, row.value), n: row.count, percent: row.percent,
                ci95: table.valid > 0 ? row.ci95 : nil, percentOfResponses: nil, suppressed: suppressed)
        }
        return .frequency(
            question: field.name, label: field.label, valid: table.valid, missing: table.missing, categories: categories, threshold: threshold)
    }

    func multiSelect(_ field: AnswerField, _ values: [String?], _ threshold: Int) -> StatTable {
        multiSelect(field, weighted: values.map { ($0, 1) }, threshold)
    }

    /// A select_multiple from (stored answer, how many responses gave it) pairs: each distinct
    /// answer is split once, however many responses share it.
    func multiSelect(_ field: AnswerField, weighted: [(String?, Int)], _ threshold: Int) -> StatTable {
        var counts: [String: Int] = [:]
        var respondents = 0
        var total = 0
        for (value, weight) in weighted {
            total += weight
            guard let value else { continue }
            respondents += weight
            for code in value.splitOnASCIIWhitespace() { counts[code, default: 0] += weight }
        }
        let responses = counts.values.reduce(0, +)
        let codes = choices(field).map(\.value) + counts.keys.filter { code in !choices(field).contains { $0.value == code } }.sorted()
        let hidden = SmallCellSuppression.mask(codes.map { counts[$0] ?? 0 }, threshold: threshold)
        let categories = zip(codes, hidden).map { code, suppressed in
            let n = counts[code] ?? 0
            let interval = WilsonInterval.interval(count: n, n: respondents)
            return CategoryCount(
                value: code, label: label(field, code), n: n,
                percent: respondents == 0 ? 0 : Double(n) * 100 / Double(respondents),
                ci95: interval.map { ($0.lower * 100, $0.upper * 100) },
                percentOfResponses: responses == 0 ? 0 : Double(n) * 100 / Double(responses), suppressed: suppressed)
        }
        return .multiSelect(
            question: field.name, label: field.label, respondents: respondents, missing: total - respondents,
            responses: responses, categories: categories, threshold: threshold)
    }

    /// Cross-tabulates two categorical variables; a select_multiple counts once per choice made,
    /// and then no χ² applies (`CrosstabTest.multipleChoice`).
    func crosstab(_ rowField: AnswerField, _ colField: AnswerField, _ rowValues: [String?], _ colValues: [String?], _ threshold: Int) -> StatTable {
        crosstab(rowField, colField, zip(rowValues, colValues).map { ($0, $1, 1) }, threshold)
    }

    /// Cross-tabulates (row value, column value, how many responses) triples.
    func crosstab(_ rowField: AnswerField, _ colField: AnswerField, _ weighted: [(String?, String?, Int)], _ threshold: Int) -> StatTable {
        var pairs: [String: [String: Int]] = [:]
        var missing = 0
        for (r, c, count) in weighted {
            guard let r, let c else {
                missing += count
                continue
            }
            for rc in r.splitOnASCIIWhitespace() { for cc in c.splitOnASCIIWhitespace() { pairs[rc, default: [:]][cc, default: 0] += count } }
        }
        let rowCodes = CodeOrder.sorted(Array(pairs.keys))
        let colCodes = CodeOrder.sorted(Array(Set(pairs.values.flatMap(\.keys))))
        let counts = rowCodes.map { r in colCodes.map { c in pairs[r]?[c] ?? 0 } }
        return .crosstab(
            rowQuestion: rowField.name, colQuestion: colField.name,
            rows: rowCodes.map { ($0, label(rowField, $0)) }, cols: colCodes.map { ($0, label(colField, $0)) },
            counts: counts, suppressed: SmallCellSuppression.mask(counts, threshold: threshold),
            test: Self.test(counts, rowField, colField), missing: missing, threshold: threshold)
    }

    /// Pearson's χ² on the counts, unless a select_multiple puts a response in several cells.
    static func test(_ counts: [[Int]], _ rowField: AnswerField, _ colField: AnswerField) -> CrosstabTest {
        if let multiple = [rowField, colField].first(where: { $0.valueType == .selectMultiple }) {
            return .multipleChoice(question: multiple.name)
        }
        return .pearson(ChiSquareTest(counts))
    }

    /// Which groups of a numeric table to hide: those with 1 to threshold − 1 answers, and when
    /// that is one group only, the smallest other (it could be recovered from the overall figures).
    static func groupMask(_ counts: [Int], threshold: Int) -> [Bool] {
        var hidden = counts.map { $0 > 0 && $0 < threshold }
        if hidden.filter({ $0 }).count == 1,
            let partner = counts.indices.filter({ !hidden[$0] && counts[$0] > 0 }).min(by: { counts[$0] < counts[$1] })
        {
            hidden[partner] = true
        }
        return hidden
    }

    func numeric(_ field: AnswerField, _ values: [Double?], _ grouping: AnswerField?, _ groups: [String?]?, _ threshold: Int) -> StatTable {
        var buckets: [String: (values: [Double], missing: Int)] = [:]
        for (index, value) in values.enumerated() {
            let keys: [String] = groups.map { $0[index]?.splitOnASCIIWhitespace() ?? [] } ?? [""]
            for key in keys {
                if let number = value {
                    buckets[key, default: ([], 0)].values.append(number)
                } else {
                    buckets[key, default: ([], 0)].missing += 1
                }
            }
        }
        let keys = grouping == nil ? [""] : CodeOrder.sorted(Array(buckets.keys))
        let result = keys.map { key in
            let bucket = buckets[key] ?? ([], 0)
            return NumericGroup(
                value: key, label: grouping.map { label($0, key) } ?? field.label, missing: bucket.missing,
                summary: DescriptiveSummaryBox(value: DescriptiveSummary(bucket.values)),
                suppressed: bucket.values.count > 0 && bucket.values.count < threshold)
        }
        var groupsOut = result
        for (index, hidden) in Self.groupMask(result.map(\.summary.value.n), threshold: threshold).enumerated() {
            groupsOut[index].suppressed = hidden
        }
        return .numeric(question: field.name, label: field.label, by: grouping?.name, groups: groupsOut, threshold: threshold)
    }
}

/// Codes in order: numerically when they all are numbers ("2" before "10"), else as text.
enum CodeOrder {
    static func sorted(_ codes: [String]) -> [String] {
        if codes.allSatisfy({ Int($0) != nil }) { return codes.sorted { Int($0)! < Int($1)! } }
        return codes.sorted()
    }
}

extension QuestionType {
    var isNumeric: Bool { self == .integer || self == .decimal || self == .calculate }
}
