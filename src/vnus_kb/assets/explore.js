// Explore and timeline filters: show and hide what the page already holds. Fetches nothing.
(function () {
  function explore(root) {
    if (root.dataset.vxReady) return;
    root.dataset.vxReady = "1";
    var controls = root.querySelector(".vx-filters");
    var svg = root.querySelector("svg.vx-graph");
    if (!controls || !svg) return;
    controls.hidden = false;
    var boxes = controls.querySelectorAll('input[name="vx-kind"]');
    var sector = controls.querySelector("#vx-sector");
    var count = controls.querySelector(".vx-count");
    var nodes = svg.querySelectorAll("a.vx-node");
    var edges = svg.querySelectorAll("line[data-from]");
    function apply() {
      var kinds = {};
      boxes.forEach(function (b) { if (b.checked) kinds[b.value] = true; });
      var want = sector.value;
      var visible = {}, n = 0;
      nodes.forEach(function (a) {
        var ok = kinds[a.getAttribute("data-kind")] &&
          (!want || (" " + a.getAttribute("data-sectors") + " ").indexOf(" " + want + " ") >= 0);
        a.classList.toggle("vx-hidden", !ok);
        if (ok) { visible[a.getAttribute("data-id")] = true; n++; }
      });
      edges.forEach(function (l) {
        l.classList.toggle("vx-hidden", !(visible[l.getAttribute("data-from")] && visible[l.getAttribute("data-to")]));
      });
      svg.classList.toggle("vx-few", n <= 40);
      count.textContent = n + " of " + nodes.length + " records shown";
    }
    boxes.forEach(function (b) { b.addEventListener("change", apply); });
    sector.addEventListener("change", apply);
    controls.querySelector(".vx-reset").addEventListener("click", function () {
      boxes.forEach(function (b) { b.checked = true; });
      sector.value = "";
      apply();
    });
    var m = /(?:^|[#&])sector=([a-z-]+)/.exec(window.location.hash);
    if (m && sector.querySelector('option[value="' + m[1] + '"]')) sector.value = m[1];
    apply();
  }
  function timeline(controls) {
    if (controls.dataset.vxReady) return;
    controls.dataset.vxReady = "1";
    controls.hidden = false;
    var sector = controls.querySelector("#vt-sector");
    var what = controls.querySelector("#vt-what");
    var count = controls.querySelector(".vx-count");
    var lists = document.querySelectorAll("ul.vt-list");
    var items = document.querySelectorAll("ul.vt-list > li");
    function apply() {
      var s = sector.value, w = what.value, n = 0;
      items.forEach(function (li) {
        var ok = (!s || (" " + li.getAttribute("data-sectors") + " ").indexOf(" " + s + " ") >= 0) &&
          (!w || li.getAttribute("data-kind") === w);
        li.hidden = !ok;
        if (ok) n++;
      });
      lists.forEach(function (ul) {
        var empty = !ul.querySelector("li:not([hidden])");
        ul.hidden = empty;
        var h = ul.previousElementSibling;
        if (h && /^H[23]$/.test(h.tagName)) h.hidden = empty;
      });
      count.textContent = n + " of " + items.length + " dated facts shown";
    }
    sector.addEventListener("change", apply);
    what.addEventListener("change", apply);
    controls.querySelector(".vx-reset").addEventListener("click", function () {
      sector.value = ""; what.value = ""; apply();
    });
    var m = /(?:^|[#&])sector=([a-z-]+)/.exec(window.location.hash);
    if (m && sector.querySelector('option[value="' + m[1] + '"]')) sector.value = m[1];
    apply();
  }
  function init() {
    document.querySelectorAll(".vx-explore").forEach(explore);
    document.querySelectorAll(".vt-filters").forEach(timeline);
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
