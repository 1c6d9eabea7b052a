"""A hub's relations (issue 9): a record named by more records than its page lists under one heading
shows the first CAP, says how many more there are and links to the complete list, on pages of its
own; nothing is left out, and the edit loop renders those pages again as a full render would."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

from vnus_kb.knowledge.build import build
from vnus_kb.knowledge.kb import KnowledgeBase
from vnus_kb.site import incremental
from vnus_kb.site.markup.page import Page
from vnus_kb.site.markup.pictures import MAX_NEIGHBOURS
from vnus_kb.site.pages import render, site_files
from vnus_kb.site.views import relations

from .conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from synthetic import make_kb

ITEM = re.compile(r"^- (?:<span class=\"vnus-basis[^>]*><span class=\"vnus-value\">)?\[([^\]]+)\]\(([^)]+)\)", re.M)


def section(markdown: str, heading: str) -> str:
    """The text under ``### heading``, up to the next heading."""
    start = markdown.index(f"### {heading}\n")
    end = markdown.find("\n#", start + 4)
    return markdown[start : end if end > 0 else len(markdown)]


def headquartered_in(root: Path, place: str) -> set[str]:
    """Organizations whose YAML file names ``place`` as headquarters: read from the files themselves."""
    found = set()
    for f in (root / "data" / "organizations").glob("*.yaml"):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        if data.get("headquarters") == place:
            found.add(data["id"])
    return found


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_kb(tmp_path_factory.mktemp("hub"), 300)


@pytest.fixture(scope="module")
def kb(root: Path) -> KnowledgeBase:
    kb, diags = build(root)
    assert diags == []
    return kb


@pytest.fixture(scope="module")
def pages(kb: KnowledgeBase) -> dict[str, Page]:
    return render(kb)


def test_a_hub_lists_the_first_relations_and_links_the_complete_list(root: Path, kb: KnowledgeBase,
                                                                     pages: dict[str, Page]) -> None:
    everyone = headquartered_in(root, "vietnam")
    assert len(everyone) > relations.CAP  # the synthetic knowledge base names Vietnam this often
    hub = section(pages["places/vietnam.md"].markdown, "Headquarters of")
    shown = ITEM.findall(hub)
    assert len(shown) == relations.CAP
    assert {href.removeprefix("../organizations/").removesuffix(".md") for _, href in shown} <= everyone
    more = len(everyone) - relations.CAP
    assert (f"{relations.CAP} of {len(everyone)} listed here (the most referred to first); {more} more: "
            f"[all {len(everyone)} under “Headquarters of”](vietnam_headquarters-of.md).") in hub
    # the complete list: every one of them, once, the page's own ten first
    page = pages["places/vietnam_headquarters-of.md"].markdown
    assert "# Vietnam&#58; Headquarters of\n" in page
    assert (f"All {len(everyone)} records under “Headquarters of” on the page of [Vietnam](vietnam.md), "
            "the most referred to first.") in page
    listed = ITEM.findall(page)
    ids = [href.removeprefix("../organizations/").removesuffix(".md") for _, href in listed]
    assert set(ids) == everyone and len(ids) == len(everyone)
    assert listed[: relations.CAP] == shown
    # undated records: the most referred to first, then by name
    order = [(-len(kb.incoming(i)), kb.entries[i].record.name.casefold()) for i in ids]
    assert order == sorted(order)


def test_dated_relations_come_newest_first(kb: KnowledgeBase, pages: dict[str, Page]) -> None:
    page = pages["organizations/government-of-vietnam_took-part-in.md"].markdown
    assert "newest first." in page
    events = [href.removeprefix("../events/").removesuffix(".md") for _, href in ITEM.findall(page)]
    dates = [kb.entries[e].record.date or kb.entries[e].record.start for e in events]  # type: ignore[attr-defined]
    assert len(events) > relations.CAP and dates == sorted(dates, reverse=True)


def test_a_short_list_is_not_capped(pages: dict[str, Page]) -> None:
    real = render(build(REPO)[0])
    assert not [p for p in real if re.match(r"[a-z]+/[a-z0-9-]+_", p)]  # no complete lists on the real site
    assert not [p for p, pg in real.items() if "listed here" in pg.markdown]
    # on the synthetic site, a heading of CAP or fewer lists them all, with no link
    hub = pages["places/vietnam.md"].markdown
    for heading in re.findall(r"^### (.+)$", hub, re.M):
        items = ITEM.findall(section(hub, heading))
        if len(items) < relations.CAP:
            assert "listed here" not in section(hub, heading), heading


def test_complete_lists_split_into_pages_that_link_each_other(root: Path, kb: KnowledgeBase,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(relations, "BUDGET", 1_500)  # bytes of Markdown per page, instead of 100,000
    pages = render(kb)
    parts = sorted((p for p in pages if p.startswith("places/vietnam_headquarters-of")), key=len)
    assert parts[0] == "places/vietnam_headquarters-of.md" and len(parts) > 2
    assert parts[1:] == [f"places/vietnam_headquarters-of_{n}.md" for n in range(2, len(parts) + 1)]
    hub = section(pages["places/vietnam.md"].markdown, "Headquarters of")
    assert f"](vietnam_headquarters-of.md), on {len(parts)} pages." in hub
    seen: list[str] = []
    for n, path in enumerate(parts, 1):
        md = pages[path].markdown
        assert f"# Vietnam&#58; Headquarters of, page {n} of {len(parts)}\n" in md
        nav = re.search(r"^Records \d+ to \d+\. Pages: (.+)$", md, re.M)
        assert nav, path
        links = re.findall(r"\[(\d+)\]\(([^)]+)\)", nav.group(1))
        assert [int(k) for k, _ in links] == [k for k in range(1, len(parts) + 1) if k != n]
        assert all(href == parts[int(k) - 1].removeprefix("places/") for k, href in links)
        seen += [href for _, href in ITEM.findall(md)]
    assert {h.removeprefix("../organizations/").removesuffix(".md") for h in seen} == headquartered_in(root, "vietnam")
    assert len(seen) == len(set(seen))
    everything, _ = site_files(kb)  # each at an address of its own (pages.check_addresses)
    assert set(parts) <= set(everything)


def test_a_hub_picture_draws_its_main_neighbours_and_counts_the_rest(kb: KnowledgeBase, pages: dict[str, Page]) -> None:
    md = pages["places/vietnam.md"].markdown
    pic = md[md.index('<figure class="vnus-figure">'):md.index("</figure>")]
    drawn = re.findall(r'<a xlink:href="([^"]+)" class="vnus-node">', pic)
    linked = {lk.source for lk in kb.incoming("vietnam")} | {lk.target for lk in kb.outgoing("vietnam") if lk.loc[0] != "sources"}
    assert len(drawn) == MAX_NEIGHBOURS < len(linked)
    left = len(linked) - MAX_NEIGHBOURS
    assert (f"Vietnam (centre) and the {len(linked)} records it is linked with: {MAX_NEIGHBOURS} drawn, those it "
            f"names and then the most referred to; {left} left out;") in pic
    assert f"+{left} more, listed below</text>" in pic
    # the most referred to: no record left out is referred to more than one drawn from those naming it
    weight = {rid: len(kb.incoming(rid)) for rid in linked}
    ids = {href.rsplit("/", 1)[-1].removesuffix(".md") for href in drawn}
    named = {lk.target for lk in kb.outgoing("vietnam")}
    assert max(weight[i] for i in linked - ids) <= min(weight[i] for i in ids - named)


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def test_the_edit_loop_renders_a_hubs_complete_lists_again(tmp_path: Path) -> None:
    root = make_kb(tmp_path, 300)
    kb = build(root)[0]
    pages = render(kb)
    cited = kb.cites_of(sorted(headquartered_in(root, "vietnam"))[0])[0].citation
    org = {"id": "zeta-chips", "name": "Zeta Chips", "type": "company", "country": "VN", "headquarters": "vietnam",
           "sources": [{"source": cited.source, "quote": cited.quote}],
           "provenance": {f: {"basis": "outside", "how": "A made-up company of this test."} for f in ("headquarters", "country")}}
    listed = [href.removeprefix("../organizations/").removesuffix(".md")
              for _, href in ITEM.findall(pages["places/vietnam_headquarters-of.md"].markdown)]
    last = root / "data/organizations" / f"{listed[-1]}.yaml"  # the least referred to: never among the first

    def add() -> None:  # a new referrer of the hub: the hub's page and its complete list change
        write(root / "data/organizations/zeta-chips.yaml", yaml.safe_dump(org, allow_unicode=True, sort_keys=False))

    def rename() -> None:  # a referrer listed only on the complete list: the list shows the new name
        text = last.read_text(encoding="utf-8")
        write(last, re.sub(r"^name: .*$", "name: Zzyzx Renamed Far Down The List", text, count=1, flags=re.M))

    def move_away() -> None:  # the heading fits on the hub's page again: the complete list goes
        hq = sorted(headquartered_in(root, "vietnam"))
        for rid in hq[: len(hq) - relations.CAP]:
            f = root / "data/organizations" / f"{rid}.yaml"
            write(f, f.read_text(encoding="utf-8").replace("headquarters: vietnam\n", "headquarters: united-states\n"))

    for i, step in enumerate([add, rename, move_away]):
        step()
        new = build(root)[0]
        fresh, changed = incremental.update(kb, pages, new)
        full = render(new)
        assert list(fresh) == list(full), i
        assert [p for p in full if fresh[p] != full[p]] == [], i
        if i == 0:
            assert {"places/vietnam.md", "places/vietnam_headquarters-of.md"} <= changed
            assert "[Zeta Chips](../organizations/zeta-chips.md)" in fresh["places/vietnam_headquarters-of.md"].markdown
        if i == 1:
            assert "places/vietnam_headquarters-of.md" in changed
            assert "[Zzyzx Renamed Far Down The List](../organizations/" in fresh["places/vietnam_headquarters-of.md"].markdown
            assert "Zzyzx Renamed Far Down The List" not in section(fresh["places/vietnam.md"].markdown, "Headquarters of")
        if i == 2:
            assert "places/vietnam_headquarters-of.md" not in fresh
            assert len(ITEM.findall(section(fresh["places/vietnam.md"].markdown, "Headquarters of"))) == relations.CAP
        kb, pages = new, fresh
