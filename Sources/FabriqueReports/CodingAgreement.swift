import FabriqueCore
import FabriqueStats

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
