/// A French region, with its INSEE code.
public struct Region: Sendable, Hashable, Codable {
    /// INSEE code, such as `44`.
    public var code: String
    public var name: String
    /// File and URL name, such as `grand-est`.
    public var slug: String
    public var overseas: Bool
    /// Approximate population, used to weight demo data.
    public var population: Int

    /// Creates a region.
    public init(code: String, name: String, slug: String, overseas: Bool, population: Int) {
        self.code = code
        self.name = name
        self.slug = slug
        self.overseas = overseas
        self.population = population
    }
}

/// A French département, with its INSEE code and region.
public struct Departement: Sendable, Hashable, Codable {
    /// INSEE code, such as `67`, `2A` or `974`.
    public var code: String
    public var name: String
    /// The INSEE code of its region.
    public var region: String

    /// Creates a département.
    public init(code: String, name: String, region: String) {
        self.code = code
        self.name = name
        self.region = region
    }
}

/// A theme of the controlled list used for experiences and dossiers ressources.
public struct Theme: Sendable, Hashable, Codable {
    /// Stable identifier, such as `sante-mentale-isolement-social`.
    public var slug: String
    public var label: String
    public var description: String

    /// Creates a theme.
    public init(slug: String, label: String, description: String) {
        self.slug = slug
        self.label = label
        self.description = description
    }
}

/// The regions, départements and themes that surveys, experiences and reports refer to.
public struct Referential: Sendable, Hashable {
    public var regions: [Region]
    public var departements: [Departement]
    public var themes: [Theme]

    /// Creates a referential.
    public init(regions: [Region], departements: [Departement], themes: [Theme]) {
        self.regions = regions
        self.departements = departements
        self.themes = themes
    }

    /// The region with this INSEE code.
    public func region(code: String) -> Region? { regions.first { $0.code == code } }
    /// The département with this INSEE code.
    public func departement(code: String) -> Departement? { departements.first { $0.code == code } }
    /// The theme with this slug.
    public func theme(slug: String) -> Theme? { themes.first { $0.slug == slug } }
}
