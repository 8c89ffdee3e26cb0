/// One item of a choice list: a stable code, a label that may change, and optional attributes
/// that `choice_filter` expressions can read.
public struct Choice: Sendable, Hashable {
    /// The stable code stored in responses.
    public var value: String
    /// The French label shown to respondents.
    public var label: String
    /// Extra attributes, such as the `region` of a département.
    public var attributes: [String: String]

    /// Creates a choice.
    public init(value: String, label: String, attributes: [String: String] = [:]) {
        self.value = value
        self.label = label
        self.attributes = attributes
    }

    /// The code of the implicit "other, specify" item that `other: true` adds.
    public static let otherValue = "other"
    /// The implicit "other" item.
    public static let other = Choice(value: otherValue, label: "Autre")
}

/// A named list of choices (`list_name` in XLSForm).
public struct ChoiceList: Sendable, Hashable {
    /// The list's name, referred to by questions' `choices`.
    public var name: String
    /// The items, in display order.
    public var items: [Choice]
    /// Where the list is defined.
    public var location: SourceLocation

    /// Creates a list.
    public init(name: String, items: [Choice], location: SourceLocation = .start) {
        self.name = name
        self.items = items
        self.location = location
    }

    /// The item with this code.
    public func item(_ value: String) -> Choice? {
        items.first { $0.value == value }
    }
}
