/// The respondent's form page, written in Swift between the shared header and footer templates
/// (`entete`, `pied`, rendered once per page title by `PageRenderer.frame`): the form is the
/// app's most requested page, and the template engine took a third of its CPU. The markup is the
/// one `formulaire.mustache` produced (kept in the tests' fixtures and compared line by line).
extension FormPageView {
    /// The page, its questions written in place by `questions` (`QuestionViewBuilder.write`).
    func write(to out: inout HTMLWriter, frame: PageFrame, questions: (inout HTMLWriter) -> Void) {
        out.raw(frame.head)
        out.line(-1, "<p class=\"titre-enquete\">\(surveyTitle)</p>")
        if let contactName {
            out.line(-1, "<p class=\"destinataire\">Questionnaire destiné à \(contactName)</p>")
        }
        out.line(-1, "<div class=\"bloc-progression\">")
        out.line(0, "<p class=\"progression\" id=\"progression\">\(stepLabel)</p>")
        out.line(0, "<progress max=\"\(stepCount)\" value=\"\(stepNumber)\" aria-labelledby=\"progression\">\(stepLabel)</progress>")
        out.line(-1, "</div>")
        if let notice {
            out.line(-1, "<div class=\"notice\" role=\"status\"><p>\(notice)</p></div>")
        }
        if let alert {
            out.line(-1, "<div class=\"resume-erreurs\" role=\"alert\"><h2>Service momentanément indisponible</h2><p>\(alert)</p></div>")
        }
        ErrorLink.writeSummary(errors, to: &out)
        ErrorLink.writeWarnings(warnings, to: &out)
        privacy?.write(to: &out)
        out.line(-1, "<h2>\(sectionTitle)</h2>")
        if let sectionDescription {
            out.line(-1, "<p class=\"description\">\(sectionDescription)</p>")
        }
        out.line(
            -1,
            """
            <form method="post" action="\(action)" id="formulaire" class="formulaire" \
            data-valeurs="\(answersJSON)" data-today="\(today)" novalidate>
            """)
        questions(&out)
        for confirmation in confirmations {
            out.line(0, "<input type=\"hidden\" name=\"_verifie\" value=\"\(confirmation)\">")
        }
        out.line(0, "<div class=\"boutons\">")
        out.line(1, "<button type=\"submit\" name=\"action\" value=\"suivant\">Suivant</button>")
        if hasPrevious {
            out.line(1, "<button type=\"submit\" name=\"action\" value=\"precedent\" class=\"secondaire\">Précédent</button>")
        }
        out.line(1, "<button type=\"submit\" name=\"action\" value=\"enregistrer\" class=\"lien\">Enregistrer et continuer plus tard</button>")
        out.line(0, "</div>")
        out.line(-1, "</form>")
        out.line(
            -1,
            """
            <p class="remarque">Vos réponses sont enregistrées à chaque page ; \
            vous pouvez reprendre plus tard avec le même lien.</p>
            """)
        out.raw(frame.foot)
    }
}

extension ErrorLink {
    /// The summary of errors at the top of a page (the `erreurs` partial's markup), linking to each field.
    static func writeSummary(_ errors: [ErrorLink], to out: inout HTMLWriter) {
        writeBox(errors, style: "resume-erreurs", id: "erreurs", role: "alert", title: "Il y a un problème", to: &out)
    }

    /// The answers to check (soft limits): kept as given when the page is sent again unchanged.
    static func writeWarnings(_ warnings: [ErrorLink], to out: inout HTMLWriter) {
        writeBox(
            warnings, style: "avertissement", id: "avertissements", role: "status", title: "Vérifiez ces réponses",
            closing: "Si elles sont justes, cliquez à nouveau sur « Suivant » : elles seront enregistrées telles quelles.", to: &out)
    }

    /// A titled box of links to fields, with an optional closing paragraph.
    private static func writeBox(
        _ links: [ErrorLink], style: String, id: String, role: String, title: String, closing: String? = nil,
        to out: inout HTMLWriter
    ) {
        guard !links.isEmpty else { return }
        out.line(-1, "<div class=\"\(style)\" id=\"\(id)\" role=\"\(role)\" tabindex=\"-1\" aria-labelledby=\"\(id)-titre\">")
        out.line(0, "<h2 id=\"\(id)-titre\">\(title)</h2>")
        out.line(0, "<ul>")
        for link in links { out.line(1, "<li><a href=\"\(link.href)\">\(link.label) : \(link.message)</a></li>") }
        out.line(0, "</ul>")
        if let closing { out.line(0, "<p>\(closing)</p>") }
        out.line(-1, "</div>")
    }
}
