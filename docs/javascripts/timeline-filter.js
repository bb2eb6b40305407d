// Timeline filter by actor: progressive enhancement. Without JavaScript the timeline lists
// every event; with it, a menu built from the actor links already in the entries hides the
// events a chosen actor had no part in. Nothing is fetched.
(function () {
  "use strict";

  function setup() {
    var box = document.getElementById("timeline-filter");
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    var article = box.closest("article") || document;
    var items = Array.prototype.slice.call(article.querySelectorAll("ul > li")).filter(function (li) {
      return li.querySelector("time");
    });
    var actors = {};
    items.forEach(function (li) {
      li.dataset.actors = "";
      li.querySelectorAll("a[href]").forEach(function (a) {
        var m = a.getAttribute("href").match(/(?:^|\/)actors\/([a-z0-9-]+)(?:\/|\.html)?$/);
        if (!m) return;
        actors[m[1]] = a.textContent.trim();
        li.dataset.actors += " " + m[1] + " ";
      });
    });
    var ids = Object.keys(actors).sort(function (x, y) {
      return actors[x].localeCompare(actors[y]);
    });
    if (!ids.length) return;

    var label = document.createElement("label");
    label.setAttribute("for", "timeline-actor");
    label.textContent = "Show the events involving ";
    var select = document.createElement("select");
    select.id = "timeline-actor";
    select.appendChild(new Option("any actor", ""));
    ids.forEach(function (id) {
      select.appendChild(new Option(actors[id], id));
    });
    var status = document.createElement("p");
    status.className = "timeline-filter__status";
    status.setAttribute("role", "status");
    box.appendChild(label);
    box.appendChild(select);
    box.appendChild(status);
    box.hidden = false;

    function apply() {
      var id = select.value;
      var shown = 0;
      items.forEach(function (li) {
        var match = !id || li.dataset.actors.indexOf(" " + id + " ") >= 0;
        li.hidden = !match;
        if (match) shown++;
      });
      // A year heading with no event left is hidden too, with the list under it.
      article.querySelectorAll("h2").forEach(function (h) {
        var list = h.nextElementSibling;
        if (!list || list.tagName !== "UL") return;
        var any = Array.prototype.some.call(list.children, function (li) { return !li.hidden; });
        h.hidden = list.hidden = !any;
      });
      status.textContent = id ? "Showing " + shown + " of " + items.length + " events involving " + actors[id] + "." : "";
      var url = new URL(window.location.href);
      if (id) url.searchParams.set("actor", id); else url.searchParams.delete("actor");
      window.history.replaceState(null, "", url);
    }

    select.addEventListener("change", apply);
    var wanted = new URL(window.location.href).searchParams.get("actor");
    if (wanted && actors[wanted]) {
      select.value = wanted;
      apply();
    }
  }

  // Material's instant navigation (if enabled) swaps pages without a load: it announces each one on document$.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setup);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
