import FabriqueCore

extension ColumnPlan {
    /// The headers tried for the response id, in order, compared folded (any case, any accents):
    /// fabrique and Excel, LimeSurvey (`id`, `Response ID`), Kobo and ODK (`_uuid`, `_id`,
    /// `meta/instanceID`, `_index`), REDCap (`record_id`).
    public static let idCandidates = [
        "response_id", "id", "response id", "_uuid", "record_id", "_id", "meta/instanceid", "instanceid",
        "_index", "identifiant", "token"
    ]

    /// The id column: the one named, or the first candidate that the first rows fill. An empty
    /// candidate passed over is named in a warning; a named column, or every candidate, empty in
    /// the first rows stops the import (Kobo exports can hold `_uuid` and `_id` empty throughout).
    static func idColumn(
        header: [String], wanted: String?, filled: Set<Int>, sampleRows: Int, file: String,
        warnings: inout [String]
    ) throws(ImportError) -> Int {
        let isFilled = { (column: Int) in sampleRows == 0 || filled.contains(column) }
        if let wanted {
            guard let index = header.firstIndex(of: wanted) ?? header.firstIndex(where: { $0.folded == wanted.folded }) else {
                throw ImportError.noIdColumn(file: file, wanted: wanted, candidates: idCandidates)
            }
            guard isFilled(index) else { throw ImportError.emptyIdColumns(file: file, columns: [header[index]], rows: sampleRows) }
            return index
        }
        var present: [Int] = []
        for candidate in idCandidates {
            if let index = header.firstIndex(where: { $0.trimmingASCIIWhitespace().folded == candidate }), !present.contains(index) {
                present.append(index)
            }
        }
        guard !present.isEmpty else { throw ImportError.noIdColumn(file: file, wanted: nil, candidates: idCandidates) }
        guard let chosen = present.first(where: isFilled) else {
            throw ImportError.emptyIdColumns(file: file, columns: present.map { header[$0] }, rows: sampleRows)
        }
        let skipped = present.prefix { $0 != chosen }.sorted()
        if !skipped.isEmpty {
            let names = skipped.map { "\($0 + 1) '\(header[$0])'" }.joined(separator: ", ")
            warnings.append(
                "column\(skipped.count > 1 ? "s" : "") \(names) \(skipped.count > 1 ? "are" : "is") empty in the first \(sampleRows) row(s): "
                    + "the response id is read from column \(chosen + 1) '\(header[chosen])' instead (name another with --id-column)"
            )
        }
        return chosen
    }
}
