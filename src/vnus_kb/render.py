"""KnowledgeBase -> {page path: Markdown}. No MkDocs here: any static-site generator can build it.

Data text reaches Markdown only through markdown.text()/paragraphs(); everything else on a
page is built by this module (links, tables, footnotes, anchors, SVG).
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel

from . import formatting as fmt
from .kb import Cite, Entry, KnowledgeBase, SourceEntry
from .labels import KIND_LABELS, backlink_label, field_label
from .markdown import Footnotes, Md, ext_link, join, link, paragraphs, table, text
from .models import RECORD_TYPES, Money, Record
from .pictures import bar_chart, relation_graph
from .text import strip_accents

_OWN = {"id", "name", "aliases", "name_vi", "sectors", "description", "sources", "distinct_from",
        "summary", "note", "roles", "progress", "variants", "value", "unit", "qualifier", "metric"}


@dataclass(frozen=True)
class Page:
    markdown: str
    edit_path: str | None = None  # the repository file a reader would edit to change this page


def page_of(kind: str, rid: str) -> str:
    return f"{_FOLDER[kind]}/{rid}.md"


def source_page(sid: str) -> str:
    return f"sources/{sid}.md"


def anchor(cite: Cite) -> str:
    return f"q-{cite.match.start}-{cite.match.end}"


def source_label(src: SourceEntry) -> str:
    m = src.meta
    if m.title:
        return m.title
    return ", ".join(x for x in (m.publisher, m.published and fmt.date(m.published)) if x) or m.id


_FOLDER = {t.KIND: t.FOLDER for t in RECORD_TYPES}


def front_matter(title: str, **meta: Any) -> str:
    # Titles reach <title>, the navigation and the search index unescaped by the theme.
    data = {"title": html.escape(title, quote=True), **{k: v for k, v in meta.items() if v}}
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n"


class Renderer:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    # -- small pieces ---------------------------------------------------------------------
    def ref(self, here: str, rid: str) -> Md:
        e = self.kb.entries.get(rid)
        if e is None:
            return text(rid)
        return link(e.record.name, here, page_of(e.kind, rid))

    def note(self, here: str, cite: Cite) -> Md:
        src = self.kb.sources[cite.citation.source]
        return Md(f"“{text(cite.citation.quote)}” — "
                  f"{link(source_label(src), here, source_page(src.id), anchor(cite))}")

    def cite_refs(self, here: str, notes: Footnotes, cites: list[Cite]) -> Md:
        return Md("".join(notes.cite(f"{c.citation.source}:{c.match.start}:{c.match.end}", self.note(here, c))
                          for c in cites))

    def claim_cites(self, e: Entry, field: str | None) -> list[Cite]:
        """Record-level citations supporting ``field`` (all of them for the record itself)."""
        top = [c for c in self.kb.cites_of(e.id) if len(c.loc) == 2 and c.loc[0] == "sources"]
        if field is None:
            return top
        named = [c for c in top if field in c.citation.fields]
        return named or top[:1]

    def nested_cites(self, e: Entry, prefix: tuple[str | int, ...]) -> list[Cite]:
        return [c for c in self.kb.cites_of(e.id) if c.loc[: len(prefix)] == prefix]

    def value(self, here: str, field: str, value: Any, record: BaseModel) -> Md:
        if isinstance(value, list):
            return Md(", ".join(self.value(here, field, v, record) for v in value))
        if isinstance(value, Money):
            return text(fmt.money(value))
        if isinstance(value, str) and value in self.kb.entries and field not in ("field",):
            return self.ref(here, value)
        if field in ("date", "start", "end", "signed", "announced", "adopted", "horizon", "vision",
                     "started", "deadline", "since", "until", "as_of", "published"):
            return text(fmt.date(value))
        if field == "country":
            return text(fmt.country(value))
        if field in ("website", "url"):
            return ext_link(value, value)
        if field in ("type", "status", "kind"):
            return text(fmt.label(value))
        return text(value)

    # -- record pages ---------------------------------------------------------------------
    def names_line(self, r: Record) -> Md:
        names = list(dict.fromkeys([*(r.aliases), *([r.name_vi] if r.name_vi else [])]))
        plain = [strip_accents(n) for n in [r.name, *names] if strip_accents(n) not in (r.name, *names)]
        parts = []
        if r.name_vi:
            parts.append(Md(f"**Vietnamese:** {text(r.name_vi)}"))
        if r.aliases:
            parts.append(Md(f"**Also written:** {join(r.aliases)}"))
        if plain:
            parts.append(Md(f"**Without diacritics:** {join(dict.fromkeys(plain))}"))
        return Md("  \n".join(parts))

    def infobox(self, e: Entry, here: str, notes: Footnotes) -> Md:
        r = e.record
        rows: list[list[str]] = [[Md("Kind"), text(KIND_LABELS[e.kind][0])]]
        if "value" in type(r).model_fields and "unit" in type(r).model_fields:
            goal = fmt.quantity(r.value, r.unit, getattr(r, "qualifier", None))  # type: ignore[attr-defined]
            label = "Goal" if e.kind == "target" else "Value"
            rows.append([Md(label), Md(f"{text(goal)} ({text(r.metric)}){self.cite_refs(here, notes, self.claim_cites(e, 'value'))}")])  # type: ignore[attr-defined]
        for field in type(r).model_fields:
            v = getattr(r, field)
            if field in _OWN or v in (None, []):
                continue
            shown = self.value(here, field, v, r)
            if field in type(r).CLAIMS:
                shown = Md(shown + self.cite_refs(here, notes, self.claim_cites(e, field)))
            rows.append([Md(field_label(field)), shown])
        if r.sectors:
            rows.append([Md("Sectors"), join(fmt.label(s) for s in r.sectors)])
        return table(["Fact", "Value"], rows)

    def relations(self, e: Entry, here: str) -> Md:
        out: list[str] = []
        groups: dict[str, list[str]] = defaultdict(list)
        for lk in self.kb.outgoing(e.id):
            if lk.loc[0] == "sources" or lk.loc[0] in ("roles", "progress"):
                continue
            groups[field_label(lk.field)].append(lk.target)
        incoming: dict[str, list[str]] = defaultdict(list)
        for lk in self.kb.incoming(e.id):
            other = self.kb.entries[lk.source]
            incoming[backlink_label(other.kind, lk.field)].append(lk.source)
        for title, ids in [*groups.items(), *sorted(incoming.items())]:
            items = [f"- {self.ref(here, i)}{self.detail(i)}" for i in dict.fromkeys(ids)]
            out.append(f"### {text(title)}\n\n" + "\n".join(items))
        return Md("## Relations\n\n" + "\n\n".join(out)) if out else Md("")

    def detail(self, rid: str) -> Md:
        """A short fact after a link: the date of an event, the amount of an investment."""
        r = self.kb.entries[rid].record
        bits = []
        for field in ("date", "start", "signed", "adopted", "started", "deadline"):
            v = getattr(r, field, None)
            if v:
                bits.append(fmt.date(v))
                break
        amount = getattr(r, "amount", None)
        if amount:
            bits.append(fmt.money(amount))
        return Md(f" — {join(bits)}") if bits else Md("")

    def neighbours(self, e: Entry) -> list[tuple[str, str, str]]:
        seen: dict[str, tuple[str, str, str]] = {}
        for lk in self.kb.outgoing(e.id):
            if lk.target not in seen and lk.loc[0] != "sources":
                o = self.kb.entries[lk.target]
                seen[lk.target] = (o.record.name, o.kind, field_label(lk.field))
        for lk in self.kb.incoming(e.id):
            if lk.source not in seen:
                o = self.kb.entries[lk.source]
                seen[lk.source] = (o.record.name, o.kind, backlink_label(o.kind, lk.field))
        return list(seen.values())

    def nested_sections(self, e: Entry, here: str, notes: Footnotes) -> Md:
        r: Any = e.record
        out = []
        if getattr(r, "roles", None):
            items = []
            for i, role in enumerate(r.roles):
                bits = [text(role.title)]
                if role.organization:
                    bits.append(self.ref(here, role.organization))
                when = [f"as of {fmt.date(role.as_of)}"] if role.as_of else []
                if role.since or role.until:
                    when.append(f"{fmt.date(role.since) if role.since else '…'} – {fmt.date(role.until) if role.until else '…'}")
                tail = f" ({join(when, '; ')})" if when else ""
                items.append(f"- {', '.join(bits)}{tail}{self.cite_refs(here, notes, self.nested_cites(e, ('roles', i)))}")
            out.append("## Roles\n\n" + "\n".join(items))
        if getattr(r, "progress", None):
            items = []
            for i, p in enumerate(r.progress):
                bits = [text(fmt.quantity(p.value, p.unit, p.qualifier))]
                if p.by:
                    bits.append(Md(f"by {self.ref(here, p.by)}"))
                if p.as_of:
                    bits.append(text(f"as of {fmt.date(p.as_of)}"))
                if p.note:
                    bits.append(text(p.note))
                items.append(f"- {', '.join(bits)}{self.cite_refs(here, notes, self.nested_cites(e, ('progress', i)))}")
            out.append("## Progress\n\n" + "\n".join(items))
        if getattr(r, "variants", None):
            items = []
            for i, v in enumerate(r.variants):
                mark = " (better supported)" if v.value == r.preferred else ""
                items.append(f"- “{text(v.value)}”{text(mark)}{self.cite_refs(here, notes, self.nested_cites(e, ('variants', i)))}")
            out.append(f"## Variants of {text(field_label(r.field).lower())}\n\n" + "\n".join(items))
        return Md("\n\n".join(out))

    def sources_section(self, e: Entry, here: str) -> Md:
        items = []
        for c in self.kb.cites_of(e.id):
            src = self.kb.sources[c.citation.source]
            items.append(f"- “{text(c.citation.quote)}” — {link(source_label(src), here, source_page(src.id), anchor(c))}")
        return Md("## Sources\n\n" + "\n".join(dict.fromkeys(items))) if items else Md("")

    def record_page(self, e: Entry) -> Page:
        here = page_of(e.kind, e.id)
        r: Any = e.record
        notes = Footnotes()
        parts = [f"# {text(r.name)}", self.names_line(r), self.infobox(e, here, notes)]
        for field in ("description", "summary", "note"):
            if getattr(r, field, None):
                parts.append(paragraphs(getattr(r, field)))
        parts.append(self.nested_sections(e, here, notes))
        if e.kind in ("organization", "person", "place", "programme", "event"):
            graph = self.neighbours(e)
            if graph:
                parts.append(Md("## At a glance\n\n" + relation_graph(r.name, e.kind, graph)))
        parts.append(self.relations(e, here))
        parts.append(self.sources_section(e, here))
        parts.append(notes.render())
        tags = [fmt.label(s) for s in r.sectors]
        body = "\n\n".join(p for p in parts if p) + "\n"
        return Page(front_matter(r.name, tags=tags) + body, e.path)

    # -- index and overview pages ---------------------------------------------------------
    def kind_index(self, kind: str) -> Page:
        folder = _FOLDER[kind]
        here = f"{folder}/index.md"
        entries = sorted(self.kb.of_kind(kind), key=lambda e: e.record.name.casefold())
        typed = any(getattr(e.record, "type", None) for e in entries)
        rows = []
        for e in entries:
            row = [self.ref(here, e.id)]
            if typed:
                row.append(text(fmt.label(getattr(e.record, "type", "") or "")))
            row.append(Md(self.detail(e.id).removeprefix(" — ")))
            rows.append(row)
        header = ["Name", *(["Type"] if typed else []), "Key fact"]
        title = KIND_LABELS[kind][1]
        count = f"{len(entries)} record{'s' if len(entries) != 1 else ''}."
        body = f"# {text(title)}\n\n{count}\n\n" + table(header, rows)
        return Page(front_matter(title) + body + "\n")

    def home(self) -> Page:
        here = "index.md"
        kb = self.kb
        notes = Footnotes()
        counts = [[link(KIND_LABELS[k][1], here, f"{_FOLDER[k]}/index.md"), text(str(len(kb.of_kind(k))))]
                  for k in KIND_LABELS if kb.of_kind(k)]
        figures = []
        for e in sorted(kb.of_kind("indicator"), key=lambda e: e.id):
            r: Any = e.record
            figures.append(f"- {self.ref(here, e.id)}: {text(fmt.quantity(r.value, r.unit, r.qualifier))}"
                           f"{self.cite_refs(here, notes, self.claim_cites(e, 'value'))}")
        for e in sorted(kb.of_kind("target"), key=lambda e: e.id):
            r = e.record
            if not r.contributes_to:
                figures.append(f"- {self.ref(here, e.id)}: {text(fmt.quantity(r.value, r.unit))} by {text(fmt.date(r.deadline))}"
                               f"{self.cite_refs(here, notes, self.claim_cites(e, 'value'))}")
        events = sorted(kb.of_kind("event"), key=lambda e: fmt.date_key(e.record.date or e.record.start), reverse=True)[:6]  # type: ignore[attr-defined]
        latest = [f"- {text(fmt.date(e.record.date or e.record.start))}: {self.ref(here, e.id)}" for e in events]  # type: ignore[attr-defined]
        body = [
            "# US–Vietnam technology cooperation",
            text("Companies, officials, agreements, investments, chip-design centres and workforce targets "
                 "of the US–Vietnam Comprehensive Strategic Partnership, each fact cited from its source article."),
            Md(f"{link('Timeline', here, 'timeline.md')} · {link('Investments', here, 'investments/index.md')} · "
               f"{link('Workforce targets', here, 'targets/index.md')} · {link('Sources', here, 'sources/index.md')} · "
               f"{link('Data downloads', here, 'data.md')}"),
            "## Key figures", "\n".join(figures),
            "## Latest events", "\n".join(latest),
            "## What is here", table(["Kind", "Records"], counts),
            Md(f"Built from {len(kb.sources)} source articles. Every figure links to the words it rests on."),
            notes.render(),
        ]
        return Page(front_matter("Home") + "\n\n".join(b for b in body if b) + "\n")

    def timeline(self) -> Page:
        here = "timeline.md"
        items: list[tuple[str, Md, list[str]]] = []
        for e in self.kb.entries.values():
            r: Any = e.record
            for field, what in (("date", ""), ("start", ""), ("signed", "signed"), ("adopted", "adopted"),
                                ("started", "work started"), ("deadline", "deadline")):
                v = getattr(r, field, None)
                if v and not (field == "start" and getattr(r, "date", None)):
                    label = Md(f"{self.ref(here, e.id)}" + (f" — {text(what)}" if what else ""))
                    items.append((v, label, [fmt.label(s) for s in r.sectors]))
        by_year: dict[str, list[tuple[str, Md, list[str]]]] = defaultdict(list)
        for it in items:
            by_year[it[0][:4]].append(it)
        out = ["# Timeline", text("Every dated event and milestone, by year.")]
        for year in sorted(by_year):
            rows = [[text(fmt.date(d)), lab, join(sectors)] for d, lab, sectors in sorted(by_year[year], key=lambda t: (t[0], t[1]))]
            out.append(f"## {year}\n\n" + table(["Date", "What", "Sectors"], rows))
        return Page(front_matter("Timeline") + "\n\n".join(out) + "\n")

    def investments(self) -> Page:
        here = "investments/index.md"
        notes = Footnotes()
        rows, bars = [], []
        entries = sorted(self.kb.of_kind("investment"), key=lambda e: -(e.record.amount.value if e.record.amount else 0))  # type: ignore[attr-defined]
        for e in entries:
            r: Any = e.record
            amt = Md(f'<span data-sort="{r.amount.value if r.amount else 0:.0f}">{text(fmt.money(r.amount)) if r.amount else "—"}</span>'
                     f"{self.cite_refs(here, notes, self.claim_cites(e, 'amount')) if r.amount else ''}")
            when = r.started or r.announced
            rows.append([self.ref(here, e.id), Md(", ".join(self.ref(here, i) for i in r.investors)), amt,
                         self.ref(here, r.place) if r.place else Md("—"), text(fmt.label(r.status)),
                         Md(f'<span data-sort="{when or ""}">{text(fmt.date(when)) if when else "—"}</span>')])
            if r.amount and r.amount.currency == "USD":
                bars.append((r.name, r.amount.value, fmt.money(r.amount)))
        body = ["# Investments", text("Click a column heading to sort."),
                table(["Project", "Investors", "Amount", "Place", "Status", "Date"], rows),
                "## Amounts in US dollars", Md(bar_chart("Investments by amount (USD)", bars)), notes.render()]
        return Page(front_matter("Investments") + "\n\n".join(b for b in body if b) + "\n")

    def targets(self) -> Page:
        here = "targets/index.md"
        notes = Footnotes()
        children: dict[str | None, list[Entry]] = defaultdict(list)
        for e in sorted(self.kb.of_kind("target"), key=lambda e: e.id):
            children[e.record.contributes_to].append(e)  # type: ignore[attr-defined]

        def block(e: Entry, depth: int) -> list[str]:
            r: Any = e.record
            pad = "    " * depth
            line = (f"{pad}- **{self.ref(here, e.id)}**: {text(fmt.quantity(r.value, r.unit))} ({text(r.metric)}) "
                    f"by {text(fmt.date(r.deadline))}, set by {self.ref(here, r.owner)}"
                    f"{self.cite_refs(here, notes, self.claim_cites(e, 'value'))}")
            lines = [line]
            for i, p in enumerate(r.progress):
                lines.append(f"{pad}    - progress: {text(fmt.quantity(p.value, p.unit, p.qualifier))}"
                             f"{' by ' + self.ref(here, p.by) if p.by else ''}{' as of ' + text(fmt.date(p.as_of)) if p.as_of else ''}"
                             f"{self.cite_refs(here, notes, self.nested_cites(e, ('progress', i)))}")
            for child in children.get(e.id, []):
                lines.extend(block(child, depth + 1))
            return lines

        roots = [e for e in sorted(self.kb.of_kind("target"), key=lambda e: e.id)
                 if not e.record.contributes_to or e.record.contributes_to not in self.kb.entries]  # type: ignore[attr-defined]
        lines = [ln for e in roots for ln in block(e, 0)]
        body = ["# Workforce targets", text("Each target with its deadline and progress; a target indented under another feeds it."),
                "\n".join(lines), notes.render()]
        return Page(front_matter("Workforce targets") + "\n\n".join(b for b in body if b) + "\n")

    def agreements(self) -> Page:
        here = "agreements/index.md"
        rows = [[self.ref(here, e.id), text(fmt.label(e.record.type)), Md(", ".join(self.ref(here, p) for p in e.record.parties)),  # type: ignore[attr-defined]
                 text(fmt.date(e.record.signed)) if e.record.signed else Md("—")]  # type: ignore[attr-defined]
                for e in sorted(self.kb.of_kind("agreement"), key=lambda e: e.record.name)]
        body = ["# Agreements", text("Agreements and memoranda between governments and companies."),
                table(["Agreement", "Type", "Parties", "Signed"], rows),
                Md(f"See also {link('National strategies and programmes', here, 'programmes/index.md')}.")]
        return Page(front_matter("Agreements") + "\n\n".join(b for b in body if b) + "\n")

    def programmes(self) -> Page:
        here = "programmes/index.md"
        rows = [[self.ref(here, e.id), text(fmt.label(e.record.type)), self.ref(here, e.record.owner) if e.record.owner else Md("—"),  # type: ignore[attr-defined]
                 text(fmt.date(e.record.adopted)) if e.record.adopted else Md("—"),  # type: ignore[attr-defined]
                 text(" / ".join(fmt.date(x) for x in (e.record.horizon, e.record.vision) if x)) or Md("—")]  # type: ignore[attr-defined]
                for e in sorted(self.kb.of_kind("programme"), key=lambda e: e.record.name)]
        body = ["# National strategies and programmes", table(["Programme", "Type", "Owner", "Adopted", "Horizon / vision"], rows),
                Md(f"See also {link('Agreements', here, 'agreements/index.md')}.")]
        return Page(front_matter("National strategies and programmes") + "\n\n".join(b for b in body if b) + "\n")

    def discrepancies(self) -> Page:
        here = "discrepancies/index.md"
        notes = Footnotes()
        out = ["# Discrepancies", text("Where the sources disagree, or one of them garbles a name.")]
        for e in sorted(self.kb.of_kind("discrepancy"), key=lambda e: e.record.name):
            r: Any = e.record
            items = [f"- “{text(v.value)}”{self.cite_refs(here, notes, self.nested_cites(e, ('variants', i)))}"
                     for i, v in enumerate(r.variants)]
            about = ", ".join(self.ref(here, a) for a in r.about)
            pref = f"**Better supported:** “{text(r.preferred)}”. " if r.preferred else ""
            out.append(f"## {self.ref(here, e.id)}\n\nAbout {about}.\n\n" + "\n".join(items) + f"\n\n{pref}{paragraphs(r.note)}")
        out.append(notes.render())
        return Page(front_matter("Discrepancies") + "\n\n".join(b for b in out if b) + "\n")


def render(kb: KnowledgeBase) -> dict[str, Page]:
    """Every generated page, by path relative to the docs folder, in a stable order."""
    from .sources_page import source_index, source_pages

    r = Renderer(kb)
    overviews = {"investment": r.investments, "target": r.targets, "agreement": r.agreements,
                 "programme": r.programmes, "discrepancy": r.discrepancies}
    pages: dict[str, Page] = {"index.md": r.home(), "timeline.md": r.timeline()}
    for t in RECORD_TYPES:
        pages[f"{t.FOLDER}/index.md"] = overviews[t.KIND]() if t.KIND in overviews else r.kind_index(t.KIND)
    for e in kb.entries.values():
        pages[page_of(e.kind, e.id)] = r.record_page(e)
    pages["sources/index.md"] = source_index(r)
    pages.update(source_pages(r))
    return dict(sorted(pages.items()))
