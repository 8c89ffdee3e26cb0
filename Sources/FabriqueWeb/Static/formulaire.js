/* fabrique: live skip logic for the respondent form. An enhancement only: without JavaScript
   the server decides everything, and with it the server still has the last word. The rules
   (FabriqueRegles) and their runtime (FabriqueExpr) are emitted by the server from Core. */
(function () {
  "use strict";
  var form = document.getElementById("formulaire");
  if (!form || typeof FabriqueRegles === "undefined" || typeof FabriqueExpr === "undefined") return;
  var R = FabriqueExpr, rules = FabriqueRegles;
  var others = {};
  try { others = JSON.parse(form.getAttribute("data-valeurs") || "{}"); } catch (e) { others = {}; }
  var today = form.getAttribute("data-today") || null;

  function number(text) {
    var s = String(text).replace(/^[ \t]+|[ \t]+$/g, "").replace(/[  \u202f]/g, "").replace(",", ".");
    return /^-?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(s) ? parseFloat(s) : null;
  }

  function typed(name, raw) {
    var type = rules.types[name];
    if (raw === null || raw === undefined) return null;
    if (Array.isArray(raw)) return raw.length ? raw : null;
    if (String(raw).replace(/\s+/g, "") === "") return null;
    if (type === "integer" || type === "decimal") { var n = number(raw); return n === null ? String(raw) : n; }
    if (type === "select_multiple" || type === "rank") return String(raw).split(/\s+/).filter(Boolean);
    if (type === "date") {
      var m = /^([0-9]{1,2})\/([0-9]{1,2})\/([0-9]{4})$/.exec(String(raw).trim());
      if (m) return m[3] + "-" + ("0" + m[2]).slice(-2) + "-" + ("0" + m[1]).slice(-2);
    }
    return String(raw);
  }

  /* The answers on this page as typed, by variable name. */
  function pageValues() {
    var values = {};
    var elements = form.elements;
    for (var i = 0; i < elements.length; i++) {
      var el = elements[i], name = el.name;
      if (!name || !(name in rules.types)) continue;
      var type = rules.types[name];
      if (el.type === "radio") { if (el.checked) values[name] = el.value; else if (!(name in values)) values[name] = ""; continue; }
      if (el.type === "checkbox" || type === "rank") {
        if (!Array.isArray(values[name])) values[name] = [];
        if ((el.type === "checkbox" && el.checked) || (el.type !== "checkbox" && el.type !== "hidden" && el.value)) values[name].push(el.value);
        continue;
      }
      if (el.type === "hidden") { if (!(name in values)) values[name] = el.value; continue; }
      values[name] = el.value;
    }
    return values;
  }

  function scope(values, item) {
    return {
      ref: function (name) { return typed(name, name in values ? values[name] : others[name]); },
      cur: function () { return null; },
      attr: function (name) { return item && name in item ? item[name] : null; },
      today: today
    };
  }

  function holds(fn, values, item) {
    try { return R.bool(fn(R, scope(values, item))); } catch (e) { return true; }
  }

  function update() {
    var values = pageValues();
    var conditional = form.querySelectorAll("[data-relevant]");
    for (var i = 0; i < conditional.length; i++) {
      var block = conditional[i], fn = rules.relevant[block.getAttribute("data-question")];
      if (fn) block.hidden = !holds(fn, values, null);
    }
    var filtered = form.querySelectorAll("[data-filter]");
    for (var j = 0; j < filtered.length; j++) {
      var question = filtered[j], filter = rules.filters[question.getAttribute("data-question")];
      if (!filter) continue;
      var options = question.querySelectorAll("[data-attrs]");
      for (var k = 0; k < options.length; k++) {
        var option = options[k], item = {};
        try { item = JSON.parse(option.getAttribute("data-attrs")); } catch (e) { item = {}; }
        var keep = item.value === "other" || holds(filter, values, item);
        if (option.tagName === "OPTION") { option.hidden = !keep; option.disabled = !keep; }
        else { var row = option.closest(".choix") || option; row.hidden = !keep; }
      }
    }
    var autres = form.querySelectorAll("[data-autre]");
    for (var a = 0; a < autres.length; a++) {
      var holder = autres[a].closest("[data-question]"), qname = holder && holder.getAttribute("data-question");
      var chosen = qname ? values[qname] : null;
      var picked = Array.isArray(chosen) ? chosen.indexOf("other") >= 0 : chosen === "other";
      autres[a].hidden = !picked;
    }
  }

  form.addEventListener("change", update);
  form.addEventListener("input", update);
  update();
  var summary = document.getElementById("erreurs");
  if (summary) summary.focus();
})();
