import FabriqueFormats
import FabriqueImport
import FabriqueStore
import Foundation
import Hummingbird

/// The dashboard's downloads of a survey's responses for SPSS (`reponses.sav`) and Stata
/// (`reponses.dta`), the files of `fabrique export responses --format sav|dta`. The role and scope
/// checks are the non-respondents list's: staff and administrators, the survey in the account's
/// scope, and only the responses of the account's regions.
struct ResponseFilesController {
    let database: any FabriqueStore
    let catalog: SurveyCatalog

    func addRoutes(to router: Router<WebContext>) {
        for format in DatasetFormat.allCases {
            router.get("/gestion/enquetes/:survey/reponses.\(format.fileExtension)") { request, context in
                try await download(format, request, context)
            }
        }
    }

    /// The address of a survey's download.
    static func url(surveyId: String, _ format: DatasetFormat) -> String {
        "/gestion/enquetes/\(surveyId)/reponses.\(format.fileExtension)"
    }

    func download(_ format: DatasetFormat, _ request: Request, _ context: WebContext) async throws -> Response {
        let session = try StaffAccess.require(StaffAccess.staffRoles, request, context)
        let survey = try catalog.served(context.parameters.get("survey")).survey
        try StaffAccess.requireSurvey(survey.id, session)
        let database = database
        let scope = session.user.scope
        let today = WebClock.today()
        // Reading every response blocks on SQLite: a dispatch queue, not the threads that serve requests.
        let (bytes, warnings): (Data, [String])
        do {
            (bytes, warnings) = try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global(qos: .userInitiated).async {
                    continuation.resume(
                        with: Result {
                            let (dataset, notices) = try ResponseDatasetBuilder.dataset(of: survey, in: database, scope: scope, today: today)
                            let file = try DatasetWriter.data(dataset, format: format)
                            return (file.data, notices + file.warnings)
                        })
                }
            }
        } catch DatasetError.textTooLong(let variable, _, _, _, _) {
            throw WebError.badRequest(
                "Une réponse à \(variable) dépasse les 32 767 octets qu’un fichier SPSS peut garder : téléchargez le fichier Stata (.dta).")
        }
        if !warnings.isEmpty {
            context.logger.notice("reponses.\(format.fileExtension) of \(survey.id): \(warnings.count) change(s) for \(format.software)")
        }
        var headers = HTTPFields()
        headers[.contentType] = format.contentType
        headers[.contentDisposition] = "attachment; filename=\"reponses-\(survey.id).\(format.fileExtension)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: bytes)))
    }
}
