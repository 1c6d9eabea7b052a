"""Explore: the whole network of records as one picture drawn at build time, with filters, and
the same network as lists for readers who do not see the picture.

The picture is an SVG laid out once at build time (networkx's spring layout, fixed seed: the same
data gives the same picture), every node a link to its record's page. Our small script
(assets/explore.js) only shows and hides nodes; nothing is fetched, from this host or another.
At scale, the picture holds the MAX_NODES most connected records (the hubs); the lists hold all,
and past BUDGET bytes they move to pages of their own, a kind per page (a large kind in parts),
linked from Explore (explore_organizations.md, explore_organizations_2.md: '_' is in no record id).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from html import escape

import networkx as nx

from ...knowledge.kb import KnowledgeBase
from ...knowledge.read.models import KINDS
from ..markup import formatting as fmt
from ..markup.labels import KIND_LABELS, backlink_label, field_label
from ..markup.markdown import Md, link, rel, table, text
from ..markup.page import Page, front_matter, page_of
from ..markup.paging import chunk_by_size
from ..markup.pictures import _COLOURS, label_lines, wrap

HERE = "explore.md"
BUDGET = 200_000  # bytes of Markdown of the lists on one page; past it, they get pages of their own
# ... of PART bytes at most: a page a phone loads at once, and in the edit loop a rename converts
# again only the parts that show the name (MkDocs converts a changed page whole)
PART = 50_000
MAX_NODES = 300  # drawn; beyond it the hubs, the rest in the lists (a layout of thousands is unreadable)
LABELLED = 16  # the most connected records carry their name; the others show it on hover and focus
WIDTH, HEIGHT, MARGIN = 1200, 860, 70
STRIP_STEP = 152  # between the records, below the main picture, that are linked with few others
LEFT_OUT = ("discrepancy",)  # about the sources, not relations between actors
SKIPPED_FIELDS = ("distinct_from",)


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    field: str


def network(kb: KnowledgeBase) -> tuple[list[str], list[Edge]]:
    """Record ids in the network, and its relations (one per referring field, duplicates merged)."""
    ids = [rid for rid, e in kb.entries.items() if e.kind not in LEFT_OUT]
    keep = set(ids)
    edges = list(dict.fromkeys(
        Edge(lk.source, lk.target, lk.field) for lk in kb.links
        if lk.loc[0] != "sources" and lk.field not in SKIPPED_FIELDS
        and lk.source in keep and lk.target in keep and lk.source != lk.target))
    return sorted(ids), edges


@lru_cache(maxsize=2)
def layout(ids: tuple[str, ...], edges: tuple[Edge, ...]) -> tuple[dict[str, tuple[float, float]], int]:
    """Positions in the picture, and its height. The connected groups of three or more are laid out
    by force (spring layout, fixed seed) in the main area; pairs and loners line up below it.
    Kept for the same network: in the edit loop most saves change no relation, and the layout is
    most of the cost of Explore (0.45 s of a 1,000-record rebuild). Callers must not change the result."""
    g: nx.Graph[str] = nx.Graph()
    g.add_nodes_from(ids)
    g.add_edges_from((e.source, e.target) for e in edges if e.source in g and e.target in g)
    groups = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c))
    if not groups:
        return {}, 2 * MARGIN
    main = [n for c in groups if len(c) >= 3 or c is groups[0] for n in c]
    rest = [n for c in groups if len(c) < 3 and c is not groups[0] for n in c]
    pos: dict[str, tuple[float, float]] = {}
    sub = g.subgraph(main)
    raw = nx.spring_layout(sub, seed=20231, k=3.2 / math.sqrt(len(main)), iterations=250) if len(main) > 1 else {main[0]: (0.0, 0.0)}
    xs = [float(p[0]) for p in raw.values()]
    ys = [float(p[1]) for p in raw.values()]
    def scale(v: float, lo: float, hi: float, size: float) -> float:
        return MARGIN + (v - lo) / ((hi - lo) or 1) * (size - 2 * MARGIN)
    for n, (x, y) in raw.items():
        pos[n] = (scale(float(x), min(xs), max(xs), WIDTH), scale(float(y), min(ys), max(ys), HEIGHT))
    per_row = max(1, int((WIDTH - 2 * MARGIN) // STRIP_STEP) + 1)
    for i, n in enumerate(rest):
        pos[n] = (MARGIN + (i % per_row) * STRIP_STEP, HEIGHT + (i // per_row) * 90)
    rows = (len(rest) + per_row - 1) // per_row
    return pos, HEIGHT + rows * 90 + (20 if rows else 0)


def picture(kb: KnowledgeBase, ids: list[str], edges: list[Edge]) -> tuple[str, list[str]]:
    """The SVG, and the ids drawn (the hubs when there are more than MAX_NODES)."""
    degree: dict[str, int] = defaultdict(int)
    for e in edges:
        degree[e.source] += 1
        degree[e.target] += 1
    ranked = sorted(ids, key=lambda i: (-degree[i], i))
    drawn = sorted(ranked[:MAX_NODES])
    shown = set(drawn)
    inner = [e for e in edges if e.source in shown and e.target in shown]
    pos, height = layout(tuple(drawn), tuple(inner))
    labelled = _room_for_names(kb, [i for i in ranked[:MAX_NODES] if pos[i][1] < HEIGHT][:LABELLED]
                               + [i for i in drawn if pos[i][1] >= HEIGHT], pos, degree)
    parts = [f'<svg class="vx-graph" viewBox="0 0 {WIDTH} {height}" width="100%" role="group" '
             f'aria-label="The network of records" xmlns="http://www.w3.org/2000/svg">'
             "<title>The network of records</title><g class=\"vx-edges\">"]
    for e in inner:
        (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     f'data-from="{e.source}" data-to="{e.target}" stroke="#9e9e9e" stroke-width="1"/>')
    parts.append('</g><g class="vx-nodes">')
    # the labelled hubs last, so that their names are drawn over other nodes' lines
    for rid in sorted(drawn, key=lambda i: (i in labelled, degree[i], i)):
        entry = kb.entries[rid]
        x, y = pos[rid]
        r = _radius(degree[rid])
        name = entry.record.name
        kind_label = KIND_LABELS[entry.kind][0]
        lines = wrap(name, 24)
        label = label_lines(x, y + r + 13, lines, "middle", 12,
                            "vx-label vx-hub" if rid in labelled else "vx-label")
        sectors = " ".join(entry.record.sectors)
        parts.append(f'<a xlink:href="{rel(HERE, page_of(entry.kind, rid))}" class="vx-node" data-id="{rid}" '
                     f'data-kind="{entry.kind}" data-sectors="{sectors}">'
                     f"<title>{escape(name)} ({escape(kind_label)}, {degree[rid]} relation"
                     f"{'s' if degree[rid] != 1 else ''})</title>"
                     f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{_COLOURS.get(entry.kind, "#757575")}"/>'
                     f"{label}</a>")
    parts.append("</g></svg>")
    return "".join(parts), drawn


def _radius(degree: int) -> float:
    return 5 + 1.6 * math.sqrt(degree)


def _room_for_names(kb: KnowledgeBase, candidates: list[str], pos: dict[str, tuple[float, float]],
                    degree: dict[str, int]) -> set[str]:
    """The candidates (most connected first) whose name fits without covering a name already placed."""
    placed: list[tuple[float, float, float, float]] = []
    out = set()
    for rid in candidates:
        x, y = pos[rid]
        lines = wrap(kb.entries[rid].record.name, 24)
        w, h = max(len(t) for t in lines) * 6.6, len(lines) * 14.0
        top = y + _radius(degree[rid]) + 2
        box = (x - w / 2, top, x + w / 2, top + h)
        if all(box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3] for b in placed):
            placed.append(box)
            out.add(rid)
    return out


def swatch(kind: str) -> str:
    return (f'<svg class="vx-swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">'
            f'<circle cx="6" cy="6" r="5" fill="{_COLOURS.get(kind, "#757575")}"/></svg>')


def options(name: str, label: str, items: list[tuple[str, str]], control: str = "select",
            all_label: str = "", hidden: bool = True) -> str:
    """A choice as a plain list, readable without script; assets/explore.js makes it a real, labelled
    control (a select, or checkboxes). ``items``: (value, inner HTML, already escaped)."""
    lis = "".join(f'<li data-value="{v}">{inner}</li>' for v, inner in items)
    extra = (f' data-all="{escape(all_label)}"' if all_label else "") + (" hidden" if hidden else "")
    return (f'<ul class="vx-options" data-name="{name}" data-label="{escape(label)}" '
            f'data-control="{control}"{extra}>{lis}</ul>')


def filters(kb: KnowledgeBase, ids: list[str]) -> str:
    """The legend of colours (a list, shown to every reader), which the script turns into kind
    checkboxes, and the sectors, which it turns into a select."""
    kinds: dict[str, int] = defaultdict(int)
    sectors: dict[str, int] = defaultdict(int)
    for rid in ids:
        kinds[kb.entries[rid].kind] += 1
        for s in kb.entries[rid].record.sectors:
            sectors[s] += 1
    legend = [(k, f"{swatch(k)}{escape(KIND_LABELS[k][1])} ({kinds[k]})") for k in KIND_LABELS if kinds.get(k)]
    by_sector = [(s, f"{escape(fmt.label(s))} ({n})") for s, n in sorted(sectors.items(), key=lambda t: (-t[1], t[0]))]
    return ('<div class="vx-filters" data-target="explore">'
            + options("kind", "Show these kinds", legend, "checkboxes", hidden=False)
            + options("sector", "Sector", by_sector, all_label="All sectors") + "</div>")


def _rows(kb: KnowledgeBase, ids: list[str], edges: list[Edge]) -> dict[str, list[tuple[str, list[str]]]]:
    """Per kind (in KIND_LABELS' order, by name): a record's name and its table row, the record and whom it is
    linked with, in both directions. Links are relative to explore.md and the pages beside it."""
    rel_of: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for e in edges:
        rel_of[e.source][field_label(e.field)].append(e.target)
        rel_of[e.target][backlink_label(kb.entries[e.source].kind, e.field)].append(e.source)
    of_kind: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        of_kind[kb.entries[i].kind].append(i)
    links: dict[str, str] = {}  # a record's link, made once however many rows name it

    def link_to(o: str) -> str:
        made = links.get(o)
        if made is None:
            e = kb.entries[o]
            made = links[o] = link(e.record.name, HERE, page_of(e.kind, o))
        return made

    out: dict[str, list[tuple[str, list[str]]]] = {}
    for kind in KIND_LABELS:
        members = sorted(of_kind.get(kind, ()), key=lambda i: kb.entries[i].record.name.casefold())
        if not members:
            continue
        rows: list[tuple[str, list[str]]] = []
        for rid in members:
            groups = rel_of.get(rid, {})
            cell = "; ".join(f"**{text(label)}:** " + ", ".join(link_to(o) for o in dict.fromkeys(others))
                             for label, others in sorted(groups.items()))
            name = kb.entries[rid].record.name
            rows.append((name, [link(name, HERE, page_of(kind, rid)), Md(cell or "—")]))
        out[kind] = rows
    return out


def lists(by_kind: dict[str, list[tuple[str, list[str]]]]) -> Md:
    """The text alternative: per kind, each record and whom it is linked with, in both directions."""
    return Md("\n\n".join(f"### {text(KIND_LABELS[kind][1])}\n\n" + table(["Record", "Linked with"], [r for _, r in rows])
                           for kind, rows in by_kind.items()))


def list_page(kind: str, part: int) -> str:
    """Path of a kind's page of the text alternative: 'explore_organizations.md', then '..._2.md'.
    The underscore keeps it apart from any record's page (ids are slugs)."""
    return HERE.removesuffix(".md") + f"_{KINDS[kind].FOLDER}" + (f"_{part}" if part > 1 else "") + ".md"


def _row_size(row: tuple[str, list[str]]) -> int:
    return sum(len(c) for c in row[1]) + 6


def list_pages(by_kind: dict[str, list[tuple[str, list[str]]]], budget: int) -> tuple[Md, dict[str, Page]]:
    """The text alternative past ``budget`` bytes: on Explore, a line per kind linking to its pages;
    the pages, each a table of records and whom they are linked with (a kind in parts if large)."""
    pages: dict[str, Page] = {}
    items = []
    for kind, rows in by_kind.items():
        parts = chunk_by_size(rows, _row_size, min(budget, PART))
        plural = KIND_LABELS[kind][1]
        links = []
        for i, chunk in enumerate(parts, 1):
            path = list_page(kind, i)
            first, last = chunk[0][0], chunk[-1][0]
            span = first if first == last else f"{first} – {last}"
            title = f"Explore as lists: {plural}" + (f", part {i} of {len(parts)}" if len(parts) > 1 else "")
            nav = [link("Explore", path, HERE)]
            if i > 1:
                nav.append(Md("previous: " + link(f"part {i - 1}", path, list_page(kind, i - 1))))
            if i < len(parts):
                nav.append(Md("next: " + link(f"part {i + 1}", path, list_page(kind, i + 1))))
            body = [f"# {text(title)}", Md(" · ".join(nav)),
                    text(f"{len(chunk):,} of the {len(rows):,} {plural.lower()} of the network, {span}, "
                         "each with the records it is linked with, in both directions."),
                    table(["Record", "Linked with"], [r for _, r in chunk])]
            pages[path] = Page(front_matter(title) + "\n\n".join(body) + "\n")
            links.append(link(span if len(parts) > 1 else "all", HERE, path))
        items.append(f"- {text(plural)} ({len(rows):,}): " + " · ".join(links))
    return Md("\n".join(items)), pages


def explore(kb: KnowledgeBase, budget: int = BUDGET) -> dict[str, Page]:
    """Explore, and past ``budget`` bytes of lists the pages of its text alternative."""
    ids, edges = network(kb)
    svg, drawn = picture(kb, ids, edges)
    kept = ("" if len(drawn) == len(ids) else
            f" The picture holds the {len(drawn)} most connected of the {len(ids)} records; the lists below hold all of them.")
    intro = text(f"Who partners with, invests in, signed or took part in what: {len(ids)} records and "
                 f"{len(edges)} relations. Every dot is a link to its record's page; hover over or focus "
                 f"a dot to see its name. The discrepancies between sources are left out.{kept}")
    by_kind = _rows(kb, ids, edges)
    alternative = lists(by_kind)
    pages: dict[str, Page] = {}
    said = "The same records and relations as the picture, kind by kind."
    if len(alternative) > budget:
        alternative, pages = list_pages(by_kind, budget)
        said += " They are too many for one page: each kind has a page of its own (a large kind several)."
    body = [
        "# Explore",
        intro,
        '<p class="vx-skip"><a href="#the-network-as-lists">Skip the picture: the network as lists</a></p>',
        f'<div class="vx-explore">{filters(kb, ids)}<div class="vx-scroll" tabindex="0" role="region" aria-label="The network picture">{svg}</div></div>',
        "## The network as lists",
        text(said),
        alternative,
    ]
    pages[HERE] = Page(front_matter("Explore", hide=["navigation", "toc"]) + "\n\n".join(b for b in body if b) + "\n")
    return pages
