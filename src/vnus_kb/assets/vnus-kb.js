// Sortable tables: click a column heading. A cell may carry its sort key in data-sort.
(function () {
  function key(cell) {
    var tagged = cell.querySelector("[data-sort]");
    var raw = tagged ? tagged.getAttribute("data-sort") : cell.textContent.trim();
    var num = Number(raw);
    return raw !== "" && !isNaN(num) ? num : raw.toLowerCase();
  }
  function sortable(table) {
    if (table.dataset.vnusSortable) return;
    table.dataset.vnusSortable = "1";
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, col) {
      // A button inside the heading: reachable by Tab, pressed with Enter or Space.
      var button = document.createElement("button");
      button.type = "button";
      button.className = "vnus-sort";
      button.title = "Sort by this column";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = key(a.cells[col]), y = key(b.cells[col]);
          return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }
  // A region that scrolls sideways (code, a wide picture or table on a phone) and holds nothing
  // focusable can be scrolled by keyboard once it can take the focus.
  function scrollable() {
    document.querySelectorAll(".md-typeset pre > code, .md-typeset .vnus-picture, .md-typeset__scrollwrap")
      .forEach(function (el) {
        var wide = el.scrollWidth > el.clientWidth + 1;
        if (wide && !el.hasAttribute("tabindex") && !el.querySelector("a[href], button, input, [tabindex]")) {
          el.setAttribute("tabindex", "0");
          el.dataset.vnusScroll = "1";
        } else if (!wide && el.dataset.vnusScroll) {
          el.removeAttribute("tabindex");
          delete el.dataset.vnusScroll;
        }
      });
  }
  function init() {
    document.querySelectorAll("article table").forEach(function (t) {
      if (t.tHead && t.tHead.rows[0] && t.tHead.rows[0].cells.length >= 3) sortable(t);
    });
    scrollable();
  }
  window.addEventListener("resize", scrollable);
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();

// The badge of an inferred or outside value: a tap (or click, Enter, Space) opens or closes its
// explanation; Escape or a tap elsewhere closes it. Hover and keyboard focus show it by CSS alone.
(function () {
  function closeAll(except) {
    document.querySelectorAll('.vnus-badge[aria-expanded="true"]').forEach(function (b) {
      if (b !== except) b.setAttribute("aria-expanded", "false");
    });
  }
  document.addEventListener("click", function (ev) {
    var badge = ev.target.closest ? ev.target.closest(".vnus-badge") : null;
    closeAll(badge);
    if (badge) badge.setAttribute("aria-expanded", badge.getAttribute("aria-expanded") === "true" ? "false" : "true");
  });
  // Escape hides an explanation shown by hover or focus too (WCAG 1.4.13), until the pointer or focus leaves.
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Escape") return;
    closeAll(null);
    document.querySelectorAll(".vnus-basis:hover, .vnus-basis:focus-within").forEach(function (w) {
      w.classList.add("vnus-dismissed");
    });
  });
  ["mouseleave", "focusout"].forEach(function (type) {
    document.addEventListener(type, function (ev) {
      if (ev.target.classList && ev.target.classList.contains("vnus-basis")) ev.target.classList.remove("vnus-dismissed");
      var w = ev.target.closest ? ev.target.closest(".vnus-basis") : null;
      if (type === "focusout" && w) w.classList.remove("vnus-dismissed");
    }, true);
  });
})();
