/* fabrique: add the selected text as an excerpt on the coding screen. An enhancement only:
   without JavaScript, researchers paste quotes into the excerpts box themselves.
   Selecting a passage of the fiche, then one click (or Enter) on a criterion's button in the
   panel under the text (or on "Ajouter la sélection comme extrait" in the criterion's form), adds
   the passage to that criterion's excerpts; the message goes to an aria-live region. */
(function () {
  "use strict";
  var fiche = document.getElementById("fiche");
  if (!fiche || !window.getSelection) return;
  // The last passage selected in the fiche: moving to a button (mouse or Tab) may clear the
  // selection itself, so it is remembered when it changes.
  var selected = "";
  function current() {
    var selection = window.getSelection();
    if (!selection || !selection.rangeCount || selection.isCollapsed) return "";
    if (!fiche.contains(selection.getRangeAt(0).commonAncestorContainer)) return "";
    return selection.toString().replace(/\s+/g, " ").trim();
  }
  document.addEventListener("selectionchange", function () {
    var text = current();
    if (text) selected = text;
  });
  var panel = document.getElementById("ajout-selection");
  if (panel) panel.hidden = false;
  var buttons = document.querySelectorAll("[data-ajout-extrait]");
  for (var i = 0; i < buttons.length; i++) {
    var button = buttons[i];
    button.hidden = false;
    button.addEventListener("click", function (event) {
      var target = event.currentTarget;
      var text = current() || selected;
      var box = document.getElementById(target.getAttribute("data-ajout-extrait"));
      var status = document.getElementById(target.getAttribute("data-statut"));
      var criterion = target.getAttribute("data-critere") || "";
      if (!text || !box) {
        if (status) status.textContent = "Sélectionnez d’abord un passage dans le texte de la fiche.";
        return;
      }
      var lines = box.value.split("\n").map(function (line) { return line.replace(/\s+/g, " ").trim(); });
      if (lines.indexOf(text) >= 0) {
        if (status) status.textContent = "Ce passage est déjà un extrait du critère « " + criterion + " ».";
        return;
      }
      box.value = box.value.replace(/\s+$/, "") + (box.value.trim() ? "\n" : "") + text;
      // A remembered selection serves once: the next click needs a new one.
      selected = "";
      if (status) {
        status.textContent = "Extrait « " + text + " » ajouté au critère « " + criterion
          + " ». Enregistrez le critère pour le conserver.";
      }
    });
  }
})();
