import Foundation

/// Refusals of the RGPD operations (erasure, export, closing), with what to do next.
public enum PrivacyError: Error, LocalizedError, Sendable, Equatable {
    case unknownContact(email: String)
    case unknownResponse(survey: String, responseId: String)
    /// An erasure needs a reason, which the erasure log keeps.
    case missingReason

    public var errorDescription: String? {
        switch self {
        case .unknownContact(let email):
            "no contact with the e-mail '\(email)'; check the spelling with 'fabrique contacts list' (it may have been erased already)"
        case .unknownResponse(let survey, let responseId):
            "survey '\(survey)' has no stored response '\(responseId)'; check the id on the response's page (it may have been erased already)"
        case .missingReason:
            "an erasure needs a reason (--reason \"…\"): the erasure log records it, without the erased data"
        }
    }
}
