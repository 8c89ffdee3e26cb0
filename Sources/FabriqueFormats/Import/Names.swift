import FabriqueCore
import Foundation

/// Names for fabrique from other tools' texts.
enum Names {
    /// `text` made a valid name: letters, digits and `_`, starting with a letter or `_`
    /// (accents dropped, other characters turned into `_`).
    static func sanitized(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive], locale: nil)
        var result = ""
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" {
                result.unicodeScalars.append(scalar)
            } else if !result.hasSuffix("_") {
                result += "_"
            }
        }
        while result.hasSuffix("_"), result.count > 1 { result.removeLast() }
        if result.isEmpty { return "_" }
        if let first = result.unicodeScalars.first, ("0"..."9").contains(first) { result = "_" + result }
        return result
    }

    /// A file's name without folders.
    static func base(_ path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }

    /// A file's name without folders and extension.
    static func stem(_ path: String) -> String {
        let name = base(path)
        return name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
    }

    /// A name not yet in `taken`: `base`, else `base_2`, `base_3`…, with `base` cut so that the name
    /// has at most `maxLength` characters (ASCII names). `taken` holds each name's `key`, which lets
    /// names be compared without case.
    static func unique(
        _ base: String, in taken: inout Set<String>, maxLength: Int = .max, key: (String) -> String = { $0 }
    ) -> String {
        var candidate = base
        var counter = 2
        while taken.contains(key(candidate)) {
            let suffix = "_\(counter)"
            candidate = String(base.prefix(max(1, maxLength - suffix.count))) + suffix
            counter += 1
        }
        taken.insert(key(candidate))
        return candidate
    }
}
