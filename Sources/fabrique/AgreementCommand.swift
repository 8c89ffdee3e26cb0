import ArgumentParser
import FabriqueCSV
import FabriqueCore
import FabriqueReports
import FabriqueStats
import Foundation

/// `fabrique agreement FILE.csv`: inter-coder agreement on researchers' own reliability data.
struct AgreementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract:
            "Measure agreement between coders: Krippendorff's alpha with a bootstrap interval, percent agreement, "
            + "Cohen's and Fleiss' kappa, Gwet's AC1/AC2, Brennan-Prediger.",
        discussion: """
            Input: a CSV whose first column is the unit id and each other column a coder; an empty cell is missing. \
            Non-numeric codes work at the nominal level; ordinal, interval and ratio need numbers. Alpha's 95% interval \
            comes from bootstrapping pairable values (Hayes & Krippendorff 2007). Kappa (unweighted, linear, quadratic) \
            appears with exactly two coders, over the units both coded; weighted kappas need numeric codes. \
            Fleiss' kappa, Gwet's AC1 and Brennan-Prediger take any number of coders, with missing ratings handled as in \
            Gwet's Handbook of Inter-Rater Reliability (as the irrCAC package); Gwet's AC2 (linear and quadratic weights) \
            needs numeric codes. With two coders and two categories, the prevalence and bias indices (Byrt et al. 1993) \
            are given, and a warning (in French) names the "kappa paradox" when coders agree on 80% of units or more \
            while kappa stays under 0.40.
            Thresholds in use: alpha >= 0.800 reliable, >= 0.667 tentative.
            JSON: {"units", "coders", "level", "alpha", "alphaCI95", "percentAgreement", "kappa", "kappaLinear", "kappaQuadratic", \
            "fleissKappa", "gwetAC1", "gwetAC2Linear", "gwetAC2Quadratic", "brennanPrediger", "prevalenceIndex", "biasIndex", \
            "warning"}; "units" counts the pairable units (two values or more); the kappas and indices of two coders appear \
            with two coders only; undefined figures are null.
            """
    )

    @Argument(help: ArgumentHelp("The reliability data (CSV).", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("Level of measurement: nominal, ordinal, interval or ratio.", valueName: "level"))
    var level: MeasurementLevel

    @Option(help: ArgumentHelp("Bootstrap replicates for alpha's interval (0 to skip).", valueName: "n"))
    var bootstrap = 2000

    @Option(help: ArgumentHelp("Seed of the bootstrap, for reproducible intervals.", valueName: "s"))
    var seed: UInt64 = 1

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    @OptionGroup var input: CSVInputOptions

    func validate() throws {
        guard format == .table || format == .json else { throw ValidationError("agreement prints --format table or json") }
        guard bootstrap >= 0 else { throw ValidationError("--bootstrap must be 0 or more") }
    }

    func run() throws {
        let reader = try input.reader(file)
        var header: [String]?
        var values: [[String?]] = []
        var lines: [Int] = []
        var seen: [String: Int] = [:]
        try reader.forEachRecord { record in
            guard let names = header else {
                guard record.fields.count >= 3 else {
                    throw InputError(
                        "\(file) line \(record.line): "
                            + "expected a unit id column and at least two coder columns, found \(record.fields.count) column(s)"
                    )
                }
                header = record.fields
                return
            }
            guard record.fields.count == names.count else {
                throw CSVError.fieldCount(file: file, line: record.line, expected: names.count, found: record.fields.count)
            }
            let unit = record.fields[0]
            if let earlier = seen[unit] {
                throw InputError("\(file) line \(record.line): unit '\(unit)' already appears on line \(earlier); give each unit one row")
            }
            seen[unit] = record.line
            values.append(
                record.fields.dropFirst().map { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) })
            lines.append(record.line)
        }
        guard let names = header else { throw InputError("\(file) is empty: a header line is expected") }
        let report: AgreementReport
        do {
            report = try AgreementReport(data: ReliabilityData(values: values), level: level, bootstrapSamples: bootstrap, seed: seed)
        } catch {
            throw InputError(
                "\(file) line \(lines[error.unit]), column \"\(names[error.coder + 1])\": \"\(error.value)\" is not a number; "
                    + "the \(level.rawValue) level needs numeric codes (use --level nominal for categories)"
            )
        }
        print(format == .json ? try JSONOutput.text(AgreementJSON(report: report)) : Self.table(report))
        if format == .table, let warning = CodingAgreement.paradoxWarning(report) { print("\n" + warning) }
    }

    static func table(_ r: AgreementReport) -> String {
        func f(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "undefined" }
        var rows = [
            ["measure", "value"], ["pairable units", String(r.units)], ["coders", String(r.coders)], ["level", r.level.rawValue],
            [
                "Krippendorff's alpha",
                f(r.alpha) + (r.alpha.map { $0 >= 0.8 ? "  (reliable)" : $0 >= 0.667 ? "  (tentative)" : "  (not reliable)" } ?? "")
            ]
        ]
        if let ci = r.alphaCI95 { rows.append(["alpha 95% interval", "[\(f(ci.0)), \(f(ci.1))]"]) }
        rows.append(["percent agreement", r.percentAgreement.map { String(format: "%.1f%%", $0 * 100) } ?? "undefined"])
        if r.coders == 2 {
            rows += [["Cohen's kappa", f(r.kappa)], ["kappa, linear weights", f(r.kappaLinear)], ["kappa, quadratic weights", f(r.kappaQuadratic)]]
        }
        rows += [
            ["Fleiss' kappa", f(r.fleissKappa)], ["Gwet's AC1", f(r.gwetAC1)], ["Gwet's AC2, linear weights", f(r.gwetAC2Linear)],
            ["Gwet's AC2, quadratic weights", f(r.gwetAC2Quadratic)], ["Brennan-Prediger", f(r.brennanPrediger)]
        ]
        if r.coders == 2 {
            rows += [["prevalence index", f(r.prevalenceIndex)], ["bias index", f(r.biasIndex)]]
        }
        return Console.table(rows)
    }
}

extension MeasurementLevel: ExpressibleByArgument {}
