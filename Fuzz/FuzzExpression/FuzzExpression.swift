import FabriqueCore
import FuzzSupport

/// libFuzzer's entry: any bytes as an expression of the questionnaire language. A parsed
/// expression is evaluated against a fixed response, both ways the server judges a condition
/// (which must agree); its canonical source must parse back to the same tree; and it is emitted
/// as JavaScript, whose number literals must be numbers JavaScript reads.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpression(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    guard let expression = try? ExpressionParser.parse(text) else { return 0 }
    for context in ExpressionFuzzContext.all {
        let value = expression.evaluate(in: context)
        fuzzCheck(expression.isTrue(in: context) == value.asBoolean, "isTrue and evaluate disagree on \(expression.source)")
        _ = value.asString
        _ = value.asList
        _ = expression.resolvingReferences(["a": 0, "b": 1]).evaluate(in: context)
    }
    let source = expression.source
    guard let reparsed = try? ExpressionParser.parse(source) else { fatalError("the canonical source \(source) does not parse") }
    fuzzCheck(reparsed.withoutOffsets == expression.withoutOffsets, "\(source) parses to another tree")
    _ = ExpressionJavaScript.function(expression)
    expression.visit { node in
        guard case .number(let number) = node else { return }
        let emitted = ExpressionJavaScript.emit(node)
        fuzzCheck(number.isFinite && Double(emitted) == number, "the number \(number) is emitted as \(emitted)")
    }
    _ = expression.references
    _ = expression.attributes
    _ = expression.dependsOnCurrentAndTodayAlone
    return 0
}

/// Fixed responses: every kind of value under a few names, `.` and the choice attributes.
enum ExpressionFuzzContext {
    static let today = CalendarDate(year: 2026, month: 12, day: 7)!
    static let values: [String: ExpressionValue] = [
        "a": .number(3), "b": .string("x y"), "c": .list(["x", "y", "z"]), "d": .string("2026-02-29"),
        "e": .string("0,5"), "f": .boolean(true), "g": .number(-0.5), "h": .string(""), "i": .number(1e300)
    ]
    /// Read only, and libFuzzer runs one input at a time.
    nonisolated(unsafe) static let all: [EvaluationContext] = [
        EvaluationContext(today: today),
        EvaluationContext(today: today, current: .number(42), value: { values[$0] ?? .empty }, attribute: { values[$0] ?? .string($0) }),
        EvaluationContext(today: today, current: .list(["x"]), value: { values[$0] ?? .string($0) }, attribute: { _ in .number(0) })
    ]
}

/// Runs the entry under libFuzzer, or on the files given in a plain build.
@main
enum FuzzExpressionMain {
    static func main() { FuzzDriver.main(fuzzExpression) }
}
