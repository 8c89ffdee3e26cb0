import FabriqueCore
import FabriqueStore

/// Group commit for submissions. While one batch is being written and synced to disk, the
/// submissions that arrive wait; they are then written together in the next transaction, with a
/// single sync. Each request is answered only after its own transaction has committed, so an
/// acknowledgement still means "on disk", but the disk's sync rate no longer caps the rate of
/// responses.
actor SubmissionBatcher {
    private struct Item {
        let survey: Survey
        let fieldNames: [String]
        let submission: Submission
        let continuation: CheckedContinuation<Bool, any Error>
    }

    private let database: any FabriqueStore
    private var pending: [Item] = []
    private var draining = false

    init(database: any FabriqueStore) {
        self.database = database
    }

    /// Stores one response; true once committed, false when the link was already used.
    func submit(survey: Survey, fieldNames: [String], _ submission: Submission) async throws -> Bool {
        try await withCheckedThrowingContinuation { continuation in
            pending.append(Item(survey: survey, fieldNames: fieldNames, submission: submission, continuation: continuation))
            if !draining {
                draining = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = pending
            pending.removeAll()
            let groups = Dictionary(grouping: batch) { $0.survey.id + "\u{1F}" + $0.survey.version }
            for key in groups.keys.sorted() {
                guard let group = groups[key], let first = group.first else { continue }
                do {
                    let results = try await database.submitResponses(survey: first.survey, fieldNames: first.fieldNames, group.map(\.submission))
                    for (item, result) in zip(group, results) { item.continuation.resume(with: result) }
                } catch {
                    for item in group { item.continuation.resume(throwing: error) }
                }
            }
        }
        draining = false
    }
}
