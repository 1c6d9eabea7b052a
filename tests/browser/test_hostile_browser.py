"""Issue: hostile pull requests. The fixture knowledge base seeded with every payload of
tests/hostile.py, built and opened page by page in headless Chromium: no payload may run (no
dialog, no uncaught error, `window.__pwned` never set by the wrapped alert/confirm/prompt), and no
request may leave the local server (evil.example or anywhere else)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from ..hostile import seed_payloads
from .conftest import FIXTURES, Site, build_site, copy_project, mount_path, recording, serve

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

# Any payload that runs calls one of these; dismissing the dialog must not hide it.
TRIPWIRE = """(() => {
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    const original = window[name];
    window[name] = function (...args) {
      window.__pwned = true;
      (window.__pwnedBy = window.__pwnedBy || []).push(name + '(' + String(args[0]) + ')');
      return original ? original.apply(window, args) : undefined;
    };
  }
})();"""

# Hover, focus, toggle and click everything in the article that is not a link or a control, so
# that an event-handler attribute that slipped through would fire.
POKE = """() => {
  const article = document.querySelector('article') || document.body;
  for (const el of article.querySelectorAll('*')) {
    for (const type of ['mouseover', 'mouseenter', 'pointerover', 'focus', 'toggle', 'animationstart']) {
      el.dispatchEvent(new Event(type, {bubbles: true}));
    }
    if (!el.closest('a, button, label, input, select, textarea, summary, form')) {
      el.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}));
    }
  }
  return Array.from(document.querySelectorAll('a[href], iframe[src], object[data], embed[src], form[action]'))
    .map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('data') || e.getAttribute('action'))
    .filter(u => /^\\s*(javascript|data|vbscript):/i.test(u));
}"""


@dataclass
class Visits:
    pages: list[str] = field(default_factory=list)
    status: dict[str, int] = field(default_factory=dict)
    pwned: dict[str, Any] = field(default_factory=dict)
    script_urls: dict[str, list[str]] = field(default_factory=dict)
    kinds: dict[str, list[str]] = field(default_factory=dict)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = copy_project(tmp_path_factory.mktemp("hostile-browser") / "project", FIXTURES / "kb")
    made = seed_payloads(root)
    site_dir = build_site(root)
    for md in made:  # every seeded page was built
        assert (site_dir / md.removesuffix(".md") / "index.html").is_file(), md
    with serve(site_dir, mount_path(root)) as url:
        yield Site("hostile", root, site_dir, url)


@pytest.fixture(scope="module")
def visits(hostile_site: Site, browser: Any) -> Visits:
    site = hostile_site
    result = Visits()
    result.pages = sorted(p.relative_to(site.dir).as_posix() for p in site.dir.rglob("*.html"))
    with recording(browser) as rec:
        rec.context.add_init_script(TRIPWIRE)
        page = rec.new_page()
        for rel in result.pages:
            url = site.page(rel.removesuffix("index.html"))
            response = rec.goto(page, url)
            result.status[rel] = response.status if response else 0
            bad_urls = page.evaluate(POKE)
            if bad_urls:
                result.script_urls[rel] = bad_urls
            page.wait_for_timeout(20)
            pwned = page.evaluate("() => [typeof window.__pwned, window.__pwnedBy || []]")
            if pwned[0] != "undefined":
                result.pwned[rel] = pwned[1]
        rec.settle(page, 300)
        for kind in ("console-error", "page-error", "dialog", "external-request", "http-error"):
            result.kinds[kind] = rec.problems((kind,))
    return result


def test_the_tripwire_catches_a_payload_that_runs(hostile_site: Site, browser: Any) -> None:
    with recording(browser) as rec:
        rec.context.add_init_script(TRIPWIRE)
        page = rec.new_page()
        rec.goto(page, hostile_site.url)
        page.evaluate("() => { const i = document.createElement('img'); i.setAttribute('onerror', 'alert(7)');"
                      " i.src = 'x:'; document.body.appendChild(i); }")
        page.wait_for_function("() => window.__pwned === true", timeout=5_000)
        assert page.evaluate("() => window.__pwnedBy") == ["alert(7)"]
        assert rec.problems(("dialog",)) == [f"{hostile_site.url}: dialog: alert: 7"]


def test_every_page_was_opened(visits: Visits) -> None:
    assert len(visits.pages) > 60
    assert {"organizations/hostile-script-tag/index.html", "people/hostile-person/index.html",
            "discrepancies/hostile-discrepancy/index.html", "sources/hostile-source/index.html"} <= set(visits.pages)
    assert {rel: s for rel, s in visits.status.items() if s != 200} == {}


def test_no_payload_runs(visits: Visits) -> None:
    assert visits.pwned == {}, "window.__pwned was set"
    problems = visits.kinds["dialog"] + visits.kinds["page-error"] + visits.kinds["console-error"]
    assert not problems, "\n".join(problems)


def test_no_script_url_in_any_page(visits: Visits) -> None:
    assert visits.script_urls == {}


def test_no_request_leaves_the_local_server(visits: Visits) -> None:
    problems = visits.kinds["external-request"]
    from_payloads = [p for p in problems if "evil.example" in p]
    assert not from_payloads, "\n".join(from_payloads)
    assert not problems, "\n".join(problems)


def test_no_failed_local_resources(visits: Visits) -> None:
    problems = visits.kinds["http-error"]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("query", ["hostile", "script alert", "AT&T", "onerror"])
def test_search_shows_payloads_as_text(hostile_site: Site, browser: Any, query: str) -> None:
    """The search dialog puts Pagefind's titles and excerpts on the page as text: no payload in a
    name or a quote becomes an element or runs."""
    with recording(browser) as rec:
        rec.context.add_init_script(TRIPWIRE)
        page = rec.new_page()
        rec.goto(page, hostile_site.url)
        page.keyboard.press("/")
        page.locator("#vnus-search-input").fill(query)
        page.wait_for_function("() => document.getElementById('vnus-search-status').textContent.includes('match')")
        tags = page.evaluate("() => Array.from(new Set(Array.from("
                             "document.querySelectorAll('#vnus-search-results *'), e => e.tagName)))")
        assert set(tags) <= {"LI", "A", "SPAN", "P", "MARK"}, tags
        titles = page.evaluate("() => Array.from(document.querySelectorAll('.vnus-search__title'), e => e.textContent)")
        if query == "AT&T":
            assert "AT&T &amp; Co &lt;b&gt;" in titles, titles
        page.wait_for_timeout(200)
        assert page.evaluate("() => typeof window.__pwned") == "undefined", page.evaluate("() => window.__pwnedBy")
        assert not rec.problems(("dialog", "page-error", "console-error", "external-request")), rec.problems()
