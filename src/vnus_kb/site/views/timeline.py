"""The timeline: every dated fact of every record, with what it is, by year, filterable by sector
and by kind of fact (a small script; without it every fact is shown).

Which fields are dates is read from the models (every field typed ``Date``, nested ones included),
so a date field added to a model reaches the timeline without a change here; it is then labelled
with its field's name until it is given words in ``_WORDS``.

Past BUDGET bytes of facts, timeline.md becomes an index of the years and each year gets a page
(timeline_2023.md; a busy year in parts, timeline_2023_2.md), with its own filters.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from typing import Any, get_args

from pydantic import BaseModel

from ...knowledge.kb import Entry, KnowledgeBase
from ...knowledge.read.fields import inner_model
from ...knowledge.read.models import Date, Loc
from ..markup import formatting as fmt
from ..markup.labels import KIND_LABELS, field_label
from ..markup.markdown import Md, link, rel, table, text
from ..markup.page import Page, front_matter, page_of
from ..markup.paging import chunk_by_size
from .explore import options
from .provenance import Marks

HERE = "timeline.md"
BUDGET = 200_000  # bytes of Markdown on one page (about 300 KB of HTML with the theme around it)
_DATE_CHECKS = tuple(get_args(Date)[1:])  # the validators that make a str a Date


def _metadata(annotation: Any) -> Iterator[Any]:
    yield from getattr(annotation, "__metadata__", ())
    for arg in get_args(annotation):
        yield from _metadata(arg)


def _is_date(annotation: Any, metadata: list[Any]) -> bool:
    return any(m in _DATE_CHECKS for m in [*metadata, *_metadata(annotation)])


@functools.cache
def _shape(model: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """Per model class (read from its annotations once): the fields typed Date (True) and the
    fields that hold nested models (False)."""
    return tuple((name, _is_date(info.annotation, info.metadata)) for name, info in model.model_fields.items()
                 if _is_date(info.annotation, info.metadata) or inner_model(info.annotation) is not None)


def dated_fields(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every (location, value) of a field typed Date in ``model``, nested models included."""
    for name, is_date in _shape(type(model)):
        value = getattr(model, name)
        if value is None:
            continue
        if is_date:
            if isinstance(value, str):
                yield (*loc, name), value
            else:
                yield from (((*loc, name, i), v) for i, v in enumerate(value) if isinstance(v, str))
        else:
            items = enumerate(value) if isinstance(value, list) else [(None, value)]
            for i, item in items:
                if isinstance(item, BaseModel):
                    yield from dated_fields(item, (*loc, name) if i is None else (*loc, name, i))


@dataclass(frozen=True)
class Fact:
    date: str
    rid: str
    locs: tuple[Loc, ...]  # the fields this line shows (an event's start and end share one)
    what: str  # "Agreement signed", ...
    detail: str  # plain text after the name, or ""


# (kind, last field of the location) -> what a dated value of it is
_WORDS = {
    ("agreement", "signed"): "Agreement signed", ("agreement", "announced"): "Agreement announced",
    ("partnership", "since"): "Partnership begun",
    ("programme", "adopted"): "{type} adopted", ("programme", "horizon"): "{type}: goals due (horizon)",
    ("programme", "vision"): "{type}: vision year",
    ("investment", "announced"): "Investment announced", ("investment", "started"): "Investment: work started",
    ("target", "deadline"): "Target due", ("target", "announced"): "Target announced",
    ("target", "as_of"): "Progress towards a target",
    ("person", "since"): "Took up a role", ("person", "until"): "Left a role", ("person", "as_of"): "Reported in a role",
}


def facts(kb: KnowledgeBase) -> list[Fact]:
    out = []
    for e in kb.entries.values():
        rec: Any = e.record
        found = dict(dated_fields(rec))
        if e.kind == "event":
            start = found.pop(("date",), None) or found.pop(("start",), None)
            locs: tuple[Loc, ...] = (("date",),) if getattr(rec, "date", None) else (("start",),)
            end = found.pop(("end",), None)
            if start:
                if end:
                    locs = (*locs, ("end",))
                if rec.date and rec.start:  # both given: the start is shown with the date
                    found.pop(("start",), None)
                    locs = (*locs, ("start",))
                out.append(Fact(start, e.id, locs, fmt.label(rec.type),
                                f"until {fmt.date(end)}" if end else ""))
        for loc, value in found.items():
            out.append(Fact(value, e.id, (loc,), _what(e, loc), _detail(kb, e, loc)))
    return sorted(out, key=lambda f: (f.date, f.rid, f.locs))


def _what(e: Entry, loc: Loc) -> str:
    words = _WORDS.get((e.kind, str(loc[-1])))
    if words is None:
        return f"{KIND_LABELS[e.kind][0]}: {field_label(str(loc[-1])).lower()}"
    return words.format(type=fmt.label(getattr(e.record, "type", "") or KIND_LABELS[e.kind][0]))


def _detail(kb: KnowledgeBase, e: Entry, loc: Loc) -> str:
    rec: Any = e.record
    if loc[0] == "roles":
        role = rec.roles[int(loc[1])]
        org = kb.entries.get(role.organization or "")
        return str(role.title) + (f", {org.record.name}" if org else "")
    if loc[0] == "progress":
        p = rec.progress[int(loc[1])]
        return fmt.quantity(p.value, p.unit, p.qualifier, p.words)
    if e.kind == "target":
        return f"{fmt.quantity(rec.value, rec.unit, rec.qualifier, rec.words)}"
    if e.kind == "investment" and rec.amount:
        return fmt.money(rec.amount)
    return ""


def _sectors(kb: KnowledgeBase, f: Fact) -> list[str]:
    rec: Any = kb.entries[f.rid].record
    sectors = list(rec.sectors)
    if f.locs[0][0] == "roles":
        org = kb.entries.get(rec.roles[int(f.locs[0][1])].organization or "")
        sectors += org.record.sectors if org else []
    return list(dict.fromkeys(sectors))


def _controls(kb: KnowledgeBase, items: list[Fact]) -> str:
    """The sector and kind filters of a list of facts, each choice with its count."""
    sectors: dict[str, int] = defaultdict(int)
    kinds: dict[str, int] = defaultdict(int)
    for f in items:
        kinds[kb.entries[f.rid].kind] += 1
        for s in _sectors(kb, f):
            sectors[s] += 1
    return ('<div class="vx-filters" data-target="timeline" hidden>'
            + options("sector", "Sector", [(s, f"{escape(fmt.label(s))} ({n})") for s, n in
                                           sorted(sectors.items(), key=lambda t: (-t[1], t[0]))], all_label="All sectors")
            + options("kind", "Kind of record", [(k, f"{escape(KIND_LABELS[k][1])} ({kinds[k]})")
                                                 for k in KIND_LABELS if kinds.get(k)], all_label="All kinds")
            + "</div>")


def _line(kb: KnowledgeBase, marks: Marks, f: Fact, here: str) -> str:
    e = kb.entries[f.rid]
    detail = f' <span class="vt-detail">— {text(f.detail)}</span>' if f.detail else ""
    return (f'<li data-kind="{e.kind}" data-sectors="{" ".join(_sectors(kb, f))}">'
            f'<span class="vt-date">{marks.mark(f.rid, f.locs[0], text(fmt.date(f.date)))}</span> '
            f'<span class="vt-what">{text(f.what)}</span> '
            f'<a href="{rel(here, page_of(e.kind, e.id))}">{text(e.record.name)}</a>{detail}</li>')


def _intro(n: int) -> Md:
    return text(f"Every dated fact in the knowledge base, {n} in all: events, partnerships begun, "
                "agreements signed, programmes adopted and their horizons, investments announced or started, "
                "targets' deadlines and progress, roles taken up. Dates ahead are deadlines and horizons.")


def timeline(kb: KnowledgeBase, budget: int = BUDGET, marks: Marks | None = None) -> dict[str, Page]:
    """The timeline: one page while its lines fit in ``budget`` bytes of Markdown; past that, an
    index of the years (with their counts) at timeline.md and a page per year (a large year in
    parts), each with its own filters. ``marks``: Marks(kb), if the caller has it."""
    items = facts(kb)
    marks = marks or Marks(kb)  # a date inferred or from outside the sources carries its badge
    lines = {f: _line(kb, marks, f, HERE) for f in items}  # every timeline page sits beside timeline.md
    by_year: dict[str, list[Fact]] = defaultdict(list)
    for f in items:
        by_year[f.date[:4]].append(f)
    if sum(len(v) for v in lines.values()) > budget:
        return _by_year(kb, items, by_year, lines, budget)
    years = " · ".join(f"[{y}](#{y})" for y in sorted(by_year))
    out = ["# Timeline", _intro(len(items)),
           Md(f"By year: {years}") if years else "",
           _controls(kb, items)]
    for year in sorted(by_year):
        out.append(f"## {year}\n\n" + f'<ul class="vt-list">{"".join(lines[f] for f in by_year[year])}</ul>')
    return {HERE: Page(front_matter("Timeline") + "\n\n".join(b for b in out if b) + "\n")}


def year_page(year: str, part: int) -> str:
    """Path of a year's page (its first part) or of a later part: 'timeline_2023.md', 'timeline_2023_2.md'.
    The underscore keeps it apart from any record's page (ids are slugs)."""
    return HERE.removesuffix(".md") + f"_{year}" + (f"_{part}" if part > 1 else "") + ".md"


def _by_year(kb: KnowledgeBase, items: list[Fact], by_year: dict[str, list[Fact]], lines: dict[Fact, str],
             budget: int) -> dict[str, Page]:
    parts = {y: chunk_by_size(by_year[y], lambda f: len(lines[f]), budget) for y in sorted(by_year)}
    order = [(y, i) for y in parts for i in range(1, len(parts[y]) + 1)]
    pages: dict[str, Page] = {}
    rows = []
    for n, (year, i) in enumerate(order):
        chunk = parts[year][i - 1]
        path = year_page(year, i)
        title = f"Timeline: {_label(parts, year, i)}"
        span = f"{fmt.date(chunk[0].date)} – {fmt.date(chunk[-1].date)}"
        nav = [link("All years", path, HERE)]
        if n:
            nav.append(Md("previous: " + link(_label(parts, *order[n - 1]), path, year_page(*order[n - 1]))))
        if n + 1 < len(order):
            nav.append(Md("next: " + link(_label(parts, *order[n + 1]), path, year_page(*order[n + 1]))))
        body = [f"# {text(title)}", Md(" · ".join(nav)),
                text(f"{len(chunk):,} dated fact{'s' if len(chunk) != 1 else ''}, {span}."),
                _controls(kb, chunk), f'<ul class="vt-list">{"".join(lines[f] for f in chunk)}</ul>']
        pages[path] = Page(front_matter(title) + "\n\n".join(body) + "\n")
        rows.append([link(_label(parts, year, i), HERE, path), text(span), text(f"{len(chunk):,}")])
    body = ["# Timeline", _intro(len(items)),
            text(f"By year: a page for each of the {len(parts)} years, with its own filters by sector and kind."),
            table(["Year", "From – to", "Dated facts"], rows)]
    pages[HERE] = Page(front_matter("Timeline") + "\n\n".join(body) + "\n")
    return pages


def _label(parts: dict[str, list[list[Fact]]], year: str, i: int) -> str:
    return year if len(parts[year]) == 1 else f"{year}, part {i} of {len(parts[year])}"
