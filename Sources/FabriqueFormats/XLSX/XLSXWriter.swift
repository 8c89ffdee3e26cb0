import FabriqueCore
import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Writes sheets of text as an Office Open XML workbook (.xlsx): each part built as an
/// `XMLDocument`, the container by ZIPFoundation. Cells are inline strings; there are no styles
/// beyond the one default a workbook needs.
public enum XLSXWriter {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let officeRelations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelations = "http://schemas.openxmlformats.org/package/2006/relationships"

    /// The workbook's bytes. Rows are written from row 1; empty texts leave the cell out.
    public static func write(_ sheets: [(name: String, rows: [[String]])]) throws -> Data {
        let parts = XMLLock.withLock { self.parts(sheets) }
        return try XMLWriting.zip(parts)
    }

    /// Each part's path and bytes.
    private static func parts(_ sheets: [(name: String, rows: [[String]])]) -> [(String, Data)] {
        var parts: [(String, Data)] = []
        let types = element("Types", namespace: "http://schemas.openxmlformats.org/package/2006/content-types")
        types.addChild(element("Default", ["Extension": "rels", "ContentType": "application/vnd.openxmlformats-package.relationships+xml"]))
        types.addChild(element("Default", ["Extension": "xml", "ContentType": "application/xml"]))
        types.addChild(
            element(
                "Override",
                ["PartName": "/xl/workbook.xml", "ContentType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"]))
        types.addChild(
            element(
                "Override", ["PartName": "/xl/styles.xml", "ContentType": "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"]))
        let rootRelations = element("Relationships", namespace: packageRelations)
        rootRelations.addChild(element("Relationship", ["Id": "rId1", "Type": officeRelations + "/officeDocument", "Target": "xl/workbook.xml"]))
        let workbook = element("workbook", namespace: main)
        workbook.addNamespace(XMLNode.namespace(withName: "r", stringValue: officeRelations) as! XMLNode)
        let sheetList = element("sheets")
        let relations = element("Relationships", namespace: packageRelations)
        for (index, sheet) in sheets.enumerated() {
            let number = index + 1
            types.addChild(
                element(
                    "Override",
                    [
                        "PartName": "/xl/worksheets/sheet\(number).xml",
                        "ContentType": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
                    ]))
            sheetList.addChild(element("sheet", ["name": sheet.name, "sheetId": "\(number)", "r:id": "rId\(number)"]))
            relations.addChild(
                element("Relationship", ["Id": "rId\(number)", "Type": officeRelations + "/worksheet", "Target": "worksheets/sheet\(number).xml"]))
            parts.append(("xl/worksheets/sheet\(number).xml", document(worksheet(sheet.rows))))
        }
        relations.addChild(element("Relationship", ["Id": "rId\(sheets.count + 1)", "Type": officeRelations + "/styles", "Target": "styles.xml"]))
        workbook.addChild(sheetList)
        parts =
            [
                ("[Content_Types].xml", document(types)), ("_rels/.rels", document(rootRelations)), ("xl/workbook.xml", document(workbook)),
                ("xl/_rels/workbook.xml.rels", document(relations)), ("xl/styles.xml", document(styles()))
            ] + parts
        return parts
    }

    private static func worksheet(_ rows: [[String]]) -> XMLElement {
        let sheet = element("worksheet", namespace: main)
        let data = element("sheetData")
        for (rowIndex, values) in rows.enumerated() {
            let row = element("row", ["r": "\(rowIndex + 1)"])
            for (columnIndex, value) in values.enumerated() where !value.isEmpty {
                let cell = element("c", ["r": CellReference(row: rowIndex + 1, column: columnIndex + 1).description, "t": "inlineStr"])
                let inline = element("is")
                let text = element("t", value.first?.isWhitespace == true || value.last?.isWhitespace == true ? ["xml:space": "preserve"] : [:])
                text.stringValue = XMLWriting.xmlText(value)
                inline.addChild(text)
                cell.addChild(inline)
                row.addChild(cell)
            }
            data.addChild(row)
        }
        sheet.addChild(data)
        return sheet
    }

    private static func styles() -> XMLElement {
        let styles = element("styleSheet", namespace: main)
        let fonts = element("fonts", ["count": "1"])
        let font = element("font")
        font.addChild(element("sz", ["val": "11"]))
        font.addChild(element("name", ["val": "Calibri"]))
        fonts.addChild(font)
        let fills = element("fills", ["count": "1"])
        let fill = element("fill")
        fill.addChild(element("patternFill", ["patternType": "none"]))
        fills.addChild(fill)
        let borders = element("borders", ["count": "1"])
        borders.addChild(element("border"))
        let styleXfs = element("cellStyleXfs", ["count": "1"])
        styleXfs.addChild(element("xf", ["numFmtId": "0", "fontId": "0", "fillId": "0", "borderId": "0"]))
        let cellXfs = element("cellXfs", ["count": "1"])
        cellXfs.addChild(element("xf", ["numFmtId": "0", "fontId": "0", "fillId": "0", "borderId": "0", "xfId": "0"]))
        for child in [fonts, fills, borders, styleXfs, cellXfs] { styles.addChild(child) }
        return styles
    }

    private static func element(_ name: String, _ attributes: [String: String] = [:], namespace: String? = nil) -> XMLElement {
        XMLWriting.element(name, attributes, namespace: namespace)
    }

    private static func document(_ root: XMLElement) -> Data { XMLWriting.document(root, standalone: true) }
}
