import FabriqueStats
import Foundation
import Testing

/// Agreement coefficients against values computed by the krippendorff and scikit-learn packages
/// (Fixtures/make_agreement_fixtures.py, whose output is Fixtures/agreement.json).
struct AgreementTests {
    struct Case: Decodable, CustomTestStringConvertible {
        struct Alphas: Decodable { var nominal, ordinal, interval, ratio: Double? }
        var name: String
        var values: [[Value?]]
        var numeric: Bool
        var alpha: Alphas
        var units: Int
        var coders: Int
        var percentAgreement: Double?
        var kappa: Double?
        var kappaLinear: Double?
        var kappaQuadratic: Double?
        var testDescription: String { name }

        /// A fixture value: a number or a string.
        struct Value: Decodable {
            var text: String
            init(from decoder: Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let number = try? container.decode(Double.self) {
                    text = number == number.rounded() ? String(Int(number)) : String(number)
                } else {
                    text = try container.decode(String.self)
                }
            }
        }

        var data: ReliabilityData { ReliabilityData(values: values.map { $0.map { $0?.text } }) }
    }

    static let cases: [Case] = {
        let url = Bundle.module.url(forResource: "Fixtures/agreement", withExtension: "json")!
        return try! JSONDecoder().decode([Case].self, from: Data(contentsOf: url))
    }()

    static func close(_ a: Double?, _ b: Double?, _ tolerance: Double = 1e-9) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let x?, let y?): abs(x - y) <= tolerance * max(1, abs(y))
        default: false
        }
    }

    @Test func krippendorff2011WorkedExample() throws {
        let example = try #require(Self.cases.first { $0.name == "krippendorff2011" })
        let data = example.data
        // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", to three decimals.
        #expect(String(format: "%.3f", KrippendorffAlpha.alpha(data, level: .nominal)!) == "0.743")
        #expect(String(format: "%.3f", KrippendorffAlpha.alpha(data, level: .ordinal)!) == "0.815")
        #expect(String(format: "%.3f", KrippendorffAlpha.alpha(data, level: .interval)!) == "0.849")
        #expect(String(format: "%.3f", KrippendorffAlpha.alpha(data, level: .ratio)!) == "0.797")
    }

    @Test("alpha at every level matches the krippendorff package", arguments: cases)
    func alphaMatchesReference(_ c: Case) {
        let data = c.data
        #expect(Self.close(KrippendorffAlpha.alpha(data, level: .nominal), c.alpha.nominal))
        if c.numeric {
            #expect(Self.close(KrippendorffAlpha.alpha(data, level: .ordinal), c.alpha.ordinal))
            #expect(Self.close(KrippendorffAlpha.alpha(data, level: .interval), c.alpha.interval))
            #expect(Self.close(KrippendorffAlpha.alpha(data, level: .ratio), c.alpha.ratio))
        }
    }

    @Test("kappa, percent agreement and pairable units match scikit-learn and the definitions", arguments: cases)
    func reportMatchesReference(_ c: Case) throws {
        let report = try AgreementReport(data: c.data, level: .nominal, bootstrapSamples: 0)
        #expect(report.units == c.units)
        #expect(report.coders == c.coders)
        #expect(Self.close(report.percentAgreement, c.percentAgreement))
        #expect(Self.close(report.kappa, c.kappa))
        #expect(Self.close(report.kappaLinear, c.kappaLinear))
        #expect(Self.close(report.kappaQuadratic, c.kappaQuadratic))
    }

    @Test func bootstrapIntervalIsReproducibleAndSurroundsAlpha() throws {
        let data = try #require(Self.cases.first { $0.name == "gen09_5c_lik5_n200_high_miss25" }).data
        let alpha = try #require(KrippendorffAlpha.alpha(data, level: .ordinal))
        let interval = try #require(KrippendorffAlpha.bootstrapInterval(data, level: .ordinal, samples: 1000, seed: 4))
        #expect(interval.0 < alpha && alpha < interval.1)
        #expect(interval.1 - interval.0 < 0.1)
        let again = try #require(KrippendorffAlpha.bootstrapInterval(data, level: .ordinal, samples: 1000, seed: 4))
        #expect(again == interval)
        // Fewer units give a wider interval.
        let small = ReliabilityData(values: Array(data.values.prefix(30)))
        let smallInterval = try #require(KrippendorffAlpha.bootstrapInterval(small, level: .ordinal, samples: 1000, seed: 4))
        #expect(smallInterval.1 - smallInterval.0 > interval.1 - interval.0)
    }

    @Test func nonNumericCodesAreRefusedAboveNominal() {
        let data = ReliabilityData(values: [["oui", "oui"], ["non", "nsp"]])
        #expect(throws: NonNumericCode(unit: 0, coder: 0, value: "oui")) { try AgreementReport(data: data, level: .ordinal, bootstrapSamples: 0) }
        #expect((try? AgreementReport(data: data, level: .nominal, bootstrapSamples: 0)) != nil)
    }

    @Test func decimalCommasAreNumbers() {
        let data = ReliabilityData(values: [["0,5", "0.5"], ["1", "1,0"]])
        #expect(data.numbers == [0.5, 1])
        #expect(PercentAgreement.proportion(data) == 1)
    }
}
