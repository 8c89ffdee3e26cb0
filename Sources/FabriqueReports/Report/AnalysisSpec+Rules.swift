import FabriqueCore
import FabriqueDisclosure

extension AnalysisSpec {
    /// The disclosure rules of a table (nil: the spec's own, for its key figures and response counts):
    /// the table's threshold and protection where it sets them, else the spec's, else the defaults.
    func rules(for table: Table?) -> DisclosureRules {
        DisclosureRules(
            threshold: table?.threshold ?? threshold, protection: table?.protection ?? protection ?? DisclosureRules.defaultProtection,
            dominanceN: dominance?.n ?? DisclosureRules.defaultDominance.n, dominanceK: dominance?.k ?? DisclosureRules.defaultDominance.k,
            minContributors: minContributors ?? DisclosureRules.defaultMinContributors)
    }
}
