"""KnowledgeBase -> {page path: Markdown}. No MkDocs here: any static-site generator can build it.

Data text reaches Markdown only through markdown.text()/paragraphs(); everything else on a
page is built by this module (links, tables, footnotes, anchors, SVG).
"""

from __future__ import annotations

from typing import Any

from ...knowledge.checks.coverage import coverage
from ...knowledge.kb import Cite, Entry, KnowledgeBase
from ...knowledge.read.models import Money, Record
from ...knowledge.text import strip_accents
from ..markup import formatting as fmt
from ..markup.labels import KIND_LABELS, backlink_label, field_label
from ..markup.markdown import Footnotes, Md, ext_link, join, link, paragraphs, rel, table, text
from ..markup.page import Page, anchor, front_matter, page_of, source_label, source_page
from ..markup.pictures import MAX_NEIGHBOURS, relation_graph
from . import relations
from .provenance import Marks

_OWN = {"id", "name", "aliases", "name_vi", "sectors", "description", "sources", "distinct_from",
        "summary", "note", "roles", "progress", "variants", "value", "unit", "qualifier", "metric", "words",
        "provenance"}


def _weighty(names: Md, meta: str) -> Md:
    """A record's other names weigh in search as its title does, above passing mentions, and are
    kept as search metadata (assets/vnus-search.js ranks a page named by the query first)."""
    return Md(f'<span data-pagefind-weight="7" data-pagefind-meta="{meta}">{names}</span>')


class Renderer:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.coverage = coverage(kb)  # source pages and the source index both show it
        self.marks = Marks(kb)  # how each claimed value was obtained: quoted, inferred, outside

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

    def value(self, here: str, field: str, value: Any) -> Md:
        if isinstance(value, list):
            return Md(", ".join(self.value(here, field, v) for v in value))
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
            parts.append(Md(f"**Vietnamese:** {self.marks.mark(r.id, ('name_vi',), _weighty(text(r.name_vi), 'name_vi'))}"))
        if r.aliases:
            parts.append(Md(f"**Also written:** {_weighty(join(r.aliases), 'aliases')}"))
        if plain:
            parts.append(Md(f"**Without diacritics:** {_weighty(join(dict.fromkeys(plain)), 'plain')}"))
        return Md("  \n".join(parts))

    def infobox(self, e: Entry, here: str, notes: Footnotes) -> Md:
        r = e.record
        rows: list[list[str]] = [[Md("Kind"), text(KIND_LABELS[e.kind][0])]]
        if "value" in type(r).model_fields and "unit" in type(r).model_fields:
            goal = fmt.quantity(r.value, r.unit, getattr(r, "qualifier", None), getattr(r, "words", None))  # type: ignore[attr-defined]
            label = "Goal" if e.kind == "target" else "Value"
            shown = self.marks.mark(e.id, ("value",), text(goal))
            rows.append([Md(label), Md(f"{shown} ({text(r.metric)}){self.cite_refs(here, notes, self.claim_cites(e, 'value'))}")])  # type: ignore[attr-defined]
        if isinstance(getattr(r, "value", None), Money):  # an agreement's value: words and bound, or an amount
            shown = self.marks.mark(e.id, ("value",), text(fmt.money(r.value)))  # type: ignore[attr-defined]
            rows.append([Md("Value"), Md(shown + self.cite_refs(here, notes, self.claim_cites(e, "value")))])
        for field in type(r).model_fields:
            v = getattr(r, field)
            if field in _OWN or v in (None, []):
                continue
            shown = self.marks.mark(e.id, (field,), self.value(here, field, v))
            if field in type(r).CLAIMS:
                shown = Md(shown + self.cite_refs(here, notes, self.claim_cites(e, field)))
            rows.append([Md(field_label(field)), shown])
        if r.sectors:
            rows.append([Md("Sectors"), join(fmt.label(s) for s in r.sectors)])
        return table(["Fact", "Value"], rows)

    def detail(self, rid: str) -> Md:
        """A short fact after a link: the date of an event, the amount of an investment."""
        r = self.kb.entries[rid].record
        bits = []
        dated = relations.when(self.kb, rid)
        if dated:
            bits.append(self.marks.mark(rid, (dated[0],), text(fmt.date(dated[1]))))
        amount = getattr(r, "amount", None)
        if amount:
            bits.append(self.marks.mark(rid, ("amount",), text(fmt.money(amount))))
        status = getattr(r, "status", None)
        if status:
            bits.append(self.marks.mark(rid, ("status",), text(fmt.label(status).lower())))
        return Md(f" — {', '.join(bits)}") if bits else Md("")

    def neighbours(self, e: Entry) -> list[tuple[str, str, str, str]]:
        """(name, kind, relation, link from e's page) of each record e is linked with: those e names
        first; then those naming it, when there are more than the picture draws the most referred to
        first (pictures.MAX_NEIGHBOURS), so that a hub's picture shows its main neighbours."""
        here = page_of(e.kind, e.id)
        seen: dict[str, tuple[str, str, str, str]] = {}
        for lk in self.kb.outgoing(e.id):
            if lk.target not in seen and lk.loc[0] != "sources":
                o = self.kb.entries[lk.target]
                seen[lk.target] = (o.record.name, o.kind, field_label(lk.field), rel(here, page_of(o.kind, o.id)))
        own = len(seen)
        for lk in self.kb.incoming(e.id):
            if lk.source not in seen:
                o = self.kb.entries[lk.source]
                seen[lk.source] = (o.record.name, o.kind, backlink_label(o.kind, lk.field, getattr(o.record, "status", None)),
                                   rel(here, page_of(o.kind, o.id)))
        ids = list(seen)
        if len(ids) > MAX_NEIGHBOURS:
            ids[own:] = sorted(ids[own:], key=lambda i: (-len(self.kb.incoming(i)), seen[i][0].casefold(), i))
        return [seen[i] for i in ids]

    def nested_sections(self, e: Entry, here: str, notes: Footnotes) -> Md:
        r: Any = e.record
        out = []
        if getattr(r, "roles", None):
            items = []
            for i, role in enumerate(r.roles):
                bits = [self.marks.mark(r.id, ("roles", i, "title"), text(role.title))]
                if role.organization:
                    bits.append(self.marks.mark(r.id, ("roles", i, "organization"), self.ref(here, role.organization)))
                def at(field: str, value: str | None, i: int = i) -> str:
                    return self.marks.mark(r.id, ("roles", i, field), text(fmt.date(value))) if value else "…"
                when = [Md(f"as of {at('as_of', role.as_of)}")] if role.as_of else []
                if role.since or role.until:
                    when.append(Md(f"{at('since', role.since)} – {at('until', role.until)}"))
                tail = f" ({join(when, '; ')})" if when else ""
                items.append(f"- {', '.join(bits)}{tail}{self.cite_refs(here, notes, self.nested_cites(e, ('roles', i)))}")
            out.append("## Roles\n\n" + "\n".join(items))
        if getattr(r, "progress", None):
            items = []
            for i, p in enumerate(r.progress):
                bits = [self.marks.mark(r.id, ("progress", i, "value"), text(fmt.quantity(p.value, p.unit, p.qualifier, p.words)))]
                if p.by:
                    bits.append(Md(f"by {self.ref(here, p.by)}"))
                if p.as_of:
                    bits.append(Md(f"as of {self.marks.mark(r.id, ('progress', i, 'as_of'), text(fmt.date(p.as_of)))}"))
                if p.note:
                    bits.append(text(p.note))
                items.append(f"- {', '.join(bits)}{self.cite_refs(here, notes, self.nested_cites(e, ('progress', i)))}")
            out.append("## Progress\n\n" + "\n".join(items))
        if getattr(r, "variants", None):
            items = []
            for i, v in enumerate(r.variants):
                mark = Md(" " + self.marks.mark(r.id, ("preferred",), text("(better supported)"))) if v.value == r.preferred else ""
                items.append(f"- “{text(v.value)}”{mark}{self.cite_refs(here, notes, self.nested_cites(e, ('variants', i)))}")
            out.append(f"## Variants of {text(field_label(r.field).lower())}\n\n" + "\n".join(items))
        return Md("\n\n".join(out))

    def sources_section(self, e: Entry, here: str) -> Md:
        items = []
        for c in self.kb.cites_of(e.id):
            src = self.kb.sources[c.citation.source]
            items.append(f"- “{text(c.citation.quote)}” — {link(source_label(src), here, source_page(src.id), anchor(c))}")
        return Md("## Sources\n\n" + "\n".join(dict.fromkeys(items))) if items else Md("")

    def record_page(self, e: Entry) -> Page:
        return self.record_pages(e)[page_of(e.kind, e.id)]

    def record_pages(self, e: Entry) -> dict[str, Page]:
        """The record's page, and the pages of the complete lists of its relations where a heading
        holds more than the page lists (site/views/relations.py)."""
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
        listed, lists = relations.section(self, e)
        parts.append(listed)
        parts.append(self.sources_section(e, here))
        parts.append(notes.render())
        tags = [fmt.label(s) for s in r.sectors]
        body = "\n\n".join(p for p in parts if p) + "\n"
        return {here: Page(front_matter(r.name, tags=tags) + body, e.path), **lists}
