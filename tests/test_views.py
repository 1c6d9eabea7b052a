"""The whole at a glance: the home page's cards, Explore, the per-record pictures, and a timeline
that holds every dated fact (checked over the repository's own knowledge base)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any, get_args

import pytest
from pydantic import BaseModel

from vnus_kb.knowledge.build import build
from vnus_kb.knowledge.kb import KnowledgeBase
from vnus_kb.knowledge.read import models
from vnus_kb.site.markup import formatting as fmt
from vnus_kb.site.markup.page import Page, page_of
from vnus_kb.site.markup.sanitize import clean
from vnus_kb.site.pages import ASSETS, asset, render
from vnus_kb.site.views.explore import MAX_NODES, network, picture
from vnus_kb.site.views.timeline import facts

from .conftest import FIXTURES, REPO


@pytest.fixture(scope="module")
def repo_kb() -> KnowledgeBase:
    kb, diags = build(REPO)
    assert not [d for d in diags if d.severity == "error"]
    return kb


@pytest.fixture(scope="module")
def repo_pages(repo_kb: KnowledgeBase) -> dict[str, Page]:
    return render(repo_kb)


@pytest.fixture(scope="module")
def fixture_pages() -> dict[str, Page]:
    kb, diags = build(FIXTURES / "kb")
    assert diags == []
    return render(kb)


# --- the timeline ----------------------------------------------------------------------------

_DATE_VALIDATORS = get_args(models.Date)[1:]


def _annotation_is_date(annotation: Any) -> bool:
    if any(m in _DATE_VALIDATORS for m in getattr(annotation, "__metadata__", ())):
        return True
    return any(_annotation_is_date(a) for a in get_args(annotation))


def every_date(model: BaseModel, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Independently of the renderer: every value of a field typed models.Date, nested included."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        is_date = any(m in _DATE_VALIDATORS for m in info.metadata) or _annotation_is_date(info.annotation)
        if is_date and isinstance(value, str):
            yield (*loc, name), value
        for i, item in enumerate(value if isinstance(value, list) else [value]):
            if isinstance(item, BaseModel):
                yield from every_date(item, (*loc, name, i) if isinstance(value, list) else (*loc, name))


def test_every_dated_field_of_every_record_is_on_the_timeline(repo_kb: KnowledgeBase, repo_pages: dict[str, Page]) -> None:
    expected = {(e.id, loc, v) for e in repo_kb.entries.values() for loc, v in every_date(e.record)}
    assert len(expected) > 30  # the knowledge base has dates in many kinds of record and nested roles
    assert {loc[0] for _, loc, _ in expected} >= {"date", "signed", "since", "adopted", "deadline", "roles"}
    shown = {(f.rid, loc, f.date if loc in (f.locs[0],) else _value(repo_kb, f.rid, loc))
             for f in facts(repo_kb) for loc in f.locs}
    assert expected - shown == set()
    # the timeline, or its index and a page per year (or part of a year) when it is large
    page = "".join(pg.markdown for path, pg in repo_pages.items() if re.fullmatch(r"timeline(_\d{4}(_\d+)?)?\.md", path))
    items = re.findall(r'<li data-kind="[a-z]+" data-sectors="[a-z -]*"><span class="vt-date">'
                       r'(?:<span class="vnus-basis vnus-[a-z]+"><span class="vnus-value">)?([^<]+)'  # a marked date (issue 8)
                       r'(?:</span><button[^>]*>[^<]*</button><span class="vnus-why"[^>]*>.*?</span></span>)?</span> '
                       r'<span class="vt-what">[^<]+</span> <a href="([^"]+)\.md">', page)
    assert len(items) == len(facts(repo_kb))
    on_page = {(date, href) for date, href in items}
    for rid, loc, value in expected:
        e = repo_kb.entries[rid]
        if loc == ("end",) or (loc == ("start",) and getattr(e.record, "date", None)):
            continue  # shown on the event's line ("until ...")
        assert (unescape(fmt.date(value)), page_of(e.kind, rid)[:-3]) in {(unescape(d), h) for d, h in on_page}, (rid, loc)


def _value(kb: KnowledgeBase, rid: str, loc: tuple[str | int, ...]) -> str:
    obj: Any = kb.entries[rid].record
    for part in loc:
        obj = obj[part] if isinstance(part, int) else getattr(obj, part)
    return str(obj)


def test_the_2013_comprehensive_partnership_is_on_the_timeline(repo_pages: dict[str, Page]) -> None:
    page = repo_pages["timeline.md"].markdown
    assert ('<span class="vt-date">July 2013</span> <span class="vt-what">Partnership begun</span> '
            '<a href="partnerships/us-vietnam-comprehensive-partnership.md">') in page


def test_timeline_offers_sector_and_kind_filters_and_years(fixture_pages: dict[str, Page]) -> None:
    page = fixture_pages["timeline.md"].markdown
    assert '<ul class="vx-options" data-name="sector" data-label="Sector" data-control="select"' in page
    assert '<li data-value="semiconductors">Semiconductors (' in page
    assert '<ul class="vx-options" data-name="kind" data-label="Kind of record"' in page
    assert "By year: [2023](#2023)" in page


# --- Explore ---------------------------------------------------------------------------------

def test_explore_has_a_node_link_per_record_filters_and_lists(repo_kb: KnowledgeBase, repo_pages: dict[str, Page]) -> None:
    page = repo_pages["explore.md"].markdown
    links = re.findall(r'<a xlink:href="([^"]+)" class="vx-node" data-id="([a-z0-9-]+)" data-kind="([a-z]+)"', page)
    networked = [e for e in repo_kb.entries.values() if e.kind != "discrepancy"]
    assert sorted(i for _, i, _ in links) == sorted(e.id for e in networked)
    assert all(href == page_of(kind, rid) for href, rid, kind in links)
    assert '<ul class="vx-options" data-name="kind" data-label="Show these kinds" data-control="checkboxes">' in page
    assert '<ul class="vx-options" data-name="sector" data-label="Sector" data-control="select"' in page
    assert '<div class="vx-scroll" tabindex="0" role="region" aria-label="The network picture">' in page  # scrolls by keyboard
    # the text alternative: each record's relations, both ways
    lists = page[page.index("## The network as lists"):]
    assert "| [FPT Corporation](organizations/fpt.md) |" in lists
    assert "**Party to:**" in lists and "**Parties:**" in lists


def test_explore_and_its_script_load_nothing_from_another_host(repo_pages: dict[str, Page]) -> None:
    page = repo_pages["explore.md"].markdown
    assert re.findall(r'(?:href|src)="(?:[a-z]+:)?//', page) == []  # xlink:href included
    assert "xmlns" in page and page.count("://") == page.count('xmlns="http://www.w3.org/2000/svg"')
    script = asset("assets/explore.js")
    assert "assets/explore.js" in ASSETS and "assets/views.css" in ASSETS
    assert "://" not in script and "fetch(" not in script and "XMLHttpRequest" not in script


def test_explore_survives_the_sanitiser(repo_pages: dict[str, Page]) -> None:
    page = repo_pages["explore.md"].markdown
    svg = page[page.index("<svg class=\"vx-graph\""):page.rindex("</svg>") + 6]
    cleaned = clean(svg)
    assert cleaned.count('class="vx-node"') == svg.count('class="vx-node"')
    assert 'data-from="' in cleaned and 'data-sectors="' in cleaned


def test_explore_draws_the_hubs_of_a_large_network(repo_kb: KnowledgeBase) -> None:
    ids, edges = network(repo_kb)
    many = ids * 4  # more records than the picture holds
    fake = KnowledgeBase(entries={f"{i}-{n}": repo_kb.entries[i] for n in range(4) for i in ids})
    fake_ids = sorted(fake.entries)
    assert len(fake_ids) == len(many) > MAX_NODES
    svg, drawn = picture(fake, fake_ids, [e.__class__(f"{e.source}-0", f"{e.target}-0", e.field) for e in edges])
    assert len(drawn) == MAX_NODES and svg.count('class="vx-node"') == MAX_NODES
    assert "united-states-0" in drawn  # a hub: linked with many


# --- the per-record pictures -----------------------------------------------------------------

def test_record_picture_shows_full_names_and_links_every_node(repo_pages: dict[str, Page]) -> None:
    page = repo_pages["events/biden-state-visit-2023.md"].markdown
    pic = page[page.index('<figure class="vnus-figure">'):page.index("</figure>") + 9]
    assert "…" not in pic
    nodes = re.findall(r'<a xlink:href="([^"]+)" class="vnus-node"><title>[^<]*</title><circle[^>]*/>(<text.*?</text>)</a>', pic)
    assert len(nodes) >= 5
    names = {re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", t)).strip() for _, t in nodes}  # the text drawn, line by line
    assert "Vietnam-U.S. Summit on Investment and Innovation" in names
    assert all(href.endswith(".md") and "://" not in href for href, _ in nodes)
    assert "<figcaption>" in pic and "each dot links to its page" in pic
    cleaned = clean(pic)
    assert cleaned.count('class="vnus-node"') == len(nodes) and cleaned.count("<a xlink:href=") == len(nodes)


def test_sanitiser_keeps_svg_links_and_drops_script_urls() -> None:
    svg = ('<svg viewBox="0 0 9 9"><a xlink:href="../people/x.md" class="vnus-node"><circle r="1"/></a>'
           '<a xlink:href="javascript:alert(1)"><text>x</text></a><a href="javascript:alert(1)">y</a></svg>')
    cleaned = clean(svg)
    assert '<a xlink:href="../people/x.md" class="vnus-node">' in cleaned
    assert "javascript" not in cleaned


# --- home ------------------------------------------------------------------------------------

def test_home_cards_carry_citations_to_the_quoted_passage(repo_pages: dict[str, Page]) -> None:
    home = repo_pages["index.md"].markdown
    cards = re.findall(r'<div class="vh-card">(.*?)</div>', home)
    assert 4 <= len(cards) <= 8
    for c in cards:
        figure = re.search(r'<p class="vh-figure">([^<]+)</p>', c)
        cite = re.search(r'<p class="vh-cite">“[^<]+” <a href="(sources/[a-z0-9-]+)\.md#(q-\d+-\d+)"', c)
        assert figure and cite, c
        source = repo_pages[cite.group(1) + ".md"].markdown
        assert f'id="{cite.group(2)}"' in source
    assert any("US&#36;1&#46;6 billion" in c for c in cards)  # the largest investment
    assert "50&#44;000 engineers by 2030" in home or "50,000 engineers by 2030" in home


def test_home_has_latest_events_and_ways_in_by_kind_and_sector(repo_kb: KnowledgeBase, repo_pages: dict[str, Page]) -> None:
    home = repo_pages["index.md"].markdown
    assert "## Latest events" in home and "## By kind" in home and "## By sector" in home
    assert f'<a class="vh-tile" href="organizations/index.md"><span class="vh-count">{len(repo_kb.of_kind("organization"))}</span>' in home
    assert '<a class="vh-chip" href="explore.md?sector=semiconductors">Semiconductors <span class="vh-count">' in home


def test_views_render_for_a_knowledge_base_without_dates_or_links(tmp_path: Path) -> None:
    kb = KnowledgeBase()
    kb.index()
    pages = render(kb)
    assert "# Explore" in pages["explore.md"].markdown and "# Timeline" in pages["timeline.md"].markdown
