import FabriqueStats
import Foundation
import Testing

/// Fleiss' kappa, Gwet's AC1 and AC2, Brennan–Prediger and the prevalence and bias indices against
/// irrCAC, Gwet's own package (Fixtures/make_chance_agreement_fixtures.py, whose output is
/// Fixtures/chance_agreement.json): the data sets of agreement.json, Gwet's published raw ratings,
/// and two presence/absence data sets that show the kappa paradox.
struct ChanceAgreementTests {
    struct Case: Decodable, CustomTestStringConvertible {
        struct Published: Decodable { var gwetAC1, fleissKappa: Double? }
        var name: String
        var values: [[AgreementTests.Case.Value?]]
        var numeric: Bool
        var fleissKappa, gwetAC1, gwetAC2Linear, gwetAC2Quadratic, brennanPrediger: Double?
        var prevalenceIndex, biasIndex: Double?
        var published: Published?
        var testDescription: String { name }

        var data: ReliabilityData { ReliabilityData(values: values.map { $0.map { $0?.text } }) }
    }

    static let cases: [Case] = {
        let url = Bundle.module.url(forResource: "Fixtures/chance_agreement", withExtension: "json")!
        return try! JSONDecoder().decode([Case].self, from: Data(contentsOf: url))
    }()

    @Test("each coefficient matches irrCAC", arguments: cases)
    func coefficientsMatchIrrCAC(_ c: Case) throws {
        let report = try AgreementReport(data: c.data, level: .nominal, bootstrapSamples: 0)
        #expect(AgreementTests.close(report.fleissKappa, c.fleissKappa), "Fleiss \(String(describing: report.fleissKappa))")
        #expect(AgreementTests.close(report.gwetAC1, c.gwetAC1), "AC1 \(String(describing: report.gwetAC1))")
        #expect(AgreementTests.close(report.gwetAC2Linear, c.gwetAC2Linear), "AC2 linear \(String(describing: report.gwetAC2Linear))")
        #expect(AgreementTests.close(report.gwetAC2Quadratic, c.gwetAC2Quadratic))
        #expect(AgreementTests.close(report.brennanPrediger, c.brennanPrediger), "BP \(String(describing: report.brennanPrediger))")
        #expect(AgreementTests.close(report.prevalenceIndex, c.prevalenceIndex))
        #expect(AgreementTests.close(report.biasIndex, c.biasIndex))
    }

    /// Gwet (2014) as irrCAC's documentation prints it, to five decimals.
    @Test func gwetsPublishedFourRatersExample() throws {
        let example = try #require(Self.cases.first { $0.name == "gwet_raw_4raters" })
        let published = try #require(example.published)
        let agreement = ChanceCorrectedAgreement(example.data)
        #expect(String(format: "%.5f", try #require(agreement.gwet())) == String(format: "%.5f", try #require(published.gwetAC1)))
        #expect(String(format: "%.5f", try #require(agreement.fleissKappa())) == String(format: "%.5f", try #require(published.fleissKappa)))
    }

    /// 90 % agreement on a criterion nearly always present: kappa is below zero while AC1 stays
    /// near the agreement, and the report flags the paradox; with balanced prevalence it does not.
    @Test func theKappaParadoxIsFlagged() throws {
        let paradox = try AgreementReport(
            data: try #require(Self.cases.first { $0.name == "paradox_2c_presence_n100" }).data,
            level: .nominal, bootstrapSamples: 0)
        #expect(try #require(paradox.kappa) < 0)
        #expect(try #require(paradox.gwetAC1) > 0.85)
        #expect(paradox.prevalenceIndex == 0.9)
        #expect(paradox.kappaParadox)
        let balanced = try AgreementReport(
            data: try #require(Self.cases.first { $0.name == "balanced_2c_presence_n100" }).data,
            level: .nominal, bootstrapSamples: 0)
        #expect(!balanced.kappaParadox)
        #expect(balanced.prevalenceIndex == 0)
    }
}
