import FabriqueCore

/// The stable JSON of `fabrique table`: raw values with a `suppressed` flag per cell, for scripting.
/// Fields are added over time, never renamed.
public enum TableJSON {
    public static func render(_ table: StatTable) -> String {
        typealias J = JSONText
        func interval(_ ci: (Double, Double)?) -> String { ci.map { J.array([J.number($0.0), J.number($0.1)]) } ?? "null" }
        switch table {
        case .frequency(let question, _, let valid, let missing, let categories, _):
            return J.object([
                ("question", J.string(question)), ("n", String(valid)), ("missing", String(missing)),
                (
                    "categories",
                    J.array(
                        categories.map { c in
                            J.object([
                                ("value", J.string(c.value)), ("label", J.string(c.label)), ("n", String(c.n)),
                                ("percent", J.number(c.percent)), ("ci95", interval(c.ci95)), ("suppressed", String(c.suppressed))
                            ])
                        })
                )
            ])
        case .multiSelect(let question, _, let respondents, let missing, let responses, let categories, _):
            return J.object([
                ("question", J.string(question)), ("respondents", String(respondents)), ("missing", String(missing)),
                ("responses", String(responses)),
                (
                    "categories",
                    J.array(
                        categories.map { c in
                            J.object([
                                ("value", J.string(c.value)), ("label", J.string(c.label)), ("n", String(c.n)),
                                ("percentRespondents", J.number(c.percent)), ("percentResponses", J.number(c.percentOfResponses)),
                                ("ci95", interval(c.ci95)), ("suppressed", String(c.suppressed))
                            ])
                        })
                )
            ])
        case .crosstab(_, _, let rows, let cols, let counts, let suppressed, let test, let missing, _):
            return J.object([
                ("rows", J.array(rows.map { J.string($0.code) })), ("cols", J.array(cols.map { J.string($0.code) })),
                ("counts", J.array(counts.map { J.array($0.map(String.init)) })),
                ("chi2", J.number(test.statistic)), ("df", String(test.degreesOfFreedom)), ("p", J.number(test.p)),
                ("cramersV", J.number(test.cramersV)), ("fisherP", J.number(test.fisherP)),
                ("expectedBelow5Share", J.number(test.expectedBelow5Share)), ("missing", String(missing)),
                ("suppressed", J.array(suppressed.map { J.array($0.map { String($0) }) }))
            ])
        case .likert(let scale, let items, _):
            return J.object([
                ("scale", J.array(scale.map { J.string($0.code) })),
                (
                    "items",
                    J.array(
                        items.map { item in
                            J.object([
                                ("question", J.string(item.name)), ("n", String(item.summary.n)), ("missing", String(item.summary.missing)),
                                ("distribution", J.array(item.summary.distribution.map(String.init))), ("mean", J.number(item.summary.mean)),
                                ("top2Percent", J.number(item.summary.top2Percent)), ("suppressed", J.array(item.suppressed.map { String($0) }))
                            ])
                        })
                )
            ])
        case .numeric(let question, _, _, let groups, _):
            return J.object([
                ("question", J.string(question)),
                (
                    "groups",
                    J.array(
                        groups.map { g in
                            let s = g.summary.value
                            return J.object([
                                ("value", J.string(g.value)), ("n", String(s.n)), ("missing", String(g.missing)), ("mean", J.number(s.mean)),
                                ("sd", J.number(s.sd)), ("median", J.number(s.median)), ("q1", J.number(s.q1)), ("q3", J.number(s.q3)),
                                ("min", J.number(s.min)), ("max", J.number(s.max)), ("ci95", interval(s.ci95)), ("suppressed", String(g.suppressed))
                            ])
                        })
                )
            ])
        }
    }
}
