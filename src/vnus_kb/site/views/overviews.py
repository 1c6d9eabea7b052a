"""Overview pages: home, timeline, and the index page of each kind of record."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ...knowledge.kb import Entry
from ...knowledge.read.models import KINDS
from ..markup import formatting as fmt
from ..markup.labels import KIND_LABELS
from ..markup.markdown import Footnotes, Md, link, paragraphs, table, text
from ..markup.page import Page, front_matter
from ..markup.paging import PER_PAGE, Row, numbered, table_pages
from ..markup.pictures import bar_chart
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

TOP = 50  # records a large investments overview shows before its pages per year
# Investments by what their status says; headings never say more than it (a plan is not money spent).
STATUS_SECTIONS = (
    ("Investments made", ("under-construction", "operating", "completed"), "Under construction, operating or completed."),
    ("Commitments", ("committed",), "Committed or pledged, not yet under way."),
    ("Plans and announcements", ("planned", "announced"), "Announced or planned; nothing built or spent yet."),
    ("Proposals", ("proposed",), "Proposed only."),
)


def investments(r: Renderer) -> dict[str, Page]:
    here = "investments/index.md"
    entries = sorted(r.kb.of_kind("investment"), key=lambda e: -(e.record.amount.value if e.record.amount else 0))  # type: ignore[attr-defined]

    def row(e: Entry) -> Row:
        def cells(page: str, notes: Footnotes) -> list[str]:
            rec: Any = e.record
            shown = r.marks.mark(e.id, ("amount",), text(fmt.money(rec.amount))) if rec.amount else "—"
            amt = Md(f'<span data-sort="{rec.amount.value if rec.amount else 0:.0f}">{shown}</span>'
                     f"{r.cite_refs(page, notes, r.claim_cites(e, 'amount')) if rec.amount else ''}")
            field = "started" if rec.started else "announced"
            when = rec.started or rec.announced
            date = r.marks.mark(e.id, (field,), text(fmt.date(when))) if when else "—"
            return [r.ref(page, e.id), Md(", ".join(r.ref(page, i) for i in rec.investors)), amt,
                    r.ref(page, rec.place) if rec.place else Md("—"), r.marks.mark(e.id, ("status",), text(fmt.label(rec.status))),
                    Md(f'<span data-sort="{when or ""}">{date}</span>')]
        return cells

    header = ["Project", "Investors", "Amount", "Place", "Status", "Date"]
    shown = entries if len(entries) <= PER_PAGE else entries[:TOP]
    bars = [(f"{e.record.name} ({fmt.label(e.record.status).lower()})", e.record.amount.value, fmt.money(e.record.amount))  # type: ignore[attr-defined]
            for e in shown
            if e.record.amount and e.record.amount.currency == "USD"]  # type: ignore[attr-defined]
    notes = Footnotes()
    if len(entries) <= PER_PAGE:  # grouped by what the status says: a plan or a proposal is never money spent
        parts = []
        for title, statuses, what in STATUS_SECTIONS:
            group = [e for e in shown if e.record.status in statuses]  # type: ignore[attr-defined]
            usd = [e.record.amount for e in group if e.record.amount and e.record.amount.currency == "USD"]  # type: ignore[attr-defined]
            total = (f" Amounts stated: {fmt.money(type(usd[0])(value=sum(m.value for m in usd), currency='USD'))} in all."
                     if title == "Investments made" and len(usd) > 1 and not any(m.words for m in usd) else "")
            if group:
                parts += [f"## {text(title)}", text(what + total), table(header, [row(e)(here, notes) for e in group])]
        table_md = Md("\n\n".join(parts))
    else:
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
    body = ["# Investments", text("Grouped by status, so that a plan or a proposal is never counted as money spent. "
                                  "Click a column heading to sort."),
            *([text(f"The {TOP} largest of {len(entries):,} investments; every one of them is on its year's page.")] if years else []),
            table_md, *(["## By year", "\n".join(years)] if years else []),
            "## Amounts in US dollars", text("Each bar is one investment, labelled with its status; the bars are not a total."),
            Md(bar_chart("Investments by amount (USD)", bars)), notes.render()]
    pages[here] = Page(front_matter("Investments") + "\n\n".join(b for b in body if b) + "\n")
    return pages

def targets(r: Renderer) -> dict[str, Page]:
    here = "targets/index.md"
    children: dict[str | None, list[Entry]] = defaultdict(list)
    for e in sorted(r.kb.of_kind("target"), key=lambda e: e.id):
        children[e.record.contributes_to].append(e)  # type: ignore[attr-defined]

    def block(e: Entry, depth: int, page: str, notes: Footnotes) -> list[str]:
        rec: Any = e.record
        pad = "    " * depth
        line = (f"{pad}- **{r.ref(page, e.id)}**: {r.marks.mark(e.id, ('value',), text(fmt.quantity(rec.value, rec.unit, rec.qualifier, rec.words)))}"
                f" ({text(rec.metric)}) by {r.marks.mark(e.id, ('deadline',), text(fmt.date(rec.deadline)))}, set by {r.ref(page, rec.owner)}"
                f"{r.cite_refs(page, notes, r.claim_cites(e, 'value'))}")
        lines = [line]
        for i, p in enumerate(rec.progress):
            value = r.marks.mark(e.id, ("progress", i, "value"), text(fmt.quantity(p.value, p.unit, p.qualifier, p.words)))
            as_of = r.marks.mark(e.id, ("progress", i, "as_of"), text(fmt.date(p.as_of))) if p.as_of else ""
            lines.append(f"{pad}    - progress: {value}"
                         f"{' by ' + r.ref(page, p.by) if p.by else ''}{' as of ' + as_of if as_of else ''}"
                         f"{r.cite_refs(page, notes, r.nested_cites(e, ('progress', i)))}")
        for child in children.get(e.id, []):
            lines.extend(block(child, depth + 1, page, notes))
        return lines

    def size(e: Entry) -> int:
        return 1 + sum(size(c) for c in children.get(e.id, []))

    roots = [e for e in sorted(r.kb.of_kind("target"), key=lambda e: e.id)
             if not e.record.contributes_to or e.record.contributes_to not in r.kb.entries]  # type: ignore[attr-defined]
    title, intro = "Workforce targets", text("Each target with its deadline and progress; a target indented under another feeds it.")
    # A large knowledge base: the trees of targets on numbered pages of about PER_PAGE / 2 targets each.
    groups: list[list[Entry]] = [[]]
    count = 0
    for e in roots:
        if count and count + size(e) > PER_PAGE // 2:
            groups.append([])
            count = 0
        groups[-1].append(e)
        count += size(e)
    if len(groups) == 1:
        notes = Footnotes()
        lines = [ln for e in roots for ln in block(e, 0, here, notes)]
        body = [f"# {title}", intro, "\n".join(lines), notes.render()]
        return {here: Page(front_matter(title) + "\n\n".join(b for b in body if b) + "\n")}
    pages: dict[str, Page] = {}
    items = []
    for n, group in enumerate(groups, 1):
        page, notes = numbered(here, n), Footnotes()
        sub = f"{title}, page {n} of {len(groups)}"
        lines = [ln for e in group for ln in block(e, 0, page, notes)]
        body = [f"# {text(sub)}", Md(link("All pages", page, here)), "\n".join(lines), notes.render()]
        pages[page] = Page(front_matter(sub) + "\n\n".join(b for b in body if b) + "\n")
        items.append(f"- {link(f'Page {n}', here, page)}: {text(group[0].record.name)} – {text(group[-1].record.name)}")
    body = [f"# {title}", intro, Md(f"{len(r.kb.of_kind('target')):,} targets on {len(groups)} pages."), "\n".join(items)]
    pages[here] = Page(front_matter(title) + "\n\n".join(body) + "\n")
    return pages

def agreements(r: Renderer) -> dict[str, Page]:
    here = "agreements/index.md"

    def when(e: Entry) -> Md:
        """Signed, or only announced: the table says which."""
        rec: Any = e.record
        if rec.signed:
            return Md("signed " + r.marks.mark(e.id, ("signed",), text(fmt.date(rec.signed))))
        if rec.announced:
            return Md("announced " + r.marks.mark(e.id, ("announced",), text(fmt.date(rec.announced))))
        return Md("—")

    def row(e: Any) -> Row:
        return lambda page, notes: [r.ref(page, e.id), text(fmt.label(e.record.type)), Md(", ".join(r.ref(page, p) for p in e.record.parties)),
                                    when(e)]

    rows = [(e.record.name, row(e)) for e in sorted(r.kb.of_kind("agreement"), key=lambda e: e.record.name)]
    return table_pages(here, "Agreements", text("Agreements and memoranda between governments and companies."),
                       ["Agreement", "Type", "Parties", "Signed or announced"], rows, counted=False,
                       after=lambda page: [Md(f"See also {link('National strategies and programmes', page, 'programmes/index.md')}.")])

def programmes(r: Renderer) -> dict[str, Page]:
    here = "programmes/index.md"

    def row(e: Any) -> Row:
        return lambda page, notes: [r.ref(page, e.id), text(fmt.label(e.record.type)), r.ref(page, e.record.owner) if e.record.owner else Md("—"),
                                    r.marks.mark(e.id, ("adopted",), text(fmt.date(e.record.adopted))) if e.record.adopted else Md("—"),
                                    Md(" / ".join(r.marks.mark(e.id, (f,), text(fmt.date(x)))
                                                  for f, x in (("horizon", e.record.horizon), ("vision", e.record.vision)) if x)) or Md("—")]

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
        pref = f"**Better supported:** {r.marks.mark(e.id, ('preferred',), Md(f'“{text(rec.preferred)}”'))}. " if rec.preferred else ""
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
