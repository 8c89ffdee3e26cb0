import FabriqueCore
import FabriqueStats
import Foundation

/// Agreement between coders from stored codings: per criterion (units are fiches) and overall
/// (units are fiche × criterion), at the ordinal level of the codebook's scale. Consensus codings
/// are left out: they settle disagreements, they are not a coder.
public enum CodingAgreement {
    /// Reliability data for one criterion, or for all when `criterion` is nil.
    public static func data(_ codings: [Coding], criterion: String?) -> ReliabilityData {
        let own = codings.filter { !$0.consensus && (criterion == nil || $0.criterion == criterion) }
        let coders = Array(Set(own.map(\.coder))).sorted()
        let units = Dictionary(grouping: own, by: { "\($0.experience)\u{1F}\($0.criterion)" })
        let values = units.keys.sorted().map { key in
            coders.map { coder in units[key]!.first { $0.coder == coder }.map { String($0.level) } }
        }
        return ReliabilityData(values: values)
    }

    /// One report per criterion (in codebook order) and an overall one.
    public static func reports(_ codings: [Coding], criteria: [String], bootstrapSamples: Int = 2000, seed: UInt64 = 1)
        -> [(criterion: String, report: AgreementReport)]
    {
        (criteria.map { Optional($0) } + [nil]).compactMap { criterion in
            let report = try? AgreementReport(
                data: data(codings, criterion: criterion), level: .ordinal, bootstrapSamples: bootstrapSamples, seed: seed)
            return report.map { (criterion ?? "overall", $0) }
        }
    }

    /// The plain-French warning of the "kappa paradox" (`AgreementReport.kappaParadox`), or nil.
    public static func paradoxWarning(_ report: AgreementReport) -> String? {
        guard report.kappaParadox, let kappa = report.kappa, let agreement = report.percentAgreement else { return nil }
        let prevalence = report.prevalenceIndex.map { " (indice de prévalence \(french($0)))" } ?? ""
        let ac1 = report.gwetAC1.map { " L'AC1 de Gwet (\(french($0))), qui ne dépend pas de cette répartition, est plus fidèle ici." } ?? ""
        return "Attention : les deux codeurs sont d'accord sur \(Int((agreement * 100).rounded())) % des unités, mais le kappa de Cohen "
            + "n'est que de \(french(kappa)). C'est le « paradoxe du kappa » : une catégorie domine\(prevalence), et le kappa "
            + "pénalise alors un accord pourtant réel.\(ac1)"
    }

    /// The methods section's sentence on the coders' agreement over every fiche × criterion.
    public static func methodsSentence(_ report: AgreementReport) -> String {
        var parts: [String] = []
        if let alpha = report.alpha {
            let interval = report.alphaCI95.map { " (intervalle à 95 % : \(french($0.0)) à \(french($0.1)))" } ?? ""
            parts.append("α de Krippendorff ordinal \(french(alpha))\(interval)")
        }
        if let agreement = report.percentAgreement { parts.append("accord observé \(Int((agreement * 100).rounded())) %") }
        if let ac1 = report.gwetAC1 { parts.append("AC1 de Gwet \(french(ac1))") }
        let figures = parts.isEmpty ? "un accord que les données ne permettent pas de mesurer" : parts.joined(separator: ", ")
        let sentence =
            "Sur les \(report.units) couples fiche × critère codés par au moins deux codeurs, tous critères réunis : "
            + "\(figures) (seuils : 0,800 fiable, 0,667 provisoire)."
        return paradoxWarning(report).map { sentence + " " + $0 } ?? sentence
    }

    /// A coefficient written the French way, to two decimals (0,85; −0,05).
    static func french(_ value: Double) -> String {
        PublishedTable.decimal(value).replacingOccurrences(of: "-", with: "−")
    }

    /// Fiche × criterion pairs whose coders gave different levels and that no consensus settles yet.
    public static func disagreements(_ codings: [Coding]) -> [(experience: String, criterion: String, codings: [Coding])] {
        let groups = Dictionary(grouping: codings, by: { "\($0.experience)\u{1F}\($0.criterion)" })
        return groups.keys.sorted().compactMap { key in
            let group = groups[key]!
            let own = group.filter { !$0.consensus }
            guard own.count >= 2, Set(own.map(\.level)).count > 1, !group.contains(where: \.consensus) else { return nil }
            return (own[0].experience, own[0].criterion, own.sorted { $0.coder < $1.coder })
        }
    }
}
