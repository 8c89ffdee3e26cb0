import FabriqueCore
import FabriqueReports
import FabriqueStats

/// The JSON of an agreement report, as `fabrique agreement --format json` prints it and
/// `fabrique coding agreement` nests it: the keys listed in the command's help, in that order,
/// the two-coder figures only with two coders, and `null` for an undefined figure.
struct AgreementJSON: Encodable {
    let report: AgreementReport

    private enum Key: String, CodingKey {
        case units, coders, level, alpha, alphaCI95, percentAgreement, kappa, kappaLinear, kappaQuadratic
        case fleissKappa, gwetAC1, gwetAC2Linear, gwetAC2Quadratic, brennanPrediger, prevalenceIndex, biasIndex, warning
    }

    func encode(to encoder: Encoder) throws {
        let r = report
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(r.units, forKey: .units)
        try container.encode(r.coders, forKey: .coders)
        try container.encode(r.level.rawValue, forKey: .level)
        try container.encodeIfPresent(r.alpha, forKey: .alpha)
        try container.encodeIfPresent(r.alphaCI95.map { [$0.0, $0.1] }, forKey: .alphaCI95)
        try container.encodeIfPresent(r.percentAgreement, forKey: .percentAgreement)
        if r.coders == 2 {
            try container.encodeIfPresent(r.kappa, forKey: .kappa)
            try container.encodeIfPresent(r.kappaLinear, forKey: .kappaLinear)
            try container.encodeIfPresent(r.kappaQuadratic, forKey: .kappaQuadratic)
        }
        try container.encodeIfPresent(r.fleissKappa, forKey: .fleissKappa)
        try container.encodeIfPresent(r.gwetAC1, forKey: .gwetAC1)
        try container.encodeIfPresent(r.gwetAC2Linear, forKey: .gwetAC2Linear)
        try container.encodeIfPresent(r.gwetAC2Quadratic, forKey: .gwetAC2Quadratic)
        try container.encodeIfPresent(r.brennanPrediger, forKey: .brennanPrediger)
        if r.coders == 2 {
            try container.encodeIfPresent(r.prevalenceIndex, forKey: .prevalenceIndex)
            try container.encodeIfPresent(r.biasIndex, forKey: .biasIndex)
        }
        try container.encodeIfPresent(CodingAgreement.paradoxWarning(r), forKey: .warning)
    }
}
