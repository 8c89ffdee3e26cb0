import FabriqueCore
import FabriqueStats

/// A table as published: French headers and cells with suppression applied (primary cells as
/// "< 5", their complements as "s", hidden percentages as "—"), and notes. Rendered as text,
/// Markdown or CSV.
public struct PublishedTable: Sendable, Equatable {
    public var title: String
    public var header: [String]
    public var rows: [[String]]
    public var notes: [String]

    /// The French published form of a computed table.
    public init(_ table: StatTable) {
        switch table {
        case let .frequency(question, label, valid, missing, categories, threshold):
            title = "\(label) (\(question))"
            header = ["Modalité", "Effectif", "%", "IC 95 %"]
            rows = categories.map { c in
                [c.label, Self.count(c.n, c.suppressed, threshold), c.suppressed ? "—" : Self.percent(c.percent),
                 c.suppressed ? "—" : c.ci95.map { "[\(Self.percent($0.0)) ; \(Self.percent($0.1))]" } ?? "—"]
            } + [["Total des réponses valides", String(valid), valid > 0 ? "100,0" : "—", ""]]
            notes = ["Non-réponses : \(missing). Pourcentages calculés sur les \(valid) réponses valides ; intervalles de confiance de Wilson à 95 %.",
                     Self.suppressionNote(threshold)]
        case let .multiSelect(question, label, respondents, missing, responses, categories, threshold):
            title = "\(label) (\(question), plusieurs réponses possibles)"
            header = ["Modalité", "Effectif", "% des répondants", "% des réponses"]
            rows = categories.map { c in
                [c.label, Self.count(c.n, c.suppressed, threshold), c.suppressed ? "—" : Self.percent(c.percent),
                 c.suppressed ? "—" : Self.percent(c.percentOfResponses ?? 0)]
            } + [["Répondants", String(respondents), "", ""], ["Réponses données", String(responses), "", ""]]
            notes = ["Non-réponses : \(missing). Un répondant peut cocher plusieurs modalités : les « % des répondants » ne totalisent pas 100.",
                     Self.suppressionNote(threshold)]
        case let .crosstab(rowQuestion, colQuestion, rowCodes, colCodes, counts, suppressed, test, missing, threshold):
            title = "\(rowQuestion) × \(colQuestion)"
            header = [""] + colCodes.map(\.label) + ["Total"]
            // A small total is itself identifying (a total of 2 over two hidden cells means 1 and 1).
            func total(_ n: Int) -> String { n > 0 && n < threshold ? "< \(threshold)" : String(n) }
            rows = rowCodes.indices.map { i in
                [rowCodes[i].label] + colCodes.indices.map { j in Self.count(counts[i][j], suppressed[i][j], threshold) }
                    + [total(counts[i].reduce(0, +))]
            } + [["Total"] + colCodes.indices.map { j in total(counts.reduce(0) { $0 + $1[j] }) } + [total(counts.flatMap { $0 }.reduce(0, +))]]
            var notes = [Self.testLine(test)]
            if test.expectedBelow5Share > 0.2 {
                notes.append("Attention : \(Self.percent(test.expectedBelow5Share * 100)) % des effectifs attendus sont inférieurs à 5 ; le test du χ² est peu fiable\(test.fisherP != nil ? ", préférez le test exact de Fisher" : "").")
            }
            notes += ["Réponses sans valeur pour l'une des deux questions : \(missing).", Self.suppressionNote(threshold)]
            self.notes = notes
        case let .numeric(question, label, by, groups, threshold):
            title = "\(label) (\(question))" + (by.map { " selon \($0)" } ?? "")
            header = [by == nil ? "" : "Groupe", "n", "Non-réponses", "Moyenne", "Écart-type", "Médiane", "Q1", "Q3", "Min", "Max", "IC 95 % de la moyenne"]
            rows = groups.map { g in
                let s = g.summary.value
                let hide = g.suppressed
                func v(_ x: Double?) -> String { hide ? "s" : x.map(Self.decimal) ?? "—" }
                return [by == nil ? "Ensemble" : g.label, hide ? "< \(threshold)" : String(s.n), String(g.missing), v(s.mean), v(s.sd), v(s.median),
                        v(s.q1), v(s.q3), v(s.min), v(s.max), hide ? "s" : s.ci95.map { "[\(Self.decimal($0.0)) ; \(Self.decimal($0.1))]" } ?? "—"]
            }
            notes = ["Écart-type avec n − 1 ; quartiles par interpolation linéaire (type 7) ; intervalle de confiance de Student à 95 %.",
                     "Les groupes de moins de \(threshold) réponses ne sont pas décrits (« s »), pour qu'aucune personne ne soit reconnaissable."]
        }
    }

    static func count(_ n: Int, _ suppressed: Bool, _ threshold: Int) -> String {
        guard suppressed else { return String(n) }
        return n > 0 && n < threshold ? "< \(threshold)" : "s"
    }

    static func suppressionNote(_ threshold: Int) -> String {
        "Secret statistique : les effectifs de 1 à \(threshold - 1), totaux compris, sont affichés « < \(threshold) », et les cases « s » sont masquées pour qu'ils ne puissent pas être recalculés à partir des totaux ; leurs pourcentages sont masqués aussi."
    }

    static func testLine(_ test: ChiSquareTest) -> String {
        guard let p = test.p else { return "Test du χ² non calculable (une seule ligne ou colonne non vide)." }
        var line = "χ² de Pearson = \(decimal(test.statistic)) ; ddl = \(test.degreesOfFreedom) ; p = \(pValue(p))"
        if let v = test.cramersV { line += " ; V de Cramér = \(decimal(v))" }
        if let fisher = test.fisherP { line += " ; test exact de Fisher : p = \(pValue(fisher))" }
        return line + "."
    }

    /// French number formats: a comma for decimals.
    static func decimal(_ x: Double) -> String { String(format: "%.2f", x).replacingOccurrences(of: ".", with: ",") }
    static func percent(_ x: Double) -> String { String(format: "%.1f", x).replacingOccurrences(of: ".", with: ",") }
    static func pValue(_ p: Double) -> String { p < 0.001 ? "< 0,001" : String(format: "%.3f", p).replacingOccurrences(of: ".", with: ",") }

    /// Plain text with aligned columns.
    public var text: String {
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in i == 0 ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                : String(repeating: " ", count: widths[i] - cell.count) + cell }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([title, "", line(header), rule] + rows.map(line) + [""] + notes).joined(separator: "\n")
    }

    /// A Markdown table (GFM) with its notes.
    public var markdown: String {
        func line(_ cells: [String]) -> String { "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |" }
        let align = "|" + header.indices.map { $0 == 0 ? ":---|" : "---:|" }.joined()
        return (["### \(title)", "", line(header), align] + rows.map(line) + [""] + notes.map { "*\($0)*" }.joined(separator: "\n\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)).joined(separator: "\n")
    }

    /// The cells as CSV records: the header, then the rows (notes are left to the text forms).
    public var records: [[String]] { [header] + rows }
}

import Foundation
