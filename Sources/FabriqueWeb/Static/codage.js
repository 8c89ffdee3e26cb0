/* fabrique: "add the selected text as an excerpt" on the coding screen. An enhancement only:
   without JavaScript, researchers paste quotes into the excerpts box themselves. */
(function () {
  "use strict";
  var fiche = document.getElementById("fiche");
  if (!fiche || !window.getSelection) return;
  var buttons = document.querySelectorAll("[data-ajout-extrait]");
  for (var i = 0; i < buttons.length; i++) {
    var button = buttons[i];
    button.hidden = false;
    button.addEventListener("click", function (event) {
      var selection = window.getSelection();
      var text = selection ? selection.toString().replace(/\s+/g, " ").trim() : "";
      var box = document.getElementById(event.currentTarget.getAttribute("data-ajout-extrait"));
      var status = document.getElementById(event.currentTarget.getAttribute("data-statut"));
      if (!text || !selection.rangeCount || !fiche.contains(selection.getRangeAt(0).commonAncestorContainer)) {
        if (status) status.textContent = "Sélectionnez d'abord un passage dans le texte de la fiche.";
        return;
      }
      box.value = box.value.replace(/\s+$/, "") + (box.value.trim() ? "\n" : "") + text;
      if (status) status.textContent = "Extrait ajouté. Enregistrez le critère pour le conserver.";
      box.focus();
    });
  }
})();
