"""A record's relations: the records it names and the records that name it, under a heading each.

A hub (a national government, a country) is named by thousands of records, and its page would
grow with every one of them. So a record page lists at most CAP relations under one heading; past
that, the first CAP in a stated order (RANKING: the newest first, then the records most referred
to), how many more there are, and a link to the complete list on pages of its own:
``<folder>/<id>_<heading>.md``, then ``..._2.md`` ... when it outgrows BUDGET. Their paths hold an
underscore, which no id can (ids are slugs), so they never take a record's place; they are made
with their record's page (and rendered again with it in the edit loop: site/incremental.py).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...knowledge.kb import Entry, KnowledgeBase
from ...knowledge.read.models import KINDS
from ..markup.labels import backlink_label, field_label
from ..markup.markdown import Md, link, text
from ..markup.page import Page, front_matter, page_of
from ..markup.paging import chunk_by_size

if TYPE_CHECKING:
    from .records import Renderer

CAP = 10  # relations listed under one heading on a record page (the real site has no more than 10)
BUDGET = 100_000  # bytes of Markdown of one page of a complete list
_FOLDERS = {k.FOLDER for k in KINDS.values()}
DATED = ("date", "start", "signed", "adopted", "started", "deadline")  # the date a relation is known by


@dataclass(frozen=True)
class Item:
    rid: str  # the related record
    owner: str  # the record whose field makes the link: its provenance marks the link
    field: str | None  # that field, when the link's value is inferred or from outside the sources


@dataclass(frozen=True)
class Group:
    title: str
    items: list[Item]


def when(kb: KnowledgeBase, rid: str) -> tuple[str, str] | None:
    """(field, date) of the date a record is known by: an event's, an agreement's signing ..."""
    r = kb.entries[rid].record
    fields = type(r).model_fields  # getattr(r, f, None) on a field the model lacks costs an exception
    for f in DATED:
        v = getattr(r, f) if f in fields else None
        if v:
            return f, v
    return None


def ranked(kb: KnowledgeBase, items: Sequence[Item]) -> list[Item]:
    """RANKING: dated records newest first, then undated ones, those most referred to first; by name."""
    by_weight = sorted(items, key=lambda i: (-len(kb.incoming(i.rid)), kb.entries[i.rid].record.name.casefold(), i.rid))
    dates = {i.rid: d[1] for i in items if (d := when(kb, i.rid))}
    dated = sorted((i for i in by_weight if i.rid in dates), key=lambda i: dates[i.rid], reverse=True)  # stable: ties by weight
    return dated + [i for i in by_weight if i.rid not in dates]


def order_words(kb: KnowledgeBase, items: Sequence[Item]) -> str:
    dated = sum(1 for i in items if when(kb, i.rid))
    if dated == len(items):
        return "newest first"
    return "the most referred to first" if not dated else "newest first, then the most referred to"


def groups(r: Renderer, e: Entry) -> list[Group]:
    """The record's relations under their headings: the fields it names others in, in field order,
    then the records naming it, by heading; each related record once per heading."""
    kb, marks = r.kb, r.marks
    out: dict[str, dict[str, Item]] = defaultdict(dict)
    for lk in kb.outgoing(e.id):
        if lk.loc[0] == "sources" or lk.loc[0] in ("roles", "progress"):
            continue
        field = str(lk.loc[0]) if marks.basis(e.id, (lk.loc[0],)) in ("inferred", "outside") else None
        out[field_label(lk.field)].setdefault(lk.target, Item(lk.target, e.id, field))
    incoming: dict[str, dict[str, Item]] = defaultdict(dict)
    for lk in kb.incoming(e.id):
        other = kb.entries[lk.source]
        field = str(lk.loc[0]) if marks.basis(lk.source, (lk.loc[0],)) in ("inferred", "outside") else None
        title = backlink_label(other.kind, lk.field, getattr(other.record, "status", None))
        incoming[title].setdefault(lk.source, Item(lk.source, lk.source, field))
    return ([Group(t, list(items.values())) for t, items in out.items()]
            + [Group(t, list(incoming[t].values())) for t in sorted(incoming)])


def item_line(r: Renderer, here: str, i: Item) -> str:
    shown = r.ref(here, i.rid)
    if i.field is not None:
        shown = r.marks.mark(i.owner, (i.field,), shown)
    return f"- {shown}{r.detail(i.rid)}"


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "relations"


def list_paths(e: Entry, gs: Sequence[Group]) -> dict[str, str]:
    """Path of the first page of the complete list of each capped heading, by heading."""
    out: dict[str, str] = {}
    for g in gs:
        if len(g.items) > CAP:
            base, n = f"{KINDS[e.kind].FOLDER}/{e.id}_{slug(g.title)}", 1
            while f"{base}.md" in out.values():  # two headings of one slug (none today): both kept
                n += 1
                base = f"{KINDS[e.kind].FOLDER}/{e.id}_{slug(g.title)}-{n}"
            out[g.title] = f"{base}.md"
    return out


def section(r: Renderer, e: Entry) -> tuple[Md, dict[str, Page]]:
    """The Relations section of the record's page, and the pages of its complete lists."""
    here = page_of(e.kind, e.id)
    gs = groups(r, e)
    paths = list_paths(e, gs)
    out: list[str] = []
    pages: dict[str, Page] = {}
    for g in gs:
        items = g.items
        tail = ""
        if g.title in paths:
            items = ranked(r.kb, g.items)
            made = list_pages(r, e, g.title, items, paths[g.title])
            pages.update(made)
            more = len(items) - CAP
            on = f", on {len(made)} pages" if len(made) > 1 else ""
            tail = (f"\n\n{CAP} of {len(items):,} listed here ({order_words(r.kb, items)}); {more:,} more: "
                    f"{link(f'all {len(items):,} under “{g.title}”', here, paths[g.title])}{text(on)}.")
            items = items[:CAP]
        out.append(f"### {text(g.title)}\n\n" + "\n".join(item_line(r, here, i) for i in items) + tail)
    return (Md("## Relations\n\n" + "\n\n".join(out)) if out else Md("")), pages


def lists(r: Renderer, e: Entry) -> dict[str, Page]:
    """The pages of the complete lists of the record's relations, as `section` makes them, alone."""
    if len(r.kb.outgoing(e.id)) + len(r.kb.incoming(e.id)) <= CAP:
        return {}  # each item of a heading is a reference one way or the other: no heading is capped
    gs = groups(r, e)
    paths = list_paths(e, gs)
    pages: dict[str, Page] = {}
    for g in gs:
        if g.title in paths:
            pages.update(list_pages(r, e, g.title, ranked(r.kb, g.items), paths[g.title]))
    return pages


def owner(path: str) -> str:
    """The page a page is made with: a record's complete lists (``people/x_took-part-in_2.md``) with
    the record's page, a kind's numbered overview pages with its index; any other page alone."""
    folder, _, name = path.rpartition("/")
    if folder in _FOLDERS and "_" in name:
        return f"{folder}/{name.split('_', 1)[0]}.md"
    return path


def numbered(first: str, n: int) -> str:
    return first if n == 1 else first.removesuffix(".md") + f"_{n}.md"


def list_pages(r: Renderer, e: Entry, title: str, items: list[Item], first: str) -> dict[str, Page]:
    """Every item of one heading, in order, on pages of at most BUDGET bytes of Markdown each."""
    record = page_of(e.kind, e.id)
    lines = {i.rid: item_line(r, first, i) for i in items}  # pages of one list share their folder
    chunks = chunk_by_size(items, lambda i: len(lines[i.rid]) + 1, BUDGET)
    pages: dict[str, Page] = {}
    for n, chunk in enumerate(chunks, 1):
        path = numbered(first, n)
        heading = f"{e.record.name}: {title}" + (f", page {n} of {len(chunks)}" if len(chunks) > 1 else "")
        about = (f"All {len(items):,} records under “{text(title)}” on the page of {link(e.record.name, path, record)}, "
                 f"{order_words(r.kb, items)}.")
        body = [f"# {text(heading)}", Md(about)]
        if len(chunks) > 1:
            start = sum(len(c) for c in chunks[: n - 1])
            nav = " · ".join(text(str(k)) if k == n else link(str(k), path, numbered(first, k)) for k in range(1, len(chunks) + 1))
            body.append(Md(f"Records {start + 1:,} to {start + len(chunk):,}. Pages: {nav}"))
        body.append(Md("\n".join(lines[i.rid] for i in chunk)))
        pages[path] = Page(front_matter(heading) + "\n\n".join(body) + "\n")
    return pages
