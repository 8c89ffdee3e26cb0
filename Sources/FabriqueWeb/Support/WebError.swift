import FabriqueStore
import Foundation
import Hummingbird

/// The errors a route throws for the user to see; `ErrorPages` turns them into French pages.
enum WebError: Error {
    /// Unknown, used or malformed tokens, and anything that does not exist: one identical page.
    case notFound
    /// Logged in, but the role does not allow it.
    case forbidden
    /// A staff page without a session: back to the login, then to `next`.
    case loginRequired(next: String)
    /// A staff POST whose CSRF token is missing or wrong.
    case csrf
    /// Too many attempts from one address.
    case tooManyRequests
    /// A request the form does not understand.
    case badRequest(String)
    /// The survey is closed, or a resource is gone for good.
    case gone(String)
    /// The disk under the database is full or failing: nothing was written, try again later.
    case unavailable
    /// Anything else that went wrong on the server (logged with its cause).
    case internalError

    var status: HTTPResponse.Status {
        switch self {
        case .notFound: .notFound
        case .forbidden, .csrf: .forbidden
        case .loginRequired: .seeOther
        case .tooManyRequests: .tooManyRequests
        case .badRequest: .badRequest
        case .gone: .gone
        case .unavailable: .serviceUnavailable
        case .internalError: .internalServerError
        }
    }

    var message: String {
        switch self {
        case .notFound:
            "Cette page n'existe pas, ou ce lien n'est plus valable. "
                + "Vérifiez l'adresse reçue ou contactez l'équipe qui vous a invité."
        case .forbidden: "Votre compte ne donne pas accès à cette page."
        case .loginRequired: "Connectez-vous pour accéder à cette page."
        case .csrf: "Le formulaire a expiré ou ne provient pas de cette application. Rechargez la page et recommencez."
        case .tooManyRequests: "Trop de tentatives depuis votre adresse. Réessayez dans quelques minutes."
        case .badRequest(let reason), .gone(let reason): reason
        case .unavailable: Self.unavailableMessage
        case .internalError:
            "Une erreur inattendue s'est produite sur le serveur ; elle a été enregistrée. Réessayez plus tard ou contactez l'équipe."
        }
    }

    var title: String {
        switch self {
        case .notFound: "Page introuvable"
        case .forbidden, .csrf: "Accès refusé"
        case .loginRequired: "Connexion requise"
        case .tooManyRequests: "Trop de tentatives"
        case .badRequest: "Requête incorrecte"
        case .gone: "Enquête close"
        case .unavailable: "Service momentanément indisponible"
        case .internalError: "Erreur du serveur"
        }
    }

    /// What a respondent reads when their answers could not be saved.
    static let unavailableMessage =
        "Le service est momentanément indisponible : vos réponses n'ont pas pu être enregistrées. "
        + "Rien n'est perdu de ce qui était déjà enregistré. Réessayez dans quelques minutes."
}

/// Renders `WebError`s, Hummingbird's own errors and every other error as French pages, so that no
/// error falls through as a blank 500, and so that every 404 is byte for byte the same page. Errors
/// that are not the visitor's doing are logged with their cause.
struct ErrorPages: RouterMiddleware {
    typealias Context = WebContext
    let renderer: PageRenderer

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as WebError {
            if case .loginRequired(let next) = error {
                return .redirect(to: "/connexion?suite=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/gestion"))
            }
            return try page(error)
        } catch let error as any HTTPResponseError {
            switch error.status {
            case .notFound, .methodNotAllowed: return try page(.notFound)
            case .contentTooLarge:
                return try renderer.page(
                    MessageView(
                        layout: LayoutView(pageTitle: "Envoi trop volumineux"),
                        message: "Les données envoyées dépassent la taille autorisée (1 Mo)."),
                    template: "message", status: .contentTooLarge)
            case let status where status.code < 500:
                return try page(.badRequest("La requête n'a pas pu être comprise (\(status.code)). Vérifiez l'adresse ou rechargez la page."))
            default:
                context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
                return try page(.internalError)
            }
        } catch let error as StoreError where error.isStorageFault {
            context.logger.error("storage fault", metadata: ["path": "\(request.uri.path)", "error": "\(error.localizedDescription)"])
            return try page(.unavailable)
        } catch {
            // No error may fall through as a blank 500 without headers: it is logged with its cause
            // and the visitor gets the French page.
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: error))"])
            return try page(.internalError)
        }
    }

    private func page(_ error: WebError) throws -> Response {
        try renderer.page(MessageView(layout: LayoutView(pageTitle: error.title), message: error.message), template: "message", status: error.status)
    }
}
