// The search dialog (its button: overrides/partials/vnus-search.html) over Pagefind's index in pagefind/.
// Pagefind's own script is loaded on first use; each query fetches only the index chunks and
// page fragments it needs. Result text is copied as text: only Pagefind's <mark> is kept.
(function () {
  var script = document.currentScript;
  var bundle = new URL("../pagefind/", script ? script.src : location.href);
  var root = new URL("../", bundle);
  var engine = null;
  var latest = 0;
  var SHOWN = 10;

  // The dialog is made here, beside the header's search button, once per visit (the header stays
  // across the theme's instant navigation), rather than written into every page: a kilobyte less
  // HTML on each of thousands of pages. Search needs this script anyway.
  var FORM = '<form class="vnus-search__form" role="search" method="dialog">' +
    '<label id="vnus-search-label" class="vnus-search__label" for="vnus-search-input">Search the knowledge base</label>' +
    '<div class="vnus-search__row">' +
    '<input id="vnus-search-input" class="vnus-search__input" type="search" name="q" autocomplete="off" autocapitalize="off" ' +
    'spellcheck="false" placeholder="Names, places, programmes\u2026" aria-describedby="vnus-search-status" aria-controls="vnus-search-results">' +
    '<button type="button" class="vnus-search__close" aria-label="Close search" title="Close (Esc)">\u2715</button>' +
    '</div></form>' +
    '<p id="vnus-search-status" class="vnus-search__status" role="status" aria-live="polite"></p>' +
    '<ol id="vnus-search-results" class="vnus-search__results" aria-label="Search results"></ol>';

  function dialog() {
    var d = document.getElementById("vnus-search");
    var button = d ? null : document.querySelector(".vnus-search__open");
    if (button) {  // none where the site uses MkDocs' own search box instead
      d = document.createElement("dialog");
      d.id = "vnus-search";
      d.className = "vnus-search";
      d.setAttribute("aria-labelledby", "vnus-search-label");
      d.innerHTML = FORM;
      button.after(d);
    }
    return d;
  }
  dialog();  // at once: the button's aria-controls names it

  function load() {
    if (!engine) {
      engine = import(new URL("pagefind.js", bundle).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname, excerptLength: 24 })
          .then(function () { return pf.init(); })  // the engine and the index's entry, while the reader types
          .then(function () { return pf; });
      });
      // No index yet (under `mkdocs serve` the first one follows the first build) or a network
      // failure: the next search tries again, and says so meanwhile (next()).
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  function open() {
    var d = dialog();
    if (!d) return;
    if (!d.open) d.showModal();
    var input = d.querySelector("input");
    input.focus();
    input.select();
    load();
  }

  function excerpt(html) {
    // Pagefind's excerpt is escaped text with <mark> around the matched words: rebuild it from
    // an inert document, keeping text and <mark> only.
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    var p = document.createElement("p");
    p.className = "vnus-search__excerpt";
    doc.body.firstChild.childNodes.forEach(function (n) {
      if (n.nodeName === "MARK") {
        var m = document.createElement("mark");
        m.textContent = n.textContent;
        p.appendChild(m);
      } else {
        p.appendChild(document.createTextNode(n.textContent));
      }
    });
    return p;
  }

  function show(query, items, total) {
    var d = dialog();
    var list = d.querySelector(".vnus-search__results");
    var status = d.querySelector(".vnus-search__status");
    list.replaceChildren();
    list.dataset.query = query;  // what the list shows results for
    items.forEach(function (r) {
      var li = document.createElement("li");
      li.className = "vnus-search__result";
      var a = document.createElement("a");
      a.href = r.url;
      a.className = "vnus-search__link";
      var title = document.createElement("span");
      title.className = "vnus-search__title";
      title.textContent = (r.meta && r.meta.title) || r.url;
      a.appendChild(title);
      li.appendChild(a);
      li.appendChild(excerpt(r.excerpt || ""));
      list.appendChild(li);
    });
    status.textContent = !query ? "" : total === 0 ? "No page matches “" + query + "”."
      : total === 1 ? "1 page matches." : total + " pages match" + (total > SHOWN ? "; the first " + SHOWN + " are shown." : ".");
  }

  // Pagefind ranks by words; a reader who types a name or a phrase wants the page that holds it.
  // Among Pagefind's first RERANK results: the query's exact spelling (diacritics and all) first,
  // then a page named by the query (title, Vietnamese name, alias), then the phrase in the title, then the phrase in the text.
  var RERANK = 12;
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D")
      .toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }
  function squash(s) { return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim(); }
  function rank(query, items) {
    var q = fold(query), exact = squash(query), accented = exact !== q;
    function has(hay, needle) { return (" " + hay + " ").indexOf(" " + needle + " ") >= 0; }
    return items.map(function (r, i) {
      var meta = r.meta || {}, title = meta.title || "", text = r.content || "";
      var names = [title].concat([meta.name_vi, meta.aliases, meta.plain].join(", ").split(", "));
      var named = names.some(function (n) { return n && fold(n) === q; });
      var key = [accented && !has(squash(title + " " + text), exact) ? 1 : 0,
                 named ? 0 : 1, has(fold(title), q) ? 0 : 1, has(fold(text), q) ? 0 : 1, i];
      return { r: r, key: key };
    }).sort(function (a, b) {
      for (var k = 0; k < a.key.length; k++) if (a.key[k] !== b.key[k]) return a.key[k] - b.key[k];
      return 0;
    }).map(function (x) { return x.r; });
  }

  // One search at a time, for the latest query only: a reader typing fast does not queue a search
  // per key (at 10,000 pages that backlog, not the search, is what made readers wait).
  var running = false, wanted = null, timer = 0;
  function run(query) {
    wanted = query.trim();
    clearTimeout(timer);
    if (!wanted) { wanted = null; latest++; show("", [], 0); return; }
    load().then(function (pf) { pf.preload(wanted); }, function () {});  // fetch the index chunks while the reader types
    timer = setTimeout(next, 80);
  }
  function next() {
    if (running || wanted === null) return;
    var query = wanted, ticket = ++latest;
    wanted = null;
    running = true;
    load().then(function (pf) {
      return pf.search(query).then(function (found) {
        if (ticket !== latest || !found || wanted !== null) return;
        return Promise.all(found.results.slice(0, RERANK).map(function (r) { return r.data(); }))
          .then(function (items) {
            if (ticket === latest && wanted === null) show(query, rank(query, items).slice(0, SHOWN), found.results.length);
          });
      });
    }).catch(function (e) {
      if (ticket !== latest) return;
      dialog().querySelector(".vnus-search__status").textContent =
        "Search is not ready (" + (e && e.message || e) + "); type again in a moment.";
    }).then(function () {
      running = false;
      if (wanted !== null) next();
    });
  }

  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) return;
    if (t.closest(".vnus-search__open")) { ev.preventDefault(); open(); return; }
    var d = dialog();
    if (!d || !d.open) return;
    if (t.closest(".vnus-search__close") || t === d) { d.close(); return; }  // t === d: the backdrop
    if (t.closest(".vnus-search__link")) d.close();
  });
  document.addEventListener("keydown", function (ev) {
    var d = dialog();
    if (!d) return;
    var typing = ev.target instanceof Element && ev.target.closest("input, textarea, select, [contenteditable]");
    if (!d.open && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey && (ev.key === "/" || ev.key === "s" || ev.key === "f")) {
      ev.preventDefault();
      open();
    } else if (d.open && ev.key === "Escape") {
      ev.preventDefault();  // a search field would only clear itself on the first Escape
      d.close();
    } else if (d.open && ev.key === "Enter" && ev.target.id === "vnus-search-input") {
      var first = d.querySelector(".vnus-search__link");
      if (first) { ev.preventDefault(); first.click(); }
    }
  }, true);
  document.addEventListener("input", function (ev) {
    if (ev.target instanceof Element && ev.target.id === "vnus-search-input") run(ev.target.value);
  });
})();
