"""Explore, the timeline and the record pictures in a real browser, on the site built from the
repository's own knowledge base: the filters work by keyboard, nodes are links that navigate,
nothing is requested from another host. Screenshots of home, Explore, a record page and the
timeline at desktop and phone width, light and dark, go to test-artifacts/views/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import ARTIFACTS, REPO, Recorder, Site, built_and_served, recording

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with built_and_served("repo", tmp_path_factory.mktemp("views") / "project", REPO) as served:
        yield served


def visible_ids(page: Any, selector: str) -> set[str]:
    return set(page.eval_on_selector_all(
        selector, "els => els.filter(e => e.getClientRects().length > 0).map(e => e.getAttribute('data-id'))"))


def test_explore_filters_by_kind_and_sector_with_the_keyboard(site: Site, recorder: Recorder) -> None:
    page = recorder.new_page()
    recorder.goto(page, site.page("explore/"))
    every = visible_ids(page, "a.vx-node")
    assert len(every) > 100
    people = page.get_by_role("checkbox", name="People")
    people.focus()
    page.keyboard.press("Space")
    assert not people.is_checked()
    shown = visible_ids(page, "a.vx-node")
    person_ids = set(page.eval_on_selector_all('a.vx-node[data-kind="person"]', "els => els.map(e => e.getAttribute('data-id'))"))
    assert person_ids and shown == every - person_ids
    status = page.get_by_role("status")
    assert status.inner_text() == f"{len(shown)} of {len(every)} records shown"
    # edges touching a hidden node are hidden too
    dangling = page.eval_on_selector_all(
        "line[data-from]", "ls => ls.filter(l => l.getClientRects().length > 0 && "
        "(document.querySelector('a.vx-node[data-id=\"' + l.dataset.from + '\"]').classList.contains('vx-hidden') || "
        "document.querySelector('a.vx-node[data-id=\"' + l.dataset.to + '\"]').classList.contains('vx-hidden'))).length")
    assert dangling == 0
    sector = page.get_by_label("Sector")
    sector.select_option("aviation")
    aviation = visible_ids(page, "a.vx-node")
    assert aviation and all("aviation" in (page.get_attribute(f'a.vx-node[data-id="{i}"]', "data-sectors") or "").split()
                            for i in aviation)
    page.get_by_role("button", name="Show everything").click()
    assert visible_ids(page, "a.vx-node") == every
    recorder.settle(page)
    assert recorder.problems() == []


def test_explore_node_is_a_link_that_navigates(site: Site, recorder: Recorder) -> None:
    page = recorder.new_page()
    recorder.goto(page, site.page("explore/"))
    node = page.locator('a.vx-node[data-id="fpt"]')
    node.focus()
    assert page.evaluate("document.activeElement.getAttribute('data-id')") == "fpt"
    page.keyboard.press("Enter")
    page.wait_for_url("**/organizations/fpt/")
    assert page.locator("h1").inner_text().startswith("FPT Corporation")
    recorder.settle(page)
    assert recorder.problems() == []


def test_explore_arrives_filtered_by_the_sector_in_its_address(site: Site, recorder: Recorder) -> None:
    page = recorder.new_page()
    recorder.goto(page, site.page("explore/?sector=semiconductors"))
    assert page.get_by_label("Sector").input_value() == "semiconductors"
    assert page.get_by_role("status").inner_text().endswith("records shown")


def test_record_picture_nodes_link_to_their_pages(site: Site, recorder: Recorder) -> None:
    page = recorder.new_page()
    recorder.goto(page, site.page("events/biden-state-visit-2023/"))
    link = page.locator("svg.vnus-graph a.vnus-node", has_text="Vietnam-U.S. Summit on")
    assert "Investment and Innovation" in (link.text_content() or "")
    link.click()
    page.wait_for_url("**/events/vietnam-us-summit-investment-innovation-2023/")
    recorder.settle(page)
    assert recorder.problems() == []


def test_timeline_filters_by_sector(site: Site, recorder: Recorder) -> None:
    page = recorder.new_page()
    recorder.goto(page, site.page("timeline/"))
    every = page.locator("ul.vt-list > li:visible").count()
    page.get_by_label("Sector").select_option("semiconductors")
    shown = page.locator("ul.vt-list > li:visible")
    assert 0 < shown.count() < every
    assert all("semiconductors" in (s or "").split() for s in shown.evaluate_all("els => els.map(e => e.dataset.sectors)"))
    assert page.get_by_role("heading", name="1995").is_hidden()  # a year with nothing in semiconductors
    page.get_by_label("Kind of record").select_option("agreement")
    assert page.locator("ul.vt-list > li:visible").evaluate_all("els => els.map(e => e.dataset.kind)") in (["agreement"] * shown.count(), [])
    page.get_by_role("button", name="Show everything").click()
    assert page.locator("ul.vt-list > li:visible").count() == every
    recorder.settle(page)
    assert recorder.problems() == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots(site: Site, browser: Any, width: int, scheme: str) -> None:
    out = ARTIFACTS / "views"
    out.mkdir(parents=True, exist_ok=True)
    with recording(browser, viewport={"width": width, "height": 900}, color_scheme=scheme) as rec:
        page = rec.new_page()
        for name, path in (("home", ""), ("explore", "explore/"), ("record", "organizations/fpt/"), ("timeline", "timeline/")):
            rec.goto(page, site.page(path))
            rec.settle(page)
            page.screenshot(path=str(out / f"{name}-{width}-{scheme}.png"), full_page=True)
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{name} scrolls sideways at {width}px"
        assert rec.problems() == []
