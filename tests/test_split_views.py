"""The timeline and Explore's text alternative past their size budget (issue 9): a synthetic
knowledge base of a few hundred records with the budget lowered, so that both split into pages."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from vnus_kb.knowledge.build import build
from vnus_kb.knowledge.kb import KnowledgeBase
from vnus_kb.site.markup.page import Page, page_of
from vnus_kb.site.pages import render, site_files
from vnus_kb.site.views.explore import explore, network
from vnus_kb.site.views.timeline import facts, timeline

from .conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from synthetic import make_kb

BUDGET = 12_000  # bytes of Markdown per page, instead of 200,000
LI = re.compile(r"<li data-kind=.*?</li>")
WHY = re.compile(r'"why-\d+"')  # badge explanations are numbered per page


def facts_on(markdown: str) -> list[str]:
    return [WHY.sub('"why-n"', li) for li in LI.findall(markdown)]


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    kb, diags = build(make_kb(tmp_path_factory.mktemp("split"), 300))
    assert diags == []
    return kb


def test_the_timeline_splits_by_year_and_keeps_every_fact_once(kb: KnowledgeBase) -> None:
    whole = timeline(kb)
    assert list(whole) == ["timeline.md"]  # under the usual budget: one page, as on the real site
    pages = timeline(kb, budget=BUDGET)
    index = pages.pop("timeline.md").markdown
    assert len(pages) > 5
    assert all(re.fullmatch(r"timeline_\d{4}(_\d+)?\.md", p) for p in pages)  # '_': never a record's page
    # every fact of the one-page timeline is on exactly one year page, in the same order
    lines = facts_on(whole["timeline.md"].markdown)
    assert len(lines) == len(facts(kb))
    split = [li for path in sorted(pages, key=_in_order) for li in facts_on(pages[path].markdown)]
    assert split == lines
    # a year's page holds that year's facts only, and its own filters
    for path, page in pages.items():
        year = path.split("_")[1].removesuffix(".md")
        dates = [f.date for f in facts(kb) if f.date[:4] == year]
        assert dates, path
        assert '<div class="vx-filters" data-target="timeline" hidden>' in page.markdown
        assert "[All years](timeline.md)" in page.markdown
        assert sum(len(li) for li in LI.findall(page.markdown)) <= BUDGET or len(LI.findall(page.markdown)) == 1
    # the index links to every page with its count, and holds no fact itself
    assert LI.findall(index) == []
    for path, page in pages.items():
        n = len(LI.findall(page.markdown))
        assert re.search(rf"\]\({re.escape(path)}\) \| [^|]+ \| {n:,} \|", index), path


def _in_order(path: str) -> tuple[int, int]:
    parts = path.removesuffix(".md").split("_")
    return int(parts[1]), int(parts[2]) if len(parts) > 2 else 1


def test_a_busy_year_is_cut_into_parts_that_link_to_each_other(kb: KnowledgeBase) -> None:
    pages = timeline(kb, budget=BUDGET)
    parts = sorted(p for p in pages if re.fullmatch(r"timeline_\d{4}_2\.md", p))
    assert parts, "some year of 300 records needs two pages at this budget"
    second = pages[parts[0]].markdown
    first_path = parts[0].removesuffix("_2.md") + ".md"
    assert f"previous: [{first_path[9:13]}, part 1 of " in second and f"]({first_path})" in second
    assert f"]({parts[0]})" in pages[first_path].markdown  # and back


def test_explore_lists_move_to_pages_per_kind_and_keep_every_record(kb: KnowledgeBase) -> None:
    whole = explore(kb)
    assert list(whole) == ["explore.md"]
    pages = explore(kb, budget=BUDGET)
    main = pages.pop("explore.md").markdown
    assert 'class="vx-node"' in main  # the picture stays on Explore
    assert main[main.index("## The network as lists"):].count("| [") == 0  # no table of records there
    assert all(re.fullmatch(r"explore_[a-z]+(_\d+)?\.md", p) for p in pages)
    for path in pages:
        assert f"]({path})" in main, path  # every list page is linked from Explore
    ids, _ = network(kb)
    rows = {m for page in pages.values() for m in re.findall(r"^\| \[[^\]]*\]\(([^)]+)\) \|", page.markdown, re.M)}
    assert rows == {page_of(kb.entries[i].kind, i) for i in ids}
    # the same rows as the one-page lists, none lost or changed
    old = re.findall(r"^\| \[.*$", whole["explore.md"].markdown, re.M)
    new = [r for p in pages.values() for r in re.findall(r"^\| \[.*$", p.markdown, re.M)]
    assert sorted(new) == sorted(old)
    assert "[Explore](explore.md)" in pages["explore_organizations.md"].markdown


def test_the_real_site_has_no_split_pages(tmp_path: Path) -> None:
    kb, _ = build(REPO)
    pages = render(kb)
    assert not [p for p in pages if re.match(r"(timeline|explore)_", p)]
    assert "## 2013" in pages["timeline.md"].markdown and "### Organizations" in pages["explore.md"].markdown


def test_split_pages_are_rendered_with_the_site(kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    from vnus_kb.site import pages as pg
    from vnus_kb.site.views import explore as ex
    from vnus_kb.site.views import timeline as tl

    monkeypatch.setattr(pg, "timeline", lambda kb, **kw: tl.timeline(kb, budget=BUDGET, **kw))
    monkeypatch.setattr(pg, "explore", lambda kb: ex.explore(kb, budget=BUDGET))
    pages: dict[str, Page] = render(kb)
    assert "timeline_2020.md" in pages and "explore_people.md" in pages
    everything, _ = site_files(kb)  # each at an address of its own (pages.check_addresses)
    assert set(pages) <= set(everything)


def test_the_edit_loop_renders_the_split_pages_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from vnus_kb.site import incremental
    from vnus_kb.site import pages as pg
    from vnus_kb.site.views import explore as ex
    from vnus_kb.site.views import timeline as tl

    monkeypatch.setattr(pg, "timeline", lambda kb, **kw: tl.timeline(kb, budget=BUDGET, **kw))
    monkeypatch.setattr(pg, "explore", lambda kb: ex.explore(kb, budget=BUDGET))
    root = make_kb(tmp_path, 300)
    old = build(root)[0]
    before = render(old)
    event = sorted((root / "data" / "events").glob("*.yaml"))[0]
    rid = event.stem
    text = event.read_text(encoding="utf-8")
    date = re.search(r"^date: '?(\d{4})", text, re.M)
    assert date, text
    assert date.group(1) != "2030"
    event.write_text(re.sub(r"^date: .*$", "date: '2030-05-05'", text, count=1, flags=re.M), encoding="utf-8")
    new = build(root)[0]
    assert new.entries[rid].record.date == "2030-05-05"  # type: ignore[attr-defined]
    pages, changed = incremental.update(old, before, new)
    assert pages == render(new)
    assert "timeline_2030.md" in changed and any(p.startswith(f"timeline_{date.group(1)}") for p in changed)
