/// A value the collecting tool records by itself, such as the start and end times or the device
/// (XLSForm's `start`, `end`, `today`, `deviceid`, `username`, `audit`…). It is no question: the
/// respondent never sees it, and fabrique's own form does not fill it; an import of that tool's
/// responses may find its column.
public struct SurveyMetadata: Sendable, Hashable {
    /// The XLSForm metadata types, which `type` takes.
    public static let types: Set<String> = [
        "start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username", "email", "audit",
        "imei", "uri:deviceid", "uri:subscriberid", "uri:simserial", "uri:phonenumber", "uri:username", "uri:email",
        "start-geopoint", "background-audio"
    ]

    /// The variable's name (the column of the tool's exports).
    public var name: String
    /// The XLSForm metadata type, such as `start` or `deviceid`.
    public var type: String
    /// Where the entry is defined.
    public var location: SourceLocation

    /// Creates an entry.
    public init(name: String, type: String, location: SourceLocation = .start) {
        self.name = name
        self.type = type
        self.location = location
    }
}
