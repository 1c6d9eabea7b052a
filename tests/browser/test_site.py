"""The built site in a real browser: search, every link, nothing loaded from other hosts,
screenshots at desktop and phone widths, the edit button.

Each test runs on two sites: `repo`, built from the repository's own data/ and seeds/, and
`fixture`, built from tests/fixtures/kb (small, stable, always complete).
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urlsplit

import pytest

from .conftest import (
    ARTIFACTS,
    FIXTURES,
    REPO,
    Recorder,
    Site,
    built_and_served,
    http_get,
    normalise,
    recording,
)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

SITES = {"repo": REPO, "fixture": FIXTURES / "kb"}
RECORD_FOLDERS = ("organizations", "people", "places", "agreements", "programmes", "events", "investments",
                  "targets", "indicators", "partnerships", "discrepancies")


@pytest.fixture(scope="module", params=sorted(SITES), ids=lambda name: f"{name}-site")
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    name = request.param
    with built_and_served(name, tmp_path_factory.mktemp(f"{name}-site") / "project", SITES[name]) as served:
        yield served


def record_pages(site: Site, folder: str) -> list[str]:
    """Ids of the record pages built under ``folder``, sorted."""
    base = site.dir / folder
    if not base.is_dir():
        return []
    return sorted(p.parent.name for p in base.glob("*/index.html"))


# --- search ----------------------------------------------------------------------------------

SEARCHES = [
    ("Pham Minh Chinh", "people", "Pham Minh Chinh"),
    ("Phạm Minh Chính", "people", "Pham Minh Chinh"),
    ("Sypsys", "organizations", "Synopsys"),
    ("Bac Ninh", "places", "Bac Ninh"),
    ("Bắc Ninh", "places", "Bac Ninh"),
]

# A query of several words ranks the page holding the phrase first (issue 11), though the words
# also appear apart on other pages.
PHRASES = {"repo": ("semiconductor workforce development initiatives", "programmes/us-vietnam-semiconductor-workforce-initiatives/"),
           "fixture": ("semiconductor supply chains", "agreements/semiconductor-moc/")}

RESULTS_JS = """() => Array.from(document.querySelectorAll('#vnus-search-results .vnus-search__result a.vnus-search__link'))
  .map(a => ({href: a.href, title: a.innerText.trim()}))"""


def search(page: Any, query: str) -> list[dict[str, str]]:
    """Type ``query`` into the search dialog, as a reader does (the "/" key opens it); the results
    shown once the dialog reports how many pages match."""
    page.keyboard.press("/")
    box = page.locator("#vnus-search-input")
    if not box.evaluate("el => el === document.activeElement"):
        page.locator("button.vnus-search__open").first.click()
    assert box.evaluate("el => el === document.activeElement"), "the search box did not take the focus"
    status = page.locator("#vnus-search-status")
    box.fill(query)
    page.wait_for_function("""q => { const s = document.getElementById('vnus-search-status').textContent;
                                     return s.includes('match') || s.includes('unavailable'); }""", arg=query)
    assert "unavailable" not in status.inner_text(), status.inner_text()
    return list(page.evaluate(RESULTS_JS))


def result_matches(result: dict[str, str], site: Site, folder: str, title: str) -> bool:
    path = urlsplit(result["href"]).path
    return (path.startswith(urlsplit(site.page(folder)).path + "/")
            and path.count("/") == urlsplit(site.page(folder)).path.count("/") + 2
            and result["title"].casefold().startswith(title.casefold()))


@pytest.mark.parametrize(("query", "folder", "title"), SEARCHES, ids=[q for q, _, _ in SEARCHES])
def test_search_finds_the_record(site: Site, recorder: Recorder, query: str, folder: str, title: str) -> None:
    page = recorder.new_page()
    recorder.goto(page, site.url)
    results = search(page, query)
    shown = [f"{r['title']!r} -> {urlsplit(r['href']).path}" for r in results]
    assert results and result_matches(results[0], site, folder, title), (
        f"searching {query!r}: the first result is not the {folder}/ page titled {title!r}; results shown: {shown}")
    # the hit is a real page
    status, _ = http_get(urldefrag(results[0]["href"])[0])
    assert status == 200, results[0]
    assert not recorder.problems(), recorder.problems()


def test_search_ranks_the_phrase_first(site: Site, recorder: Recorder) -> None:
    query, expected = PHRASES[site.name]
    page = recorder.new_page()
    recorder.goto(page, site.page("timeline/"))
    results = search(page, query)
    shown = [urlsplit(r["href"]).path for r in results]
    assert len(results) > 1 and urlsplit(results[0]["href"]).path == urlsplit(site.page(expected)).path, (
        f"searching {query!r}: {expected} should come first; results shown: {shown}")


def test_search_by_keyboard_only(site: Site, recorder: Recorder) -> None:
    """Open with "/", type, Enter opens the first result; Escape closes the dialog."""
    page = recorder.new_page()
    recorder.goto(page, site.url)
    results = search(page, "Bac Ninh")
    page.keyboard.press("Escape")
    assert not page.locator("#vnus-search").evaluate("d => d.open"), "Escape did not close the search"
    search(page, "Bac Ninh")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urldefrag(page.url)[0] == urldefrag(results[0]["href"])[0]


def test_search_loads_only_what_a_query_needs(site: Site, recorder: Recorder) -> None:
    """No whole-site index: a query fetches Pagefind's chunks, all from the site itself."""
    fetched: list[str] = []
    page = recorder.new_page()
    page.on("request", lambda r: fetched.append(r.url))
    recorder.goto(page, site.url)
    search(page, "Pham Minh Chinh")
    assert not [u for u in fetched if "search_index.json" in u], "lunr's whole index is still loaded"
    assert [u for u in fetched if "/pagefind/index/" in u], fetched
    assert not recorder.problems(), recorder.problems()


# --- crawl -----------------------------------------------------------------------------------

LINKS_JS = "() => Array.from(document.querySelectorAll('a[href]'), a => a.href)"
TEXT_JS = "() => document.body.innerText"
# What a reader should never see: an HTML entity escaped twice, shown as its source
ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9a-f]+|amp|lt|gt|quot|apos|nbsp);", re.I)
IDS_JS = """() => Array.from(document.querySelectorAll('[id], a[name]'), e => e.id || e.getAttribute('name'))"""


@dataclass(repr=False)
class Crawl:
    status: dict[str, int] = field(default_factory=dict)  # every local URL reached, by normalised URL
    ids: dict[str, set[str]] = field(default_factory=dict)  # element ids of every HTML page
    fragments: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # target -> (fragment, from page)
    linked_from: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, list[str]] = field(default_factory=dict)
    entities: dict[str, list[str]] = field(default_factory=dict)  # escaped markup shown as text, by page

    def __repr__(self) -> str:
        return f"<Crawl of {len(self.status)} URLs, {len(self.ids)} pages>"


def is_page(url: str) -> bool:
    path = urlsplit(url).path
    return path.endswith(("/", ".html")) or "." not in path.rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def crawl(site: Site, browser: Any) -> Crawl:
    """From the home page, every internal link, each page opened once in the browser."""
    result = Crawl()
    with recording(browser) as rec:
        page = rec.new_page()
        queue = [site.url]
        result.linked_from[site.url] = "(start)"
        while queue:
            url = queue.pop(0)
            if url in result.status:
                continue
            if not is_page(url):  # downloads: JSON, CSV, ...
                result.status[url], _ = http_get(url)
                continue
            response = rec.goto(page, url)
            result.status[url] = response.status if response else 0
            if not response or response.status != 200:
                continue
            result.ids[url] = set(page.evaluate(IDS_JS))
            shown = ENTITY.findall(page.evaluate(TEXT_JS))
            if shown:
                result.entities[url] = sorted(set(shown))
            for href in page.evaluate(LINKS_JS):
                if not href.startswith(site.url):
                    continue
                target, fragment = urldefrag(href)
                target = normalise(target.split("?", 1)[0])
                if fragment:
                    result.fragments.setdefault(target, set()).add((unquote(fragment), url))
                if target not in result.status and target not in result.linked_from:
                    result.linked_from[target] = url
                    queue.append(target)
        rec.settle(page, 300)
        for kind in ("console-error", "page-error", "dialog", "external-request", "http-error"):
            result.kinds[kind] = rec.problems((kind,))
    return result


def test_crawl_reaches_the_record_pages(crawl: Crawl, site: Site) -> None:
    built = {normalise(site.url + p.relative_to(site.dir).as_posix()) for p in site.dir.rglob("index.html")}
    built.discard(site.url + "404.html")
    unreached = sorted(built - crawl.status.keys())
    assert unreached == [], "built pages no link leads to"
    assert len(crawl.ids) >= 20


def test_every_internal_link_answers_200(crawl: Crawl) -> None:
    broken = {url: f"{status} (linked from {crawl.linked_from.get(url)})"
              for url, status in crawl.status.items() if status != 200}
    assert broken == {}


def test_no_console_errors_or_uncaught_exceptions(crawl: Crawl) -> None:
    problems = crawl.kinds["console-error"] + crawl.kinds["page-error"]
    assert not problems, "\n".join(problems)


def test_no_dialogs(crawl: Crawl) -> None:
    problems = crawl.kinds["dialog"]
    assert not problems, "\n".join(problems)


def test_no_failed_local_resources(crawl: Crawl) -> None:
    problems = crawl.kinds["http-error"]
    assert not problems, "\n".join(problems)


def test_no_request_leaves_the_local_server(crawl: Crawl) -> None:
    problems = crawl.kinds["external-request"]
    assert not problems, "\n".join(problems)


def test_no_escaped_markup_shown_as_text(crawl: Crawl) -> None:
    """`US$1.6 billion`, not `US&#36;1&#46;6 billion`: nothing is escaped twice."""
    assert crawl.entities == {}


NAV_JS = """() => Array.from(document.querySelectorAll('.md-nav--primary a.md-nav__link[href]'))
  .filter(a => !a.hash && !a.closest('.md-nav--secondary'))
  .map(a => ({label: a.innerText.trim(), href: a.href}))"""


def test_every_nav_entry_opens_its_own_page(site: Site, recorder: Recorder) -> None:
    """Two entries of the navigation must not lead to one URL: when `x.md` and `x/index.md` both
    exist, both become `x/`, and one of the two pages is silently lost."""
    page = recorder.new_page()
    recorder.goto(page, site.url)
    by_url: dict[str, list[str]] = {}
    for entry in page.evaluate(NAV_JS):
        by_url.setdefault(normalise(entry["href"]), []).append(entry["label"])
    assert len(by_url) >= 10
    shared = {url.removeprefix(site.url) or "/": labels for url, labels in by_url.items() if len(labels) > 1}
    assert shared == {}, "navigation entries that open the same page (one of each pair is lost)"


def test_every_link_fragment_exists_on_its_page(crawl: Crawl, site: Site) -> None:
    missing = []
    checked = {"sources": 0, "footnotes": 0}
    for target, links in sorted(crawl.fragments.items()):
        ids = crawl.ids.get(target)
        if ids is None:
            continue  # not an HTML page (or broken: reported by the 200 test)
        for fragment, source in sorted(links):
            if "/sources/" in target and fragment.startswith("q-"):
                checked["sources"] += 1
            if fragment.startswith(("fn:", "fnref:")):
                checked["footnotes"] += 1
            if fragment not in ids:
                missing.append(f"{source} -> {target}#{fragment}")
    assert missing == []
    assert checked["sources"] > 0 and checked["footnotes"] > 0, checked


# --- nothing from other hosts, statically --------------------------------------------------

# <link> relations that only name a URL; the browser fetches nothing for them
NON_FETCHING_RELS = {"canonical", "alternate", "prev", "next", "author", "license", "me", "help",
                     "bookmark", "external", "nofollow", "noopener", "noreferrer", "tag", "search"}
URL_ATTRS = ("src", "srcset", "poster", "data", "background", "formaction")


def external(url: str) -> bool:
    url = url.strip().lower()
    if url.startswith("//"):
        return True
    return url.startswith(("http://", "https://")) and urlsplit(url).hostname != "127.0.0.1"


class ExternalRefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        for name in URL_ATTRS:
            for candidate in re.split(r",\s*", a.get(name, "")):
                if candidate and external(candidate.split()[0]):
                    self.found.append(f"<{tag} {name}={a[name]!r}>")
                    break
        if tag == "link" and external(a.get("href", "")):
            rels = set(a.get("rel", "").lower().split())
            if not rels or rels - NON_FETCHING_RELS:
                self.found.append(f"<link rel={a.get('rel')!r} href={a['href']!r}>")
        if re.search(r"url\(\s*['\"]?(https?:)?//", a.get("style", ""), re.I):
            self.found.append(f"<{tag} style={a['style']!r}>")


def test_no_html_or_css_file_loads_from_another_host(site: Site) -> None:
    found: dict[str, list[str]] = {}
    htmls = sorted(site.dir.rglob("*.html"))
    assert htmls
    for path in htmls:
        parser = ExternalRefs()
        parser.feed(path.read_text(encoding="utf-8"))
        if parser.found:
            found[path.relative_to(site.dir).as_posix()] = sorted(set(parser.found))
    for path in sorted(site.dir.rglob("*.css")):
        css = path.read_text(encoding="utf-8")
        hits = re.findall(r"@import[^;]*|url\(\s*['\"]?(?:https?:)?//[^)]*\)", css, re.I)
        if hits:
            found[path.relative_to(site.dir).as_posix()] = hits[:5]
    assert found == {}


# --- screenshots -----------------------------------------------------------------------------

WIDTHS = {1280: 900, 390: 844}

OVERFLOW_JS = """() => {
  const w = window.innerWidth, out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > w + 1 && !el.closest('.md-typeset__scrollwrap, .md-sidebar, .md-search, .md-nav')) {
      out.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
               + ' right=' + Math.round(r.right));
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: w, culprits: out.slice(0, 8)};
}"""


def screenshot_pages(site: Site) -> dict[str, str | None]:
    def record(folder: str, *prefer: str) -> str | None:
        ids = record_pages(site, folder)
        chosen = next((p for p in prefer if p in ids), ids[0] if ids else None)
        return f"{folder}/{chosen}/" if chosen else None

    pages: dict[str, str | None] = {
        "home": "", "timeline": "timeline/", "investments": "investments/", "targets": "targets/",
        "organization": record("organizations", "fpt", "synopsys"),
        "person": record("people", "pham-minh-chinh"),
        "source": record("sources"),
    }
    return pages


SHOTS = ["home", "timeline", "investments", "targets", "organization", "person", "source"]


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", head[16:24])


@pytest.mark.parametrize("width", sorted(WIDTHS, reverse=True))
@pytest.mark.parametrize("name", SHOTS)
def test_screenshot_and_no_overflow(site: Site, browser: Any, name: str, width: int) -> None:
    path = screenshot_pages(site)[name]
    assert path is not None, f"the {site.name} site has no {name} page to photograph"
    folder = ARTIFACTS / "screenshots" if site.name == "repo" else ARTIFACTS / "screenshots" / site.name
    folder.mkdir(parents=True, exist_ok=True)
    shot = folder / f"{name}-{width}.png"
    shot.unlink(missing_ok=True)
    with recording(browser, viewport={"width": width, "height": WIDTHS[width]}, is_mobile=width < 600,
                   has_touch=width < 600) as rec:
        page = rec.new_page()
        response = rec.goto(page, site.page(path))
        assert response is not None and response.status == 200
        rec.settle(page)
        page.screenshot(path=str(shot), full_page=True, animations="disabled")
        overflow = page.evaluate(OVERFLOW_JS)
    assert shot.is_file() and shot.stat().st_size > 10_000, shot
    w, h = png_size(shot)
    assert w == width and h >= WIDTHS[width] // 2, (w, h)
    if width < 600:
        assert overflow["scrollWidth"] <= overflow["innerWidth"] + 1, (
            f"{site.page(path)} is wider than a {width}px phone: {overflow}")


# --- the edit button -------------------------------------------------------------------------

def test_edit_button_opens_the_record_file(site: Site, recorder: Recorder) -> None:
    page = recorder.new_page()
    checked = []
    for folder in RECORD_FOLDERS:
        ids = record_pages(site, folder)
        if not ids:
            continue
        rid = ids[0]
        recorder.goto(page, site.page(f"{folder}/{rid}/"))
        button = page.locator('a.md-content__button[title="Edit this page"], a[title="Edit this page"]').first
        href = button.get_attribute("href") or ""
        assert re.fullmatch(rf"https://github\.com/vnus-kb/vnus-kb/edit/main/data/{folder}/{re.escape(rid)}\.yaml", href), (
            folder, rid, href)
        checked.append(folder)
    assert {"organizations", "people", "places"} <= set(checked), checked
    recorder.goto(page, site.page("contributing/"))
    href = page.locator('a[title="Edit this page"]').first.get_attribute("href")
    assert href == "https://github.com/vnus-kb/vnus-kb/edit/main/docs/contributing.md"
