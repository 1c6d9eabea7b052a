"""Issue 8: a value inferred from a publication date and one from outside the sources look different
from a quoted one on their pages, and their explanation is reachable by keyboard and by touch."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import FIXTURES, Recorder, Site, built_and_served, recording

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

AGREEMENT = "agreements/semiconductor-moc/"  # announced: inferred from the article's publication date
PERSON = "people/pham-minh-chinh/"  # name_vi: from outside the sources
QUOTED = "people/joe-biden/"  # as_of: stands in its quote


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with built_and_served("provenance", tmp_path_factory.mktemp("provenance") / "project", FIXTURES / "kb") as s:
        yield s


def _look(page: Any, selector: str) -> dict[str, str]:
    return page.eval_on_selector(selector, """el => {
        const s = getComputedStyle(el);
        return {decoration: s.textDecorationStyle + ' ' + s.textDecorationLine, background: s.backgroundColor,
                color: s.color, text: el.textContent.trim()};
    }""")


def test_inferred_and_outside_values_look_different_from_quoted_ones(site: Site, recorder: Recorder) -> None:
    page = recorder.new_page()
    recorder.goto(page, site.page(AGREEMENT))
    inferred = page.locator(".vnus-inferred").first
    assert inferred.locator(".vnus-value").inner_text() == "12 September 2023"
    assert inferred.locator(".vnus-badge").inner_text() == "inferred"
    assert inferred.locator(".vnus-badge").is_visible()
    inferred_look = _look(page, ".vnus-inferred .vnus-badge")
    assert "dotted underline" in _look(page, ".vnus-inferred .vnus-value")["decoration"]

    recorder.goto(page, site.page(PERSON))
    outside = page.locator(".vnus-outside").first
    assert outside.locator(".vnus-value").inner_text() == "Phạm Minh Chính"
    assert outside.locator(".vnus-badge").inner_text() == "outside the sources"
    outside_look = _look(page, ".vnus-outside .vnus-badge")
    assert outside_look["background"] != inferred_look["background"]

    recorder.goto(page, site.page(QUOTED))
    row = page.locator("li", has_text="President of the United States")
    assert "11 September 2023" in row.inner_text()
    assert page.locator(".vnus-basis, .vnus-badge").count() == 0  # a quoted value carries no mark
    assert recorder.problems() == []


@pytest.mark.parametrize("path", [AGREEMENT, PERSON])
def test_explanation_shows_on_keyboard_focus_and_hides_on_escape(site: Site, recorder: Recorder, path: str) -> None:
    page = recorder.new_page()
    recorder.goto(page, site.page(path))
    badge = page.locator(".vnus-badge").first
    why = page.locator("#" + badge.get_attribute("aria-describedby"))
    assert not why.is_visible()
    for _ in range(300):  # Tab through the page, as a keyboard user would, until the badge has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('vnus-badge')"):
            break
    else:
        pytest.fail("Tab never reached the badge")
    assert why.is_visible()
    assert why.inner_text().startswith(("Inferred, not stated in these words:", "From outside the sources:"))
    page.keyboard.press("Escape")
    assert not why.is_visible()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert why.is_visible()  # back on the badge: shown again


def test_explanation_shows_on_a_tap_and_hides_on_a_tap_elsewhere(site: Site, browser: Any) -> None:
    with recording(browser, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True) as rec:
        page = rec.new_page()
        rec.goto(page, site.page(AGREEMENT))
        badge = page.locator(".vnus-inferred .vnus-badge").first
        why = page.locator("#" + badge.get_attribute("aria-describedby"))
        assert not why.is_visible()
        badge.tap()
        assert why.is_visible()
        assert "published on 2023-09-12" in why.inner_text()
        assert badge.get_attribute("aria-expanded") == "true"
        box = why.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390  # stays on a phone's screen
        page.locator("h1").tap()
        assert badge.get_attribute("aria-expanded") == "false"
        assert not why.is_visible()
        assert rec.problems() == []
