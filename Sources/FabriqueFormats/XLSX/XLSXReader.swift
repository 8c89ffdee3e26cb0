import Foundation
import ZIPFoundation

/// Reads the sheets of an Office Open XML workbook (.xlsx) as text, with ZIPFoundation for the
/// zip container and `XMLParser` for its parts. Shared strings, inline strings, numbers,
/// booleans and formula results are read; styles are not, so a date typed in a cell reads as
/// its serial number.
public enum XLSXReader {
    /// Every sheet of the workbook, in workbook order. `file` names the file in errors.
    public static func read(_ data: Data, file: String) throws(FormatError) -> [XLSXSheet] {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw .unreadable(file: file, reason: "it is not a zip archive, as an .xlsx file is; save it again as an Excel workbook (.xlsx)")
        }
        func bytes(_ path: String) throws(FormatError) -> Data? {
            guard let entry = archive[path] else { return nil }
            var bytes = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { bytes.append($0) }
            } catch {
                throw .unreadable(file: file, reason: "its part \(path) cannot be unpacked (\(error)); save it again as an Excel workbook (.xlsx)")
            }
            return bytes
        }
        func malformed(_ path: String, _ failure: XMLTreeError) -> FormatError {
            .unreadable(file: file, reason: "its part \(path) is not well-formed XML (line \(failure.line): \(failure.message))")
        }
        func part(_ path: String) throws(FormatError) -> XMLTree? {
            guard let data = try bytes(path) else { return nil }
            switch XMLTree.parse(data) {
            case .success(let tree): return tree
            case .failure(let failure): throw malformed(path, failure)
            }
        }
        guard let workbook = try part("xl/workbook.xml") else {
            throw .unreadable(file: file, reason: "it has no xl/workbook.xml; save it again as an Excel workbook (.xlsx)")
        }
        let relations = try part("xl/_rels/workbook.xml.rels")?.children("Relationship") ?? []
        var targets: [String: String] = [:]
        for relation in relations {
            guard let id = relation.attributes["Id"], let target = relation.attributes["Target"] else { continue }
            targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        let shared = try part("xl/sharedStrings.xml").map(sharedStrings) ?? []
        var sheets: [XLSXSheet] = []
        for (index, sheet) in (workbook.child("sheets")?.children("sheet") ?? []).enumerated() {
            let name = sheet.attributes["name"] ?? "Sheet\(index + 1)"
            let path = sheet.attributes["id"].flatMap { targets[$0] } ?? "xl/worksheets/sheet\(index + 1).xml"
            guard let data = try bytes(path) else { continue }
            switch WorksheetParser.cells(data, shared: shared) {
            case .success(let cells): sheets.append(XLSXSheet(name: name, cells: cells))
            case .failure(let failure): throw malformed(path, failure)
            }
        }
        return sheets
    }

    /// The text of each shared string: its runs joined, phonetic readings left out.
    static func sharedStrings(_ tree: XMLTree) -> [String] {
        tree.children("si").map { item in
            item.descendants("t", skipping: ["rPh"]).map(\.text).joined()
        }
    }

    /// A number cell as a person would type it: `1`, not `1.0`; `0.1`, not `0.10000000000000001`.
    static func number(_ raw: String) -> String {
        guard let value = Double(raw), value.isFinite else { return raw }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
