/* dossier: filters the timeline list by actor, kind and year. Without JavaScript the
   form stays hidden and every event shows. No dependencies, no requests. */
(function () {
  "use strict";
  var form = document.getElementById("timeline-filter");
  var list = document.getElementById("timeline-list");
  if (!form || !list) return;
  var events = Array.prototype.slice.call(list.querySelectorAll("li.event"));
  var months = Array.prototype.slice.call(list.querySelectorAll(".tl-month"));
  var years = Array.prototype.slice.call(list.querySelectorAll(".tl-year"));
  var status = document.getElementById("timeline-filter-status");
  // Each mark stands for one event, or for several that share a row in a crowded
  // drawing (data-events); it is dimmed when none of its events is shown.
  var marks = Array.prototype.map.call(document.querySelectorAll(".timeline-svg a"), function (a) {
    var ids = (a.getAttribute("data-events") || a.getAttribute("href").replace(/^#/, "")).split(" ");
    return { element: a, ids: ids };
  });

  function matches(li, actor, kind, year) {
    var actors = " " + (li.getAttribute("data-actors") || "") + " ";
    return (!actor || actors.indexOf(" " + actor + " ") !== -1) &&
      (!kind || li.getAttribute("data-kind") === kind) &&
      (!year || li.getAttribute("data-year") === year);
  }

  function apply() {
    var actor = form.elements.actor.value;
    var kind = form.elements.kind.value;
    var year = form.elements.year.value;
    var shown = 0;
    var visible = {};
    events.forEach(function (li) {
      var ok = matches(li, actor, kind, year);
      li.hidden = !ok;
      if (ok) {
        shown += 1;
        visible[li.id] = true;
      }
    });
    marks.forEach(function (mark) {
      var any = mark.ids.some(function (id) { return visible[id]; });
      mark.element.classList.toggle("tl-dim", !any);
    });
    [months, years].forEach(function (groups) {
      groups.forEach(function (g) {
        g.hidden = !g.querySelector("li.event:not([hidden])");
      });
    });
    status.textContent = status.getAttribute("data-label") + ": " + shown + " / " + events.length;
  }

  // A link such as timeline.html?actor=putin opens the timeline already filtered.
  var query = window.location.search.replace(/^\?/, "").split("&");
  query.forEach(function (pair) {
    var parts = pair.split("=");
    var field = form.elements[decodeURIComponent(parts[0] || "")];
    var value = decodeURIComponent((parts[1] || "").replace(/\+/g, " "));
    if (field && field.tagName === "SELECT" &&
        Array.prototype.some.call(field.options, function (o) { return o.value === value; })) {
      field.value = value;
    }
  });

  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
})();
