// Filters of Explore and the timeline: show and hide what the page already holds; fetch nothing.
// The page carries its choices as plain lists (ul.vx-options), readable without this script; the
// script turns them into real, labelled form controls (checkboxes, a select, a button).
(function () {
  var made = 0;
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) e.textContent = text;
    return e;
  }
  // One ul.vx-options -> checkboxes in a fieldset, or a labelled select. Returns a reader of its value.
  function control(ul) {
    var name = ul.getAttribute("data-name");
    var items = Array.prototype.slice.call(ul.querySelectorAll("li[data-value]"));
    var wrap;
    var read;
    if (ul.getAttribute("data-control") === "checkboxes") {
      wrap = el("fieldset", { "class": "vx-control" });
      wrap.appendChild(el("legend", {}, ul.getAttribute("data-label")));
      var boxes = items.map(function (li) {
        var label = el("label", { "class": "vx-check" });
        var box = el("input", { type: "checkbox", name: "vx-" + name, value: li.getAttribute("data-value") });
        box.checked = true;
        label.appendChild(box);
        while (li.firstChild) label.appendChild(li.firstChild);
        wrap.appendChild(label);
        return box;
      });
      read = function () {
        var on = {};
        boxes.forEach(function (b) { if (b.checked) on[b.value] = true; });
        return on;
      };
      wrap.vxReset = function () { boxes.forEach(function (b) { b.checked = true; }); };
    } else {
      var id = "vx-" + name + "-" + (++made);
      wrap = el("span", { "class": "vx-control" });
      wrap.appendChild(el("label", { "for": id }, ul.getAttribute("data-label")));
      wrap.appendChild(document.createTextNode(" "));
      var select = el("select", { id: id, name: "vx-" + name });
      select.appendChild(el("option", { value: "" }, ul.getAttribute("data-all") || "All"));
      items.forEach(function (li) {
        select.appendChild(el("option", { value: li.getAttribute("data-value") }, li.textContent.trim()));
      });
      wrap.appendChild(select);
      read = function () { return select.value; };
      wrap.vxReset = function () { select.value = ""; };
      wrap.vxSet = function (v) {
        if (select.querySelector('option[value="' + v + '"]')) select.value = v;
      };
    }
    ul.parentNode.replaceChild(wrap, ul);
    return { name: name, wrap: wrap, read: read };
  }
  function has(list, word) { return (" " + (list || "") + " ").indexOf(" " + word + " ") >= 0; }

  function setup(box, apply) {
    if (box.dataset.vxReady) return;
    box.dataset.vxReady = "1";
    var controls = {};
    Array.prototype.slice.call(box.querySelectorAll("ul.vx-options")).forEach(function (ul) {
      var c = control(ul);
      controls[c.name] = c;
    });
    var row = el("div", { "class": "vx-row" });
    var reset = el("button", { type: "button", "class": "vx-reset md-button" }, "Show everything");
    var count = el("span", { "class": "vx-count", role: "status", "aria-live": "polite" });
    Object.keys(controls).forEach(function (k) {
      if (controls[k].wrap.tagName !== "FIELDSET") row.appendChild(controls[k].wrap);
    });
    row.appendChild(reset);
    row.appendChild(count);
    box.appendChild(row);
    box.classList.add("vx-live");
    box.hidden = false;
    function run() { count.textContent = apply(controls); }
    box.addEventListener("change", run);
    reset.addEventListener("click", function () {
      Object.keys(controls).forEach(function (k) { controls[k].wrap.vxReset(); });
      run();
    });
    var m = /[?&]sector=([a-z-]+)/.exec(window.location.search);
    if (m && controls.sector && controls.sector.wrap.vxSet) controls.sector.wrap.vxSet(m[1]);
    run();
  }

  function explore(box) {
    var svg = document.querySelector("svg.vx-graph");
    if (!svg) return;
    var nodes = svg.querySelectorAll("a.vx-node");
    var edges = svg.querySelectorAll("line[data-from]");
    setup(box, function (c) {
      var kinds = c.kind ? c.kind.read() : null, sector = c.sector ? c.sector.read() : "";
      var visible = {}, n = 0;
      nodes.forEach(function (a) {
        var ok = (!kinds || kinds[a.getAttribute("data-kind")]) && (!sector || has(a.getAttribute("data-sectors"), sector));
        a.classList.toggle("vx-hidden", !ok);
        if (ok) { visible[a.getAttribute("data-id")] = true; n++; }
      });
      edges.forEach(function (l) {
        l.classList.toggle("vx-hidden", !(visible[l.getAttribute("data-from")] && visible[l.getAttribute("data-to")]));
      });
      svg.classList.toggle("vx-few", n <= 40);
      return n + " of " + nodes.length + " records shown";
    });
  }

  function timeline(box) {
    var lists = document.querySelectorAll("ul.vt-list");
    var items = document.querySelectorAll("ul.vt-list > li");
    setup(box, function (c) {
      var sector = c.sector ? c.sector.read() : "", kind = c.kind ? c.kind.read() : "", n = 0;
      items.forEach(function (li) {
        var ok = (!sector || has(li.getAttribute("data-sectors"), sector)) && (!kind || li.getAttribute("data-kind") === kind);
        li.hidden = !ok;
        if (ok) n++;
      });
      lists.forEach(function (ul) {
        var empty = !ul.querySelector("li:not([hidden])");
        ul.hidden = empty;
        var h = ul.previousElementSibling;
        if (h && /^H[23]$/.test(h.tagName)) h.hidden = empty;
      });
      return n + " of " + items.length + " dated facts shown";
    });
  }

  // A picture wider than a phone scrolls sideways: start from its middle, where its centre is.
  // One that fits needs no tab stop of its own (its links still have theirs).
  function centre(box) {
    if (box.scrollWidth <= box.clientWidth) { box.removeAttribute("tabindex"); return; }
    box.setAttribute("tabindex", "0");
    if (box.dataset.vxCentred) return;
    box.dataset.vxCentred = "1";
    box.scrollLeft = (box.scrollWidth - box.clientWidth) / 2;
  }
  function init() {
    document.querySelectorAll(".vx-scroll, .vnus-picture").forEach(centre);
    document.querySelectorAll('.vx-filters[data-target="explore"]').forEach(explore);
    document.querySelectorAll('.vx-filters[data-target="timeline"]').forEach(timeline);
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
