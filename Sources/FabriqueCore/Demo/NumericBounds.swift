/// Bounds for generated numbers, read from a constraint such as `. >= 0 and . <= 5`: every
/// comparison of `.` with an expression that does not use `.` gives a bound, evaluated in context.
enum NumericBounds {
    static func range(
        of question: Question, typed: [String: ExpressionValue], today: CalendarDate,
        fallback: ClosedRange<Double>
    ) -> ClosedRange<Double> {
        var lower: Double?
        var upper: Double?
        let context = EvaluationContext(today: today, value: { typed[$0] ?? .empty })
        question.constraint?.expression.visit { node in
            guard case .binary(let op, let lhs, let rhs) = node else { return }
            let (bound, flipped): (FormExpression, Bool)
            if case .current = lhs, !rhs.usesCurrent {
                (bound, flipped) = (rhs, false)
            } else if case .current = rhs, !lhs.usesCurrent {
                (bound, flipped) = (lhs, true)
            } else {
                return
            }
            guard let value = bound.evaluate(in: context).asNumber else { return }
            switch (op, flipped) {
            case (.greater, false), (.greaterOrEqual, false), (.less, true), (.lessOrEqual, true): lower = max(lower ?? value, value)
            case (.less, false), (.lessOrEqual, false), (.greater, true), (.greaterOrEqual, true): upper = min(upper ?? value, value)
            default: break
            }
        }
        var low = lower ?? fallback.lowerBound
        var high = upper ?? fallback.upperBound
        if lower != nil, upper == nil, low > fallback.upperBound { high = low + (fallback.upperBound - fallback.lowerBound) }
        if upper != nil, lower == nil, high < fallback.lowerBound { low = high - (fallback.upperBound - fallback.lowerBound) }
        // Plausible sub-ranges inside wide limits: a post's FTE is rarely above 2.
        if lower != nil, upper != nil, fallback.upperBound < high, fallback.lowerBound >= low, fallback.upperBound > low {
            high = fallback.upperBound
        }
        if lower != nil, upper != nil, fallback.lowerBound > low, fallback.lowerBound < high, question.name.contains("annee") {
            low = fallback.lowerBound
        }
        return low <= high ? low...high : high...low
    }

    static func integerFallback(_ name: String) -> ClosedRange<Double> {
        if name.contains("annee") { return 2000...2024 }
        if name.contains("population") || name.contains("habitants") { return 2000...250_000 }
        if name.contains("anciennete") { return 0...15 }
        if name.hasPrefix("nb") { return 1...25 }
        return 0...30
    }

    static func decimalFallback(_ name: String) -> ClosedRange<Double> {
        if name.contains("etp") { return 0.2...1.5 }
        if name.contains("montant") || name.contains("budget") { return 2_000...120_000 }
        if name.contains("part") || name.contains("taux") { return 0...100 }
        return 0...100
    }
}
