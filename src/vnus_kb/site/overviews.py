"""Overview pages: home, timeline, and the index page of each kind of record."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..knowledge.kb import Entry
from ..knowledge.models import KINDS
from . import formatting as fmt
from .labels import KIND_LABELS
from .markdown import Footnotes, Md, link, paragraphs, table, text
from .page import Page, front_matter
from .pictures import bar_chart
from .records import Renderer


def kind_index(r: Renderer, kind: str) -> Page:
    folder = KINDS[kind].FOLDER
    here = f"{folder}/index.md"
    entries = sorted(r.kb.of_kind(kind), key=lambda e: e.record.name.casefold())
    typed = any(getattr(e.record, "type", None) for e in entries)
    rows = []
    for e in entries:
        row = [r.ref(here, e.id)]
        if typed:
            row.append(text(fmt.label(getattr(e.record, "type", "") or "")))
        row.append(Md(r.detail(e.id).removeprefix(" — ")))
        rows.append(row)
    header = ["Name", *(["Type"] if typed else []), "Key fact"]
    title = KIND_LABELS[kind][1]
    count = f"{len(entries)} record{'s' if len(entries) != 1 else ''}."
    body = f"# {text(title)}\n\n{count}\n\n" + table(header, rows)
    return Page(front_matter(title) + body + "\n")

# Investments by what their status says; headings never say more than it (a plan is not money spent).
STATUS_SECTIONS = (
    ("Investments made", ("under-construction", "operating", "completed"),
     "Under construction, operating or completed."),
    ("Commitments", ("committed",), "Committed or pledged, not yet under way."),
    ("Plans and announcements", ("planned", "announced"), "Announced or planned; nothing built or spent yet."),
    ("Proposals", ("proposed",), "Proposed only."),
)


def investments(r: Renderer) -> Page:
    here = "investments/index.md"
    notes = Footnotes()
    bars = []
    entries = sorted(r.kb.of_kind("investment"), key=lambda e: -(e.record.amount.value if e.record.amount else 0))  # type: ignore[attr-defined]
    body = ["# Investments", text("Grouped by status, so that a plan or a proposal is never counted as money spent. "
                                  "Click a column heading to sort.")]
    for title, statuses, what in STATUS_SECTIONS:
        group = [e for e in entries if e.record.status in statuses]  # type: ignore[attr-defined]
        if not group:
            continue
        rows = []
        for e in group:
            rec: Any = e.record
            shown = r.marks.mark(e.id, ("amount",), text(fmt.money(rec.amount))) if rec.amount else "—"
            amt = Md(f'<span data-sort="{rec.amount.value if rec.amount else 0:.0f}">{shown}</span>'
                     f"{r.cite_refs(here, notes, r.claim_cites(e, 'amount')) if rec.amount else ''}")
            field = "started" if rec.started else "announced"
            when = rec.started or rec.announced
            date = r.marks.mark(e.id, (field,), text(fmt.date(when))) if when else "—"
            rows.append([r.ref(here, e.id), Md(", ".join(r.ref(here, i) for i in rec.investors)), amt,
                         r.ref(here, rec.place) if rec.place else Md("—"),
                         r.marks.mark(e.id, ("status",), text(fmt.label(rec.status))),
                         Md(f'<span data-sort="{when or ""}">{date}</span>')])
            if rec.amount and rec.amount.currency == "USD":
                bars.append((f"{rec.name} ({fmt.label(rec.status).lower()})", rec.amount.value, fmt.money(rec.amount)))
        usd = [e.record.amount for e in group if e.record.amount and e.record.amount.currency == "USD"]  # type: ignore[attr-defined]
        # A total only of money actually going in, and only of stated (not vague) amounts.
        total = (f" Amounts stated: {fmt.money(type(usd[0])(value=sum(m.value for m in usd), currency='USD'))} in all."
                 if title == "Investments made" and len(usd) > 1 and not any(m.words for m in usd) else "")
        body += [f"## {text(title)}", text(what + total), table(["Project", "Investors", "Amount", "Place", "Status", "Date"], rows)]
    body += ["## Amounts in US dollars",
             text("Each bar is one investment, labelled with its status; the bars are not a total."),
             Md(bar_chart("Investments by amount (USD)", bars)), notes.render()]
    return Page(front_matter("Investments") + "\n\n".join(b for b in body if b) + "\n")


def targets(r: Renderer) -> Page:
    here = "targets/index.md"
    notes = Footnotes()
    children: dict[str | None, list[Entry]] = defaultdict(list)
    for e in sorted(r.kb.of_kind("target"), key=lambda e: e.id):
        children[e.record.contributes_to].append(e)  # type: ignore[attr-defined]

    def block(e: Entry, depth: int) -> list[str]:
        rec: Any = e.record
        pad = "    " * depth
        line = (f"{pad}- **{r.ref(here, e.id)}**: {r.marks.mark(e.id, ('value',), text(fmt.quantity(rec.value, rec.unit, rec.qualifier, rec.words)))}"
                f" ({text(rec.metric)}) by {r.marks.mark(e.id, ('deadline',), text(fmt.date(rec.deadline)))}, set by {r.ref(here, rec.owner)}"
                f"{r.cite_refs(here, notes, r.claim_cites(e, 'value'))}")
        lines = [line]
        for i, p in enumerate(rec.progress):
            value = r.marks.mark(e.id, ("progress", i, "value"), text(fmt.quantity(p.value, p.unit, p.qualifier, p.words)))
            as_of = r.marks.mark(e.id, ("progress", i, "as_of"), text(fmt.date(p.as_of))) if p.as_of else ""
            lines.append(f"{pad}    - progress: {value}"
                         f"{' by ' + r.ref(here, p.by) if p.by else ''}{' as of ' + as_of if as_of else ''}"
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

def agreements(r: Renderer) -> Page:
    here = "agreements/index.md"

    def when(e: Entry) -> Md:
        """Signed, or only announced: the table says which."""
        rec: Any = e.record
        if rec.signed:
            return Md("signed " + r.marks.mark(e.id, ("signed",), text(fmt.date(rec.signed))))
        if rec.announced:
            return Md("announced " + r.marks.mark(e.id, ("announced",), text(fmt.date(rec.announced))))
        return Md("—")

    rows = [[r.ref(here, e.id), text(fmt.label(e.record.type)), Md(", ".join(r.ref(here, p) for p in e.record.parties)),  # type: ignore[attr-defined]
             when(e)] for e in sorted(r.kb.of_kind("agreement"), key=lambda e: e.record.name)]
    body = ["# Agreements", text("Agreements and memoranda between governments and companies."),
            table(["Agreement", "Type", "Parties", "Signed or announced"], rows),
            Md(f"See also {link('National strategies and programmes', here, 'programmes/index.md')}.")]
    return Page(front_matter("Agreements") + "\n\n".join(b for b in body if b) + "\n")


def programmes(r: Renderer) -> Page:
    here = "programmes/index.md"
    rows = [[r.ref(here, e.id), text(fmt.label(e.record.type)), r.ref(here, e.record.owner) if e.record.owner else Md("—"),  # type: ignore[attr-defined]
             r.marks.mark(e.id, ("adopted",), text(fmt.date(e.record.adopted))) if e.record.adopted else Md("—"),  # type: ignore[attr-defined]
             Md(" / ".join(r.marks.mark(e.id, (f,), text(fmt.date(x)))
                           for f, x in (("horizon", e.record.horizon), ("vision", e.record.vision)) if x)) or Md("—")]  # type: ignore[attr-defined]
            for e in sorted(r.kb.of_kind("programme"), key=lambda e: e.record.name)]
    body = ["# National strategies and programmes", table(["Programme", "Type", "Owner", "Adopted", "Horizon / vision"], rows),
            Md(f"See also {link('Agreements', here, 'agreements/index.md')}.")]
    return Page(front_matter("National strategies and programmes") + "\n\n".join(b for b in body if b) + "\n")

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
