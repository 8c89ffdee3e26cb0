import ArgumentParser
import FabriqueCSV
import FabriqueCore
import FabriqueImport
import FabriqueReports
import FabriqueStats
import FabriqueStore
import Foundation

extension CodingCommand {
    /// `fabrique coding agreement`.
    struct Agreement: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Agreement between coders per criterion and overall: Krippendorff's alpha (ordinal) with its 95% interval, percent agreement, kappa.",
            discussion: """
                Thresholds in use: alpha >= 0.800 reliable, >= 0.667 tentative. Only fiches every assigned coder has finished count \
                (blind coding). Kappa is Cohen's with two coders, Fleiss' with more; the JSON adds Gwet's AC1 and AC2 and \
                Brennan-Prediger. A criterion whose coders agree on 80% of fiches \
                or more while kappa stays under 0.40 gets a warning in French (the "kappa paradox"; see Gwet's AC1). JSON: one \
                {"criterion", "report"} per criterion and "overall", "report" as `fabrique agreement --format json` prints it.
                """
        )

        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp("Only this criterion.", valueName: "code")) var criterion: String?
        @Option(help: "Output format: table, md or json.") var format: OutputFormat = .table

        /// One criterion's agreement in the JSON output.
        private struct CriterionJSON: Encodable {
            let criterion: String
            let report: AgreementJSON
        }

        static func row(_ criterion: String, _ report: AgreementReport) -> [String] {
            func f(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "—" }
            let interval: String = report.alphaCI95.map { "[\(f($0.0)), \(f($0.1))]" } ?? "—"
            let agreement: String = report.percentAgreement.map { String(format: "%.1f%%", $0 * 100) } ?? "—"
            var verdict = "undefined"
            if let alpha = report.alpha { verdict = alpha >= 0.8 ? "reliable" : alpha >= 0.667 ? "tentative" : "not reliable" }
            return [
                criterion, String(report.units), String(report.coders), f(report.alpha), interval, agreement,
                f(report.coders == 2 ? report.kappa : report.fleissKappa), verdict
            ]
        }

        func run() throws {
            let context = try Context(database)
            let codings = try context.blind.visible(try context.database.codings(), to: nil)
            if let criterion, !context.codebook.criteria.contains(criterion) {
                throw InputError(
                    "'\(criterion)' is not a criterion of codebook '\(context.codebook.id)': \(context.codebook.criteria.joined(separator: ", "))")
            }
            let criteria = criterion.map { [$0] } ?? context.codebook.criteria
            let reports = CodingAgreement.reports(codings, criteria: criteria).filter { criterion == nil || $0.criterion == criterion }
            if format == .json {
                let lines = try reports.map { try JSONOutput.text(CriterionJSON(criterion: $0.criterion, report: AgreementJSON(report: $0.report))) }
                print("[" + lines.joined(separator: ",\n") + "]")
                return
            }
            let rows = reports.map { Self.row($0.criterion, $0.report) }
            let header = ["criterion", "units", "coders", "alpha", "95% interval", "agreement", "kappa", "verdict"]
            if format == .md {
                print(MarkdownTable(header: header, rows: rows).markdown())
            } else {
                print(Console.table([header] + rows))
            }
            for (criterion, report) in reports {
                if let warning = CodingAgreement.paradoxWarning(report) { print("\n\(criterion) : \(warning)") }
            }
        }
    }
}
