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

def investments(r: Renderer) -> Page:
    here = "investments/index.md"
    notes = Footnotes()
    rows, bars = [], []
    entries = sorted(r.kb.of_kind("investment"), key=lambda e: -(e.record.amount.value if e.record.amount else 0))  # type: ignore[attr-defined]
    for e in entries:
        rec: Any = e.record
        amt = Md(f'<span data-sort="{rec.amount.value if rec.amount else 0:.0f}">{text(fmt.money(rec.amount)) if rec.amount else "—"}</span>'
                 f"{r.cite_refs(here, notes, r.claim_cites(e, 'amount')) if rec.amount else ''}")
        when = rec.started or rec.announced
        rows.append([r.ref(here, e.id), Md(", ".join(r.ref(here, i) for i in rec.investors)), amt,
                     r.ref(here, rec.place) if rec.place else Md("—"), text(fmt.label(rec.status)),
                     Md(f'<span data-sort="{when or ""}">{text(fmt.date(when)) if when else "—"}</span>')])
        if rec.amount and rec.amount.currency == "USD":
            bars.append((rec.name, rec.amount.value, fmt.money(rec.amount)))
    body = ["# Investments", text("Click a column heading to sort."),
            table(["Project", "Investors", "Amount", "Place", "Status", "Date"], rows),
            "## Amounts in US dollars", Md(bar_chart("Investments by amount (USD)", bars)), notes.render()]
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

def agreements(r: Renderer) -> Page:
    here = "agreements/index.md"
    rows = [[r.ref(here, e.id), text(fmt.label(e.record.type)), Md(", ".join(r.ref(here, p) for p in e.record.parties)),  # type: ignore[attr-defined]
             text(fmt.date(e.record.signed)) if e.record.signed else Md("—")]  # type: ignore[attr-defined]
            for e in sorted(r.kb.of_kind("agreement"), key=lambda e: e.record.name)]
    body = ["# Agreements", text("Agreements and memoranda between governments and companies."),
            table(["Agreement", "Type", "Parties", "Signed"], rows),
            Md(f"See also {link('National strategies and programmes', here, 'programmes/index.md')}.")]
    return Page(front_matter("Agreements") + "\n\n".join(b for b in body if b) + "\n")

def programmes(r: Renderer) -> Page:
    here = "programmes/index.md"
    rows = [[r.ref(here, e.id), text(fmt.label(e.record.type)), r.ref(here, e.record.owner) if e.record.owner else Md("—"),  # type: ignore[attr-defined]
             text(fmt.date(e.record.adopted)) if e.record.adopted else Md("—"),  # type: ignore[attr-defined]
             text(" / ".join(fmt.date(x) for x in (e.record.horizon, e.record.vision) if x)) or Md("—")]  # type: ignore[attr-defined]
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
        pref = f"**Better supported:** “{text(rec.preferred)}”. " if rec.preferred else ""
        out.append(f"## {r.ref(here, e.id)}\n\nAbout {about}.\n\n" + "\n".join(items) + f"\n\n{pref}{paragraphs(rec.note)}")
    out.append(notes.render())
    return Page(front_matter("Discrepancies") + "\n\n".join(b for b in out if b) + "\n")
