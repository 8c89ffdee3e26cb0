/// Reads `seeds/referential/regions.yaml`, `departements.yaml` and `seeds/themes.yaml`.
public enum ReferentialParser {
    /// A file's name and text.
    public typealias Source = (file: String, text: String)

    /// Parses and cross-checks the three files; throws every problem found.
    public static func parse(regions: Source, departements: Source, themes: Source) throws(SourceProblems) -> Referential {
        var problems: [SourceProblem] = []
        let regionList = records(regions, key: "regions", fields: ["code", "name", "slug", "overseas", "population"], &problems) { f in
            Region(
                code: f.string("code", required: true) ?? "", name: f.string("name", required: true) ?? "",
                slug: f.string("slug", required: true) ?? "", overseas: f.bool("overseas") ?? false,
                population: f.int("population") ?? 0)
        }
        let departementList = records(departements, key: "departements", fields: ["code", "name", "region"], &problems) { f in
            Departement(
                code: f.string("code", required: true) ?? "", name: f.string("name", required: true) ?? "",
                region: f.string("region", required: true) ?? "")
        }
        let themeList = records(themes, key: "themes", fields: ["slug", "label", "description"], &problems) { f in
            Theme(
                slug: f.string("slug", required: true) ?? "", label: f.string("label", required: true) ?? "",
                description: f.string("description") ?? "")
        }
        let regionCodes = Set(regionList.map(\.code))
        for (index, departement) in departementList.enumerated() where !regionCodes.contains(departement.region) {
            problems.append(
                SourceProblem(
                    file: departements.file, location: SourceLocation(line: index + 1, column: 1),
                    message: "département \(departement.code) names unknown region '\(departement.region)'"))
        }
        guard problems.isEmpty else { throw SourceProblems(problems) }
        return Referential(regions: regionList, departements: departementList, themes: themeList)
    }

    /// Reads a top-level key holding a list of flat records.
    private static func records<T>(
        _ source: Source, key: String, fields allowed: [String], _ problems: inout [SourceProblem],
        make: (YAMLFields) -> T
    ) -> [T] {
        let reader = YAMLReader(file: source.file)
        defer { problems += reader.problems }
        guard let root = reader.compose(source.text),
            let top = reader.fields(root, allowed: [key], context: source.file)
        else { return [] }
        return (top.sequence(key, required: true) ?? []).compactMap { node in
            reader.fields(node, allowed: allowed, context: "an entry of '\(key)'").map(make)
        }
    }
}
