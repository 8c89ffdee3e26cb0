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
    /// Any number of coders, missing ratings as Gwet's handbook (`ChanceCorrectedAgreement`).
    public var fleissKappa: Double?
    public var gwetAC1: Double?
    /// Present with numeric codes, as the weighted kappas.
    public var gwetAC2Linear: Double?
    public var gwetAC2Quadratic: Double?
    public var brennanPrediger: Double?
    /// Present with exactly two coders and two categories (`PrevalenceAndBias`).
    public var prevalenceIndex: Double?
    public var biasIndex: Double?

    /// Whether two coders agree on most units (80 % or more) while Cohen's kappa stays under 0.40:
    /// the "kappa paradox" of a category that dominates, where Gwet's AC1 is the fairer figure.
    public var kappaParadox: Bool {
        guard coders == 2, let kappa, let percentAgreement else { return false }
        return percentAgreement >= 0.8 && kappa < 0.4
    }

    public static func == (a: AgreementReport, b: AgreementReport) -> Bool {
        a.units == b.units && a.coders == b.coders && a.level == b.level && a.alpha == b.alpha
            && a.alphaCI95?.0 == b.alphaCI95?.0 && a.alphaCI95?.1 == b.alphaCI95?.1 && a.percentAgreement == b.percentAgreement
            && a.kappa == b.kappa && a.kappaLinear == b.kappaLinear && a.kappaQuadratic == b.kappaQuadratic
            && a.fleissKappa == b.fleissKappa && a.gwetAC1 == b.gwetAC1 && a.gwetAC2Linear == b.gwetAC2Linear
            && a.gwetAC2Quadratic == b.gwetAC2Quadratic && a.brennanPrediger == b.brennanPrediger
            && a.prevalenceIndex == b.prevalenceIndex && a.biasIndex == b.biasIndex
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
        let chanceCorrected = ChanceCorrectedAgreement(data)
        fleissKappa = chanceCorrected.fleissKappa()
        gwetAC1 = chanceCorrected.gwet()
        brennanPrediger = chanceCorrected.brennanPrediger()
        if data.numbers != nil {
            gwetAC2Linear = chanceCorrected.gwet(.linear)
            gwetAC2Quadratic = chanceCorrected.gwet(.quadratic)
        }
        guard coders == 2 else { return }
        let pairs = data.values.compactMap { unit -> (String, String)? in
            guard unit.count == 2, let a = unit[0], let b = unit[1] else { return nil }
            return (a, b)
        }
        let used = Set(pairs.flatMap { [$0.0, $0.1] })
        let labels = data.domain.filter(used.contains)
        kappa = CohenKappa.kappa(pairs.map(\.0), pairs.map(\.1), labels: labels, weighting: .none)
        let indices = PrevalenceAndBias(pairs.map(\.0), pairs.map(\.1), categories: labels)
        prevalenceIndex = indices?.prevalence
        biasIndex = indices?.bias
        if data.numbers != nil {
            kappaLinear = CohenKappa.kappa(pairs.map(\.0), pairs.map(\.1), labels: labels, weighting: .linear)
            kappaQuadratic = CohenKappa.kappa(pairs.map(\.0), pairs.map(\.1), labels: labels, weighting: .quadratic)
        }
    }
}
