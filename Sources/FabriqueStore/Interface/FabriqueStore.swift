/// The whole store, every concern together: what the command line opens from `--db`, a file path
/// (SQLite, `AppDatabase`) or a `postgres://` address (`PostgresStore`). Modules take the concerns
/// they need; only the command line and the web app's set-up hold the whole.
public protocol FabriqueStore: AccountStore, ReferentialStore, ResponseStore, CodingStore, ContactStore, InvitationStore, SurveyClosingStore,
    SubmissionStore, PrivacyStore, StudyTransfer
{}

extension AppDatabase: FabriqueStore {}
extension PostgresStore: FabriqueStore {}
