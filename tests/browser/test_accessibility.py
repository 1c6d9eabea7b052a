"""Every kind of page against axe-core's WCAG 2.1 A and AA rules, in the light and the dark palette,
at desktop and phone width; and the site by keyboard alone: search, the tabs, a record, and back.

The axe script is the one bundled by the PyPI package axe-playwright-python (installed by
`make test`); nothing is fetched at test time.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from .a11y import BLOCKING, MODES, RECORD_FOLDERS, SCHEME, kinds_of_page, run_axe
from .conftest import ARTIFACTS, REPO, Site, built_and_served, recording

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


SCREENSHOTS = ("home", "timeline", "organizations/", "sources")  # and a person's page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with built_and_served("repo", tmp_path_factory.mktemp("a11y-site") / "project", REPO) as served:
        yield served


def test_every_kind_of_page_is_checked(site: Site) -> None:
    pages = kinds_of_page(site.dir)
    missing = [f for f in RECORD_FOLDERS if f"{f}/" not in pages or not any(k.startswith(f"{f}/") and k != f"{f}/"
                                                                             for k in pages)]
    assert missing == [], "record kinds with no page to check"
    assert {"home", "timeline", "sources", "data", "tags", "contributing"} <= pages.keys()
    assert any(k.startswith("sources/") and k != "sources/" for k in pages)


@pytest.mark.parametrize("mode", list(MODES))
def test_no_serious_or_critical_axe_violation(site: Site, browser: Any, mode: str) -> None:
    found: list[str] = []
    checked = 0
    shots = ARTIFACTS / "a11y"
    shots.mkdir(parents=True, exist_ok=True)
    with recording(browser, **MODES[mode]) as rec:
        page = rec.new_page()
        for name, path in kinds_of_page(site.dir).items():
            response = rec.goto(page, site.page(path))
            assert response is not None and response.status == 200, path
            rec.settle(page)  # Material sizes the sidebars once the page has laid out
            scheme = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
            assert scheme == SCHEME[mode], f"{path}: palette {scheme!r}, expected {SCHEME[mode]!r}"
            if name in SCREENSHOTS or (name.startswith("people/") and name != "people/"):
                page.screenshot(path=str(shots / f"{mode}-{name.replace('/', '_') or 'home'}.png"), full_page=True,
                                animations="disabled")
            for v in run_axe(page):
                if v.impact in BLOCKING:
                    found.append(f"/{path} ({mode}): {v}")
            checked += 1
    assert checked >= 25
    assert found == [], f"{len(found)} serious or critical WCAG 2.1 AA violations:\n" + "\n".join(found)


# --- keyboard only ---------------------------------------------------------------------------

FOCUS_JS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  let shown = e;
  const r = e.getBoundingClientRect();
  // a visually hidden control (Material's palette switch) shows its focus on the label beside it
  if ((r.width < 2 || r.height < 2) && e.nextElementSibling && e.nextElementSibling.tagName === 'LABEL') shown = e.nextElementSibling;
  const s = getComputedStyle(shown);
  return {tag: e.tagName, cls: String(e.className || ''), href: e.href || '', text: (e.innerText || e.value || '').trim(),
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
          shadow: s.boxShadow !== 'none'};
}"""


def tab_until(page: Any, want: Any, limit: int = 250) -> dict[str, Any]:
    """Press Tab until the focused element satisfies ``want``; every element passed on the way
    must show where the focus is."""
    unseen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_JS)
        if focus is None:
            continue
        if not (focus["outline"] or focus["shadow"]):
            unseen.append(f"{focus['tag']}.{focus['cls']} {focus['text'][:40]!r}")
        if want(focus):
            assert unseen == [], f"focused with no visible focus indicator: {unseen}"
            return dict(focus)
    raise AssertionError(f"{limit} presses of Tab never reached the element wanted")


def heading(page: Any) -> str:
    return str(page.locator("h1").first.inner_text()).removesuffix("¶").strip()


def test_keyboard_reaches_search_the_tabs_a_record_and_back(site: Site, recorder: Any) -> None:
    page = recorder.new_page()
    recorder.goto(page, site.url)
    base = urlsplit(site.url).path

    # search: Tab to the search button, Enter opens the dialog with the focus in its box, type,
    # Tab down the results to Synopsys' own page, Enter opens it
    tab_until(page, lambda f: f["tag"] == "BUTTON" and "vnus-search__open" in f["cls"])
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'vnus-search-input'")
    page.keyboard.type("Synopsys")
    page.wait_for_function("() => document.getElementById('vnus-search-status').textContent.includes('match')")
    tab_until(page, lambda f: urlsplit(f["href"] or "").path == base + "organizations/synopsys/", limit=40)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda u: urlsplit(u).path.startswith(base + "organizations/synopsys/"))
    assert heading(page) == "Synopsys"

    # the tabs: from the record, Tab to the "Records" tab, Enter opens the organizations overview
    tab_until(page, lambda f: "md-tabs__link" in f["cls"] and f["text"] == "Records")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda u: urlsplit(u).path == base + "organizations/")
    overview = page.url

    # a record: Tab into the page's content to a record's link, Enter opens it
    def record_link(f: dict[str, Any]) -> bool:
        path = urlsplit(f["href"]).path
        return (path.startswith(base + "organizations/") and path.count("/") == base.count("/") + 2
                and "md-nav__link" not in f["cls"])

    target = tab_until(page, record_link)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda u: urlsplit(u).path == urlsplit(target["href"]).path)
    assert heading(page) == target["text"]

    # and back: Alt+Left. Headless Chromium leaves browser shortcuts to the (absent) browser window,
    # so after the key press the same history step is taken through the page's history if needed.
    page.keyboard.press("Alt+ArrowLeft")
    page.wait_for_timeout(300)
    if page.url != overview:
        page.go_back()
    page.wait_for_url(overview)
    assert heading(page) == "Organizations"


def test_a_sortable_column_sorts_by_keyboard(site: Site, recorder: Any) -> None:
    page = recorder.new_page()
    recorder.goto(page, site.page("investments/"))
    recorder.settle(page)
    focus = tab_until(page, lambda f: f["tag"] == "BUTTON" and "vnus-sort" in f["cls"])
    heading_cell = page.locator("th:has(button.vnus-sort:focus)")
    page.keyboard.press("Enter")
    assert heading_cell.get_attribute("aria-sort") == "ascending", focus
    page.keyboard.press(" ")
    assert heading_cell.get_attribute("aria-sort") == "descending"
