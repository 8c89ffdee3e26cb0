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
        privacy?.write(to: &out)
        out.line(-1, "<h2>\(sectionTitle)</h2>")
        if let sectionDescription {
            out.line(-1, "<p class=\"description\">\(sectionDescription)</p>")
        }
        out.line(-1, "<form method=\"post\" action=\"\(action)\" id=\"formulaire\" class=\"formulaire\" data-valeurs=\"\(answersJSON)\" data-today=\"\(today)\" novalidate>")
        questions(&out)
        out.line(0, "<div class=\"boutons\">")
        out.line(1, "<button type=\"submit\" name=\"action\" value=\"suivant\">Suivant</button>")
        if hasPrevious {
            out.line(1, "<button type=\"submit\" name=\"action\" value=\"precedent\" class=\"secondaire\">Précédent</button>")
        }
        out.line(1, "<button type=\"submit\" name=\"action\" value=\"enregistrer\" class=\"lien\">Enregistrer et continuer plus tard</button>")
        out.line(0, "</div>")
        out.line(-1, "</form>")
        out.line(-1, "<p class=\"remarque\">Vos réponses sont enregistrées à chaque page ; vous pouvez reprendre plus tard avec le même lien.</p>")
        out.raw(frame.foot)
    }
}

extension ErrorLink {
    /// The summary of errors at the top of a page (the `erreurs` partial's markup), linking to each field.
    static func writeSummary(_ errors: [ErrorLink], to out: inout HTMLWriter) {
        guard !errors.isEmpty else { return }
        out.line(-1, "<div class=\"resume-erreurs\" id=\"erreurs\" role=\"alert\" tabindex=\"-1\" aria-labelledby=\"erreurs-titre\">")
        out.line(0, "<h2 id=\"erreurs-titre\">Il y a un problème</h2>")
        out.line(0, "<ul>")
        for error in errors { out.line(1, "<li><a href=\"\(error.href)\">\(error.label) : \(error.message)</a></li>") }
        out.line(0, "</ul>")
        out.line(-1, "</div>")
    }
}
