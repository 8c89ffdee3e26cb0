/// Plausible French free-text answers for demo data.
enum TextBank {
    static let territoryPatterns = [
        "Ville principale du département : %@", "Communauté d'agglomération (%@)",
        "Communauté de communes rurale (%@)", "Quartiers prioritaires de la ville-centre (%@)",
        "Pays de santé (%@)"
    ]
    static let remarks = [
        "La coordination repose sur une seule personne, ce qui fragilise la continuité des actions.",
        "Les partenaires sont mobilisés mais le temps manque pour animer les groupes de travail.",
        "Le financement annuel rend difficile la programmation pluriannuelle.",
        "La participation des habitants progresse grâce aux conseils citoyens et aux centres sociaux.",
        "Un appui méthodologique sur l'évaluation serait très utile.",
        "Les liens avec le secteur de psychiatrie se sont renforcés depuis la création du CLSM.",
        "Nous souhaitons davantage d'échanges de pratiques entre coordonnateurs de la région.",
        "Les élus sont impliqués mais les changements de mandature ralentissent la dynamique."
    ]
    static let others = [
        "Mutuelle régionale", "Fondation privée", "Caisse d'allocations familiales", "Bailleur social",
        "Communauté professionnelle territoriale de santé", "Maison des adolescents", "Service de santé universitaire"
    ]
    static let firstNames = ["claire", "mehdi", "sophie", "julien", "nadia", "thomas", "aurelie", "karim", "lucie", "paul"]
    static let lastNames = ["martin", "benali", "durand", "lefebvre", "moreau", "girard", "nguyen", "bonnet", "roux", "fontaine"]

    static func pick(_ list: [String], _ random: inout SeededRandom) -> String {
        list[Int.random(in: 0..<list.count, using: &random)]
    }

    /// `place` is the label of the département already answered, so that the territory named matches it.
    static func text(for name: String, multiline: Bool, place: String?, _ random: inout SeededRandom) -> String {
        if name.contains("mail") { return "\(pick(firstNames, &random)).\(pick(lastNames, &random))@exemple.fr" }
        if name.contains("telephone") || name.contains("tel") {
            return "0" + String(Int.random(in: 1...5, using: &random))
                + (0..<4).map { _ in
                    " " + String(Int.random(in: 10...99, using: &random))
                }.joined()
        }
        if name.contains("commune") || name.contains("epci") || name.contains("territoire") {
            return pick(territoryPatterns, &random).replacingAll("%@", with: place ?? "France")
        }
        if multiline { return pick(remarks, &random) + " " + pick(remarks, &random) }
        return pick(remarks, &random)
    }

    static func other(_ random: inout SeededRandom) -> String { pick(others, &random) }
}
