import Foundation
import Yams

extension SurveyParser {
    /// Reads the `retention:` block: each key a period such as `90 days`, reported at its value when it is not one.
    static func parseRetention(_ fields: YAMLFields, _ reader: YAMLReader) -> RetentionPolicy? {
        guard let node = fields.node("retention"),
            let block = reader.fields(node, allowed: RetentionPolicy.keys, context: "the retention block")
        else { return nil }
        func period(_ key: String) -> RetentionPeriod? {
            guard let text = block.string(key) else { return nil }
            guard let period = RetentionPeriod(parsing: text) else {
                reader.report(
                    "retention '\(key)': '\(text)' is not a period; write a whole number and a unit, such as 90 days, 6 months or 2 years",
                    at: block.valueLocation(key))
                return nil
            }
            return period
        }
        return RetentionPolicy(
            drafts: period("drafts"), invitations: period("invitations"), contacts: period("contacts"),
            auditDetails: period("audit_details"))
    }

    /// Reads the `privacy:` block; every key but `recipients` is required and must not be empty.
    static func parsePrivacy(_ fields: YAMLFields, _ reader: YAMLReader) -> PrivacyNotice? {
        guard let node = fields.node("privacy"),
            let block = reader.fields(
                node, allowed: ["controller", "purpose", "legal_basis", "recipients", "retention", "rights", "contact"],
                context: "the privacy block")
        else { return nil }
        func text(_ key: String) -> String {
            let value = block.string(key, required: true) ?? ""
            if block.has(key), value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                reader.report("privacy '\(key)' is empty; respondents must be told this", at: block.valueLocation(key))
            }
            return value
        }
        return PrivacyNotice(
            controller: text("controller"), purpose: text("purpose"), legalBasis: text("legal_basis"),
            recipients: block.string("recipients"), retention: text("retention"), rights: text("rights"),
            contact: text("contact"))
    }
}

extension SurveyParser {
    /// Reads the `metadata:` list: each entry a `name` (name rules) and an XLSForm metadata `type`.
    static func parseMetadata(_ fields: YAMLFields, _ reader: YAMLReader) -> [SurveyMetadata] {
        var seen: Set<String> = []
        return (fields.sequence("metadata") ?? []).compactMap { node in
            guard let entry = reader.fields(node, allowed: ["name", "type"], context: "a metadata entry"),
                let name = entry.string("name", required: true), let type = entry.string("type", required: true)
            else { return nil }
            if !isName(name) {
                reader.report(
                    "metadata name '\(name)' must start with a letter or '_' and use only letters, digits and '_'", at: entry.valueLocation("name"))
            }
            if !SurveyMetadata.types.contains(type) {
                let known = SurveyMetadata.types.sorted().joined(separator: ", ")
                reader.report("unknown metadata type '\(type)'; expected one of: \(known)", at: entry.valueLocation("type"))
            }
            if !seen.insert(name).inserted { reader.report("duplicate metadata name '\(name)'", at: entry.location) }
            return SurveyMetadata(name: name, type: type, location: entry.location)
        }
    }
}
