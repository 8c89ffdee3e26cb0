/// An ordinal level of the coding scale, such as `2 affirmé`.
public struct CodebookLevel: Sendable, Hashable, Codable {
    public var value: Int
    public var label: String

    /// Creates a level.
    public init(value: Int, label: String) {
        self.value = value
        self.label = label
    }
}

/// A criterion of a territorial health project, with an anchor description for each level.
public struct Criterion: Sendable, Hashable, Codable {
    /// Stable code, such as `participation_habitants`.
    public var code: String
    public var label: String
    public var definition: String
    /// Anchor text by level value.
    public var anchors: [Int: String]

    /// Creates a criterion.
    public init(code: String, label: String, definition: String, anchors: [Int: String]) {
        self.code = code
        self.label = label
        self.definition = definition
        self.anchors = anchors
    }

    /// A digest of what coders are asked to judge: when it changes between codebook versions,
    /// codings made under the old definition are flagged.
    public var definitionDigest: String {
        let text = ([label, definition] + anchors.keys.sorted().map { "\($0):\(anchors[$0]!)" }).joined(separator: "\u{1F}")
        return SHA256.hex(Array(text.utf8))
    }
}

/// The coding frame (`seeds/codebook.yaml`): versioned criteria on one ordinal scale.
public struct Codebook: Sendable, Hashable {
    public var id: String
    public var version: Int
    public var title: String
    public var description: String
    public var levels: [CodebookLevel]
    public var criteria: [Criterion]

    /// Creates a codebook.
    public init(id: String, version: Int, title: String, description: String, levels: [CodebookLevel], criteria: [Criterion]) {
        self.id = id
        self.version = version
        self.title = title
        self.description = description
        self.levels = levels
        self.criteria = criteria
    }

    /// The criterion with this code.
    public func criterion(_ code: String) -> Criterion? { criteria.first { $0.code == code } }
}
