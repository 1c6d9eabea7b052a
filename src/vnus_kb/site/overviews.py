"""Overview pages: home, timeline, and the index page of each kind of record."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..knowledge.kb import Entry
from ..knowledge.models import KINDS
from . import formatting as fmt
from .labels import KIND_LABELS
from .markdown import Footnotes, Md, join, link, paragraphs, table, text
from .page import Page, front_matter
from .paging import PER_PAGE, Row, table_pages
from .pictures import bar_chart
from .records import Renderer


def kind_index(r: Renderer, kind: str) -> dict[str, Page]:
    folder = KINDS[kind].FOLDER
    entries = sorted(r.kb.of_kind(kind), key=lambda e: e.record.name.casefold())
    typed = any(getattr(e.record, "type", None) for e in entries)

    def row(e: Entry) -> Row:
        def cells(here: str, notes: Footnotes) -> list[str]:
            out: list[str] = [r.ref(here, e.id)]
            if typed:
                out.append(text(fmt.label(getattr(e.record, "type", "") or "")))
            out.append(Md(r.detail(e.id).removeprefix(" — ")))
            return out
        return cells

    header = ["Name", *(["Type"] if typed else []), "Key fact"]
    return table_pages(f"{folder}/index.md", KIND_LABELS[kind][1], Md(""), header,
                       [(e.record.name, row(e)) for e in entries])

KEY_FIGURES = 25  # indicators, and top-level targets, the home page lists


def home(r: Renderer) -> Page:
    here = "index.md"
    kb = r.kb
    notes = Footnotes()
    counts = [[link(KIND_LABELS[k][1], here, f"{KINDS[k].FOLDER}/index.md"), text(str(len(kb.of_kind(k))))]
              for k in KIND_LABELS if kb.of_kind(k)]
    figures = []
    for e in sorted(kb.of_kind("indicator"), key=lambda e: e.id)[:KEY_FIGURES]:
        rec: Any = e.record
        figures.append(f"- {r.ref(here, e.id)}: {text(fmt.quantity(rec.value, rec.unit, rec.qualifier))}"
                       f"{r.cite_refs(here, notes, r.claim_cites(e, 'value'))}")
    for e in [t for t in sorted(kb.of_kind("target"), key=lambda e: e.id) if not t.record.contributes_to][:KEY_FIGURES]:  # type: ignore[attr-defined]
        rec = e.record
        figures.append(f"- {r.ref(here, e.id)}: {text(fmt.quantity(rec.value, rec.unit))} by {text(fmt.date(rec.deadline))}"
                       f"{r.cite_refs(here, notes, r.claim_cites(e, 'value'))}")
    events = sorted(kb.of_kind("event"), key=lambda e: fmt.date_key(e.record.date or e.record.start), reverse=True)[:6]  # type: ignore[attr-defined]
    latest = [f"- {text(fmt.date(e.record.date or e.record.start))}: {r.ref(here, e.id)}" for e in events]  # type: ignore[attr-defined]
    body = [
        "# US–Vietnam technology cooperation",
        text("Companies, officials, agreements, investments, chip-design centres and workforce targets "
             "of the US–Vietnam Comprehensive Strategic Partnership, each fact cited from its source article."),
        Md(f"{link('Timeline', here, 'timeline.md')} · {link('Investments', here, 'investments/index.md')} · "
           f"{link('Workforce targets', here, 'targets/index.md')} · {link('Sources', here, 'sources/index.md')} · "
           f"{link('Data downloads', here, 'data.md')}"),
        "## Key figures", "\n".join(figures),
        *([Md(f"The first {KEY_FIGURES} of each; all are under {link('Figures', here, 'indicators/index.md')} and "
              f"{link('Workforce targets', here, 'targets/index.md')}.")]
          if len(kb.of_kind("indicator")) > KEY_FIGURES or len(kb.of_kind("target")) > KEY_FIGURES else []),
        "## Latest events", "\n".join(latest),
        "## What is here", table(["Kind", "Records"], counts),
        Md(f"Built from {len(kb.sources)} source articles. Every figure links to the words it rests on."),
        notes.render(),
    ]
    return Page(front_matter("Home") + "\n\n".join(b for b in body if b) + "\n")

def timeline(r: Renderer) -> dict[str, Page]:
    here = "timeline.md"
    items: list[tuple[str, str, str, list[str]]] = []  # (date, record id, what, sectors)
    for e in r.kb.entries.values():
        rec: Any = e.record
        for field, what in (("date", ""), ("start", ""), ("signed", "signed"), ("adopted", "adopted"),
                            ("started", "work started"), ("deadline", "deadline")):
            v = getattr(rec, field, None)
            if v and not (field == "start" and getattr(rec, "date", None)):
                items.append((v, e.id, what, [fmt.label(s) for s in rec.sectors]))
    by_year: dict[str, list[tuple[str, str, str, list[str]]]] = defaultdict(list)
    for it in items:
        by_year[it[0][:4]].append(it)

    def rows(page: str, year: str) -> list[list[str]]:
        labelled = [(d, Md(f"{r.ref(page, rid)}" + (f" — {text(what)}" if what else "")), sectors)
                    for d, rid, what, sectors in by_year[year]]
        return [[text(fmt.date(d)), lab, join(sectors)] for d, lab, sectors in sorted(labelled, key=lambda t: (t[0], t[1]))]

    intro = text("Every dated event and milestone, by year.")
    if len(items) <= PER_PAGE:
        out = ["# Timeline", intro]
        for year in sorted(by_year):
            out.append(f"## {year}\n\n" + table(["Date", "What", "Sectors"], rows(here, year)))
        return {here: Page(front_matter("Timeline") + "\n\n".join(out) + "\n")}
    # Large: a page per year (paginated in turn), and a summary linking to them.
    pages: dict[str, Page] = {}
    links = []
    for year in sorted(by_year):
        page = f"timeline_{year}.md"
        title = f"Timeline: {year}"
        dated = sorted(by_year[year], key=lambda t: (t[0], t[1]))
        built = [(fmt.date(d), _timeline_row(r, d, rid, what, sectors)) for d, rid, what, sectors in dated]
        pages.update(table_pages(page, title, Md(link("Timeline", page, here)), ["Date", "What", "Sectors"], built, counted=False))
        links.append(f"- {link(year, here, page)}: {len(dated):,} dates")
    pages[here] = Page(front_matter("Timeline") + "\n\n".join(["# Timeline", intro, "\n".join(links)]) + "\n")
    return pages


def _timeline_row(r: Renderer, d: str, rid: str, what: str, sectors: list[str]) -> Row:
    return lambda page, notes: [text(fmt.date(d)), Md(f"{r.ref(page, rid)}" + (f" — {text(what)}" if what else "")),
                                join(sectors)]


TOP = 50  # records a large investments overview shows before its pages per year


def investments(r: Renderer) -> dict[str, Page]:
    here = "investments/index.md"
    entries = sorted(r.kb.of_kind("investment"), key=lambda e: -(e.record.amount.value if e.record.amount else 0))  # type: ignore[attr-defined]

    def row(e: Entry) -> Row:
        def cells(page: str, notes: Footnotes) -> list[str]:
            rec: Any = e.record
            amt = Md(f'<span data-sort="{rec.amount.value if rec.amount else 0:.0f}">{text(fmt.money(rec.amount)) if rec.amount else "—"}</span>'
                     f"{r.cite_refs(page, notes, r.claim_cites(e, 'amount')) if rec.amount else ''}")
            when = rec.started or rec.announced
            return [r.ref(page, e.id), Md(", ".join(r.ref(page, i) for i in rec.investors)), amt,
                    r.ref(page, rec.place) if rec.place else Md("—"), text(fmt.label(rec.status)),
                    Md(f'<span data-sort="{when or ""}">{text(fmt.date(when)) if when else "—"}</span>')]
        return cells

    header = ["Project", "Investors", "Amount", "Place", "Status", "Date"]
    shown = entries if len(entries) <= PER_PAGE else entries[:TOP]
    bars = [(e.record.name, e.record.amount.value, fmt.money(e.record.amount)) for e in shown  # type: ignore[attr-defined]
            if e.record.amount and e.record.amount.currency == "USD"]  # type: ignore[attr-defined]
    notes = Footnotes()
    table_md = table(header, [row(e)(here, notes) for e in shown])
    pages: dict[str, Page] = {}
    years: list[str] = []
    if len(entries) > PER_PAGE:
        by_year: dict[str, list[Entry]] = defaultdict(list)
        for e in entries:
            when = e.record.started or e.record.announced  # type: ignore[attr-defined]
            by_year[when[:4] if when else "undated"].append(e)
        for year in sorted(by_year):
            page = f"investments/index_{year}.md"
            pages.update(table_pages(page, f"Investments: {year}", Md(link("All investments", page, here)), header,
                                     [(e.record.name, row(e)) for e in by_year[year]]))
            years.append(f"- {link(year, here, page)}: {len(by_year[year]):,} investments")
    body = ["# Investments", text("Click a column heading to sort."),
            *([text(f"The {TOP} largest of {len(entries):,} investments; every one of them is on its year's page.")] if years else []),
            table_md, *(["## By year", "\n".join(years)] if years else []),
            "## Amounts in US dollars", Md(bar_chart("Investments by amount (USD)", bars)), notes.render()]
    pages[here] = Page(front_matter("Investments") + "\n\n".join(b for b in body if b) + "\n")
    return pages

def targets(r: Renderer) -> Page:
    here = "targets/index.md"
    notes = Footnotes()
    children: dict[str | None, list[Entry]] = defaultdict(list)
    for e in sorted(r.kb.of_kind("target"), key=lambda e: e.id):
        children[e.record.contributes_to].append(e)  # type: ignore[attr-defined]

    def block(e: Entry, depth: int) -> list[str]:
        rec: Any = e.record
        pad = "    " * depth
        line = (f"{pad}- **{r.ref(here, e.id)}**: {text(fmt.quantity(rec.value, rec.unit))} ({text(rec.metric)}) "
                f"by {text(fmt.date(rec.deadline))}, set by {r.ref(here, rec.owner)}"
                f"{r.cite_refs(here, notes, r.claim_cites(e, 'value'))}")
        lines = [line]
        for i, p in enumerate(rec.progress):
            lines.append(f"{pad}    - progress: {text(fmt.quantity(p.value, p.unit, p.qualifier))}"
                         f"{' by ' + r.ref(here, p.by) if p.by else ''}{' as of ' + text(fmt.date(p.as_of)) if p.as_of else ''}"
                         f"{r.cite_refs(here, notes, r.nested_cites(e, ('progress', i)))}")
        for child in children.get(e.id, []):
            lines.extend(block(child, depth + 1))
        return lines

    roots = [e for e in sorted(r.kb.of_kind("target"), key=lambda e: e.id)
             if not e.record.contributes_to or e.record.contributes_to not in r.kb.entries]  # type: ignore[attr-defined]
    lines = [ln for e in roots for ln in block(e, 0)]
    body = ["# Workforce targets", text("Each target with its deadline and progress; a target indented under another feeds it."),
            "\n".join(lines), notes.render()]
    return Page(front_matter("Workforce targets") + "\n\n".join(b for b in body if b) + "\n")

def agreements(r: Renderer) -> dict[str, Page]:
    here = "agreements/index.md"

    def row(e: Any) -> Row:
        return lambda page, notes: [r.ref(page, e.id), text(fmt.label(e.record.type)), Md(", ".join(r.ref(page, p) for p in e.record.parties)),
                                    text(fmt.date(e.record.signed)) if e.record.signed else Md("—")]

    rows = [(e.record.name, row(e)) for e in sorted(r.kb.of_kind("agreement"), key=lambda e: e.record.name)]
    return table_pages(here, "Agreements", text("Agreements and memoranda between governments and companies."),
                       ["Agreement", "Type", "Parties", "Signed"], rows, counted=False,
                       after=lambda page: [Md(f"See also {link('National strategies and programmes', page, 'programmes/index.md')}.")])

def programmes(r: Renderer) -> dict[str, Page]:
    here = "programmes/index.md"

    def row(e: Any) -> Row:
        return lambda page, notes: [r.ref(page, e.id), text(fmt.label(e.record.type)), r.ref(page, e.record.owner) if e.record.owner else Md("—"),
                                    text(fmt.date(e.record.adopted)) if e.record.adopted else Md("—"),
                                    text(" / ".join(fmt.date(x) for x in (e.record.horizon, e.record.vision) if x)) or Md("—")]

    rows = [(e.record.name, row(e)) for e in sorted(r.kb.of_kind("programme"), key=lambda e: e.record.name)]
    return table_pages(here, "National strategies and programmes", Md(""), ["Programme", "Type", "Owner", "Adopted", "Horizon / vision"],
                       rows, counted=False, after=lambda page: [Md(f"See also {link('Agreements', page, 'agreements/index.md')}.")])

def discrepancies(r: Renderer) -> Page:
    here = "discrepancies/index.md"
    notes = Footnotes()
    out = ["# Discrepancies", text("Where the sources disagree, or one of them garbles a name.")]
    for e in sorted(r.kb.of_kind("discrepancy"), key=lambda e: e.record.name):
        rec: Any = e.record
        items = [f"- “{text(v.value)}”{r.cite_refs(here, notes, r.nested_cites(e, ('variants', i)))}"
                 for i, v in enumerate(rec.variants)]
        about = ", ".join(r.ref(here, a) for a in rec.about)
        pref = f"**Better supported:** “{text(rec.preferred)}”. " if rec.preferred else ""
        out.append(f"## {r.ref(here, e.id)}\n\nAbout {about}.\n\n" + "\n".join(items) + f"\n\n{pref}{paragraphs(rec.note)}")
    out.append(notes.render())
    return Page(front_matter("Discrepancies") + "\n\n".join(b for b in out if b) + "\n")


TAGS_LISTING = 2000  # sector tags the theme's one-page listing may show (about 150 bytes of HTML each)


def sectors(r: Renderer) -> dict[str, Page]:
    """For a large knowledge base only: a page per sector (paginated), listed on tags.md. A small one
    keeps the theme's tags listing, which shows every record of every sector on one page."""
    tagged: dict[str, list[Entry]] = defaultdict(list)
    for e in r.kb.entries.values():
        for tag in e.record.sectors:
            tagged[tag].append(e)
    if sum(len(v) for v in tagged.values()) <= TAGS_LISTING:
        return {}
    here = "tags.md"
    pages: dict[str, Page] = {}
    links = []

    def row(e: Entry) -> Row:
        return lambda page, notes: [r.ref(page, e.id), text(KIND_LABELS[e.kind][0]), Md(r.detail(e.id).removeprefix(" — "))]

    for sector in sorted(tagged, key=fmt.label):
        page = f"tags_{sector}.md"
        entries = sorted(tagged[sector], key=lambda e: e.record.name.casefold())
        pages.update(table_pages(page, f"Sector: {fmt.label(sector)}", Md(link("All sectors", page, here)), ["Name", "Kind", "Key fact"],
                                 [(e.record.name, row(e)) for e in entries]))
        links.append(f"- {link(fmt.label(sector), here, page)}: {len(entries):,} records")
    pages[here] = Page(front_matter("Sectors") + "# Sectors\n\nRecords by sector.\n\n" + "\n".join(links) + "\n")
    return pages
