import FabriqueCore
import FabriqueStats
import Foundation

/// A table as published: French headers and cells with suppression applied (primary cells as
/// "< 5", their complements as "s", hidden percentages as "—"), and notes. Rendered as text,
/// Markdown or CSV.
public struct PublishedTable: Sendable, Equatable {
    public var title: String
    public var header: [String]
    public var rows: [[String]]
    public var notes: [String]

    /// A total of a published table that the run's suppression hides (`RegionalDisclosure`): a
    /// region's valid answers, respondents or non-responses, a likert item's n, a crosstab's margins.
    public enum Margin: Hashable, Sendable {
        /// The valid answers (frequency), the answers given (multi-select).
        case total
        case respondents
        case missing
        /// A likert item's n, by item index.
        case item(Int)
        /// A crosstab's row and column totals, and its grand total.
        case row(Int)
        case column(Int)
        case grand
    }

    /// How hidden cells are marked.
    public enum Marks: Sendable {
        /// "< 5" for a small count, "s" for a cell hidden to protect one (`fabrique table`).
        case threshold
        /// "s" for every hidden cell (the reports, whose audit counts what a "< 5" would tell).
        case uniform
    }

    /// The French published form of a computed table. `margins` are the totals the run hides; nil
    /// (a table on its own) hides the small ones, and a crosstab's totals by `TotalsMask`.
    public init(_ table: StatTable, hiding margins: Set<Margin>? = nil, marks: Marks = .threshold) {
        let hidden = margins ?? []
        switch table {
        case .frequency(let question, let label, let valid, let missing, let categories, let threshold):
            title = "\(label) (\(question))"
            header = ["Modalité", "Effectif", "%", "IC 95 %"]
            // With the valid total hidden, a percentage would give it back.
            let noShares = hidden.contains(.total)
            let validText = Self.margin(valid, hidden.contains(.total), threshold, marks)
            rows =
                categories.map { c in
                    let hide = c.suppressed || noShares
                    return [
                        c.label, Self.count(c.n, c.suppressed, threshold, marks), hide ? "—" : Self.percent(c.percent),
                        hide ? "—" : c.ci95.map { "[\(Self.percent($0.0)) ; \(Self.percent($0.1))]" } ?? "—"
                    ]
                } + [["Total des réponses valides", validText, valid > 0 ? "100,0" : "—", ""]]
            notes = [
                "Non-réponses : \(Self.margin(missing, hidden.contains(.missing), threshold, marks)). Pourcentages calculés sur les "
                    + "\(validText) réponses valides ; intervalles de confiance de Wilson à 95 %.",
                Self.suppressionNote(threshold, marks)
            ]
        case .multiSelect(let question, let label, let respondents, let missing, let responses, let categories, let threshold):
            title = "\(label) (\(question), plusieurs réponses possibles)"
            header = ["Modalité", "Effectif", "% des répondants", "% des réponses"]
            rows =
                categories.map { c in
                    [
                        c.label, Self.count(c.n, c.suppressed, threshold, marks),
                        c.suppressed || hidden.contains(.respondents) ? "—" : Self.percent(c.percent),
                        c.suppressed || hidden.contains(.total) ? "—" : Self.percent(c.percentOfResponses ?? 0)
                    ]
                } + [
                    ["Répondants", Self.margin(respondents, hidden.contains(.respondents), threshold, marks), "", ""],
                    ["Réponses données", Self.margin(responses, hidden.contains(.total), threshold, marks), "", ""]
                ]
            notes = [
                "Non-réponses : \(Self.margin(missing, hidden.contains(.missing), threshold, marks)). "
                    + "Un répondant peut cocher plusieurs modalités : "
                    + "les « % des répondants » ne totalisent pas 100.",
                Self.suppressionNote(threshold, marks)
            ]
        case .crosstab(
            let rowQuestion, let colQuestion, let rowCodes, let colCodes, let counts, let suppressed, let test, let missing, let threshold):
            title = "\(rowQuestion) × \(colQuestion)"
            header = [""] + colCodes.map(\.label) + ["Total"]
            let totals =
                margins.map { m in
                    TotalsMask(
                        rows: rowCodes.indices.map { m.contains(.row($0)) }, columns: colCodes.indices.map { m.contains(.column($0)) },
                        grand: m.contains(.grand))
                } ?? TotalsMask(counts: counts, hidden: suppressed, threshold: threshold)
            rows =
                rowCodes.indices.map { i in
                    [rowCodes[i].label] + colCodes.indices.map { j in Self.count(counts[i][j], suppressed[i][j], threshold, marks) }
                        + [Self.margin(counts[i].reduce(0, +), totals.rows[i], threshold, marks)]
                } + [
                    ["Total"] + colCodes.indices.map { j in Self.margin(counts.reduce(0) { $0 + $1[j] }, totals.columns[j], threshold, marks) }
                        + [Self.margin(counts.flatMap { $0 }.reduce(0, +), totals.grand, threshold, marks)]
                ]
            var notes = [Self.testLine(test)]
            if let test = test.pearson, test.p != nil, test.expectedBelow5Share > 0.2 {
                notes.append(
                    "Attention : \(Self.percent(test.expectedBelow5Share * 100)) % des effectifs attendus sont inférieurs à 5 ; "
                        + "le test du χ² est peu fiable\(test.fisherP != nil ? ", préférez le test exact de Fisher" : "")."
                )
            }
            notes += [
                "Réponses sans valeur pour l'une des deux questions : \(Self.margin(missing, hidden.contains(.missing), threshold, marks)).",
                Self.suppressionNote(threshold, marks)
            ]
            self.notes = notes
        case .likert(let scale, let items, let threshold):
            title = "Échelle : " + scale.map { "\($0.code) = \($0.label)" }.joined(separator: " ; ")
            header = ["Affirmation"] + scale.map(\.label) + ["n", "Score moyen", "% des deux niveaux les plus élevés"]
            rows = Self.likertRows(scale, items, threshold, hiddenItems: Set(items.indices.filter { hidden.contains(.item($0)) }), marks)
            notes = [
                "Score moyen sur l'échelle de \(scale.first?.code ?? "") à \(scale.last?.code ?? ""), non-réponses exclues.",
                Self.suppressionNote(threshold, marks)
            ]
        case .numeric(let question, let label, let by, let groups, let threshold):
            title = "\(label) (\(question))" + (by.map { " selon \($0)" } ?? "")
            header = [
                by == nil ? "" : "Groupe", "n", "Non-réponses", "Moyenne", "Écart-type", "Médiane", "Q1", "Q3", "Min", "Max",
                "IC 95 % de la moyenne"
            ]
            rows = groups.map { g in
                let s = g.summary.value
                let hide = g.suppressed
                func v(_ x: Double?) -> String { hide ? "s" : x.map(Self.decimal) ?? "—" }
                // A partner group (hidden to protect a small one) has n ≥ threshold: it shows "s", not "< 5".
                let n = hide ? Self.count(s.n, true, threshold, marks) : String(s.n)
                return [
                    by == nil ? "Ensemble" : g.label, n, Self.margin(g.missing, hide && g.missing > 0, threshold, marks), v(s.mean), v(s.sd),
                    v(s.median),
                    v(s.q1), v(s.q3), v(s.min), v(s.max), hide ? "s" : s.ci95.map { "[\(Self.decimal($0.0)) ; \(Self.decimal($0.1))]" } ?? "—"
                ]
            }
            notes = [
                "Écart-type avec n − 1 ; quartiles par interpolation linéaire (type 7) ; intervalle de confiance de Student à 95 %.",
                "Les groupes de moins de \(threshold) réponses ne sont pas décrits (« s »), pour qu'aucune personne ne soit reconnaissable."
            ]
        }
    }

    static func likertRows(
        _ scale: [(code: String, label: String)], _ items: [(name: String, label: String, summary: LikertSummary, suppressed: [Bool])],
        _ threshold: Int, hiddenItems: Set<Int> = [], _ marks: Marks = .threshold
    ) -> [[String]] {
        items.enumerated().map { index, item in
            let s = item.summary
            let hiddenN = hiddenItems.contains(index)
            // With n published, the mean and the top-2 share would let hidden cells be solved for.
            let hide = s.n < threshold || hiddenN || item.suppressed.contains(true)
            return [item.label] + scale.indices.map { Self.count(s.distribution[$0], item.suppressed[$0], threshold, marks) }
                + [
                    Self.margin(s.n, hiddenN, threshold, marks), hide ? "s" : s.mean.map(Self.decimal) ?? "—",
                    hide ? "s" : s.top2Percent.map(Self.percent) ?? "—"
                ]
        }
    }

    /// A total as published: its mark when hidden ("< 5" when small, else "s"), else its value with
    /// small ones as "< 5".
    static func margin(_ n: Int, _ hidden: Bool, _ threshold: Int, _ marks: Marks = .threshold) -> String {
        hidden ? count(n, true, threshold, marks) : total(n, threshold, marks)
    }

    /// A published total: small ones are hidden like cells.
    static func total(_ n: Int, _ threshold: Int, _ marks: Marks = .threshold) -> String {
        n > 0 && n < threshold ? count(n, true, threshold, marks) : String(n)
    }

    static func count(_ n: Int, _ suppressed: Bool, _ threshold: Int, _ marks: Marks = .threshold) -> String {
        guard suppressed else { return String(n) }
        return n > 0 && n < threshold && marks == .threshold ? "< \(threshold)" : "s"
    }

    static func suppressionNote(_ threshold: Int, _ marks: Marks = .threshold) -> String {
        if marks == .uniform {
            return "Secret statistique : les effectifs de 1 à \(threshold - 1), totaux compris, et les cases qui permettraient de les "
                + "recalculer à partir de tout ce que publient les rapports sont masqués (« s ») ; leurs pourcentages le sont aussi."
        }
        return "Secret statistique : les effectifs de 1 à \(threshold - 1), totaux compris, sont affichés « < \(threshold) », "
            + "et les cases « s » sont masquées pour qu'ils ne puissent pas être recalculés à partir des totaux ; "
            + "leurs pourcentages sont masqués aussi."
    }

    static func testLine(_ crosstabTest: CrosstabTest) -> String {
        let test: ChiSquareTest
        switch crosstabTest {
        case .pearson(let pearson): test = pearson
        case .multipleChoice(let question):
            return "Pas de test du χ² : « \(question) » est à choix multiples, une réponse peut compter dans plusieurs cases, "
                + "qui ne sont donc pas indépendantes."
        }
        guard let p = test.p else { return "Test du χ² non calculable (une seule ligne ou colonne non vide)." }
        var line = "χ² de Pearson = \(decimal(test.statistic)) ; ddl = \(test.degreesOfFreedom) ; p = \(pValue(p))"
        if let v = test.cramersV { line += " ; V de Cramér = \(decimal(v))" }
        if let fisher = test.fisherP { line += " ; test exact de Fisher : p = \(pValue(fisher))" }
        return line + "."
    }

    /// French number formats: a comma for decimals.
    static func decimal(_ x: Double) -> String { String(format: "%.2f", x).replacingOccurrences(of: ".", with: ",") }
    /// A percentage with one decimal and a French comma ("42,5"), as every published table shows it.
    public static func percent(_ x: Double) -> String { String(format: "%.1f", x).replacingOccurrences(of: ".", with: ",") }
    static func pValue(_ p: Double) -> String { p < 0.001 ? "< 0,001" : String(format: "%.3f", p).replacingOccurrences(of: ".", with: ",") }

    /// Plain text with aligned columns.
    public var text: String {
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == 0
                    ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[i] - cell.count) + cell
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([title, "", line(header), rule] + rows.map(line) + [""] + notes).joined(separator: "\n")
    }

    /// A Markdown table (GFM) with its notes, under a level-3 heading.
    public var markdown: String { markdown(headingLevel: 3) }

    /// A Markdown table (GFM) with its notes, under a heading of the given level.
    public func markdown(headingLevel: Int) -> String {
        // Labels come from questionnaires: Markdown's markup characters in them stay text.
        let table = MarkdownTable(header: header, rows: rows, alignments: [.left] + Array(repeating: .right, count: max(0, header.count - 1)))
        return
            ([
                String(repeating: "#", count: headingLevel) + " \(MarkdownEscaper.escape(title))", "", table.markdown(escape: MarkdownEscaper.escape),
                ""
            ]
            + [notes.map { "*\(MarkdownEscaper.escape($0))*" }.joined(separator: "\n\n")]).joined(separator: "\n")
    }

    /// The cells as CSV records: the header, then the rows (notes are left to the text forms).
    public var records: [[String]] { [header] + rows }
}

/// Which totals of a published crosstab to hide. A total is hidden when it is small itself (a total
/// of 2 over two hidden cells means 1 and 1), or when its line hides exactly one cell that the
/// secondary suppression could not pair (a table of one row or one column). The grand total is the
/// number of responses, published anyway, so a lone hidden row (or column) total is paired with the
/// smallest visible one instead, lest it be recomputed by subtraction.
struct TotalsMask {
    var rows: [Bool]
    var columns: [Bool]
    var grand: Bool

    init(rows: [Bool], columns: [Bool], grand: Bool) {
        (self.rows, self.columns, self.grand) = (rows, columns, grand)
    }

    init(counts: [[Int]], hidden: [[Bool]], threshold: Int) {
        func small(_ n: Int) -> Bool { n > 0 && n < threshold }
        let columnCount = counts.first?.count ?? 0
        let rowTotals = counts.map { $0.reduce(0, +) }
        let columnTotals = (0..<columnCount).map { j in counts.reduce(0) { $0 + $1[j] } }
        rows = counts.indices.map { i in small(rowTotals[i]) || hidden[i].filter { $0 }.count == 1 }
        columns = (0..<columnCount).map { j in small(columnTotals[j]) || hidden.filter { $0[j] }.count == 1 }
        Self.pair(&rows, rowTotals, linesWithHiddenCells: counts.indices.map { hidden[$0].contains(true) })
        Self.pair(&columns, columnTotals, linesWithHiddenCells: (0..<columnCount).map { j in hidden.contains { $0[j] } })
        grand = small(rowTotals.reduce(0, +))
    }

    /// Hides a second total when exactly one is hidden: the smallest visible positive total of a line
    /// that hides cells (the total of a fully visible line could simply be added up), else any.
    private static func pair(_ mask: inout [Bool], _ totals: [Int], linesWithHiddenCells: [Bool]) {
        guard mask.filter({ $0 }).count == 1 else { return }
        let candidates = totals.indices.filter { !mask[$0] && totals[$0] > 0 }
        let preferred = candidates.filter { linesWithHiddenCells[$0] }
        if let partner = (preferred.isEmpty ? candidates : preferred).min(by: { (totals[$0], $0) < (totals[$1], $1) }) {
            mask[partner] = true
        }
    }
}
