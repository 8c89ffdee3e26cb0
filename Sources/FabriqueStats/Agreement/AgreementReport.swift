/// A value that a non-nominal level cannot use.
public struct NonNumericCode: Error, Sendable, Equatable {
    /// Unit index (0-based, in data order) and coder index (0-based).
    public var unit: Int
    public var coder: Int
    public var value: String

    /// Creates the error.
    public init(unit: Int, coder: Int, value: String) {
        self.unit = unit
        self.coder = coder
        self.value = value
    }
}

/// Every agreement figure for one set of reliability data, as `fabrique agreement` reports them.
public struct AgreementReport: Sendable, Equatable {
    /// Pairable units: units with at least two values.
    public var units: Int
    public var coders: Int
    public var level: MeasurementLevel
    public var alpha: Double?
    public var alphaCI95: (Double, Double)?
    public var percentAgreement: Double?
    /// Present with exactly two coders.
    public var kappa: Double?
    public var kappaLinear: Double?
    public var kappaQuadratic: Double?

    public static func == (a: AgreementReport, b: AgreementReport) -> Bool {
        a.units == b.units && a.coders == b.coders && a.level == b.level && a.alpha == b.alpha
            && a.alphaCI95?.0 == b.alphaCI95?.0 && a.alphaCI95?.1 == b.alphaCI95?.1 && a.percentAgreement == b.percentAgreement
            && a.kappa == b.kappa && a.kappaLinear == b.kappaLinear && a.kappaQuadratic == b.kappaQuadratic
    }

    /// Computes the figures; a non-nominal level with a non-numeric value throws, naming where it is.
    public init(data: ReliabilityData, level: MeasurementLevel, bootstrapSamples: Int = 2000, seed: UInt64 = 1) throws(NonNumericCode) {
        if level != .nominal, data.numbers == nil {
            for (u, unit) in data.values.enumerated() {
                for (c, value) in unit.enumerated() {
                    if let value, ReliabilityData.number(value) == nil { throw NonNumericCode(unit: u, coder: c, value: value) }
                }
            }
        }
        units = data.pairableUnitCount
        coders = data.coderCount
        self.level = level
        alpha = KrippendorffAlpha.alpha(data, level: level)
        alphaCI95 = bootstrapSamples > 0 ? KrippendorffAlpha.bootstrapInterval(data, level: level, samples: bootstrapSamples, seed: seed) : nil
        percentAgreement = PercentAgreement.proportion(data)
        guard coders == 2 else { return }
        let pairs = data.values.compactMap { unit -> (String, String)? in
            guard unit.count == 2, let a = unit[0], let b = unit[1] else { return nil }
            return (a, b)
        }
        let used = Set(pairs.flatMap { [$0.0, $0.1] })
        let labels = data.domain.filter(used.contains)
        kappa = CohenKappa.kappa(pairs.map(\.0), pairs.map(\.1), labels: labels, weighting: .none)
        if data.numbers != nil {
            kappaLinear = CohenKappa.kappa(pairs.map(\.0), pairs.map(\.1), labels: labels, weighting: .linear)
            kappaQuadratic = CohenKappa.kappa(pairs.map(\.0), pairs.map(\.1), labels: labels, weighting: .quadratic)
        }
    }
}
