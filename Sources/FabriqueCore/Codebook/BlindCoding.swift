/// Blind double coding: until every coder assigned to a fiche has coded every criterion, no coder
/// sees another's codings of it, and exports leave them out.
public struct BlindCoding: Sendable {
    public let criteria: [String]
    public let assignments: [String: [String]]

    /// Prepares the rule for the codebook's criteria and the assignments.
    public init(criteria: [String], assignments: [String: [String]]) {
        self.criteria = criteria
        self.assignments = assignments
    }

    /// Whether every assigned coder has coded every criterion of the fiche.
    public func isComplete(_ experience: String, _ codings: [Coding]) -> Bool {
        guard let coders = assignments[experience] else { return true }
        let done = Set(codings.filter { $0.experience == experience && !$0.consensus }.map { "\($0.coder)\u{1F}\($0.criterion)" })
        return coders.allSatisfy { coder in criteria.allSatisfy { done.contains("\(coder)\u{1F}\($0)") } }
    }

    /// The codings `viewer` may see (nil: staff exports): all of a complete or unassigned fiche,
    /// and of the others only the viewer's own.
    public func visible(_ codings: [Coding], to viewer: String?) -> [Coding] {
        let complete = Dictionary(grouping: codings, by: \.experience).mapValues { isComplete($0[0].experience, $0) }
        return codings.filter { coding in
            complete[coding.experience] == true || (viewer != nil && coding.coder == viewer && !coding.consensus)
        }
    }
}
