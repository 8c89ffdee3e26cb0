import FabriqueCore

/// The privacy notice of a survey file (`privacy:`), written on the first page of the form: the
/// information RGPD articles 13 and 14 require at the time of collection. Every value is escaped.
extension PrivacyNotice {
    /// The notice as a `<section>` headed "Vos données personnelles".
    func write(to out: inout HTMLWriter) {
        out.line(-1, "<section class=\"donnees-personnelles\" aria-labelledby=\"donnees-personnelles-titre\">")
        out.line(0, "<h2 id=\"donnees-personnelles-titre\">Vos données personnelles</h2>")
        out.line(0, "<dl>")
        var rows = [("Responsable du traitement", controller), ("Finalité", purpose), ("Base légale", legalBasis)]
        if let recipients { rows.append(("Destinataires", recipients)) }
        rows += [("Durée de conservation", retention), ("Vos droits", rights)]
        for (term, text) in rows {
            out.line(1, "<div><dt>\(term)</dt><dd>\(text)</dd></div>")
        }
        if Self.isEmail(contact) {
            out.line(1, "<div><dt>Contact</dt><dd><a href=\"mailto:\(contact)\">\(contact)</a></dd></div>")
        } else {
            out.line(1, "<div><dt>Contact</dt><dd>\(contact)</dd></div>")
        }
        out.line(0, "</dl>")
        out.line(-1, "</section>")
    }

    /// Whether the contact is a bare e-mail address, shown as a `mailto:` link.
    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(where: { $0.isWhitespace || $0 == ":" })
    }
}
