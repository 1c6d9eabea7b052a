"""The home page: the key figures as cards (each with the words it rests on), the latest events,
and ways in by kind and by sector. Cards are plain HTML (no style attributes, no script); data
text reaches them only through markdown.text()."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ...knowledge.kb import Cite, Entry
from ...knowledge.read.models import KINDS
from ..markup import formatting as fmt
from ..markup.labels import KIND_LABELS
from ..markup.markdown import Md, link, rel, text
from ..markup.page import Page, anchor, front_matter, page_of, source_page
from .records import Renderer
from .timeline import facts

HERE = "index.md"
CARDS = 6
QUOTE = 150  # characters of the quoted passage shown on a card; the whole of it is on hover and one click away


def _score(e: Entry) -> tuple[int, float]:
    """How telling a figure is: money first (largest first), then growth, then first places, then the rest."""
    rec: Any = e.record
    if e.kind == "investment":
        return 0, -rec.amount.value
    if e.kind == "target":
        return 1, -rec.value
    if rec.unit in ("USD",):
        return 0, -rec.value
    if rec.unit == "fold":
        return 2, -rec.value
    if rec.unit == "rank":
        return 3 if rec.value == 1 else 5, rec.value
    return 4, -rec.value


def key_figures(r: Renderer) -> list[tuple[Entry, str, str]]:
    """(record, the figure in words, the field its citation names): a handful, the most telling."""
    kb = r.kb
    found: list[tuple[Entry, str, str]] = []
    for e in kb.of_kind("target"):
        rec: Any = e.record
        if not rec.contributes_to:  # the national goals, not their parts
            found.append((e, f"{fmt.quantity(rec.value, rec.unit, rec.qualifier, rec.words)} by {fmt.date(rec.deadline)}", "value"))
    usd = [e for e in kb.of_kind("investment") if e.record.amount and e.record.amount.currency == "USD"]  # type: ignore[attr-defined]
    for e in sorted(usd, key=_score)[:2]:
        found.append((e, fmt.money(e.record.amount), "amount"))  # type: ignore[attr-defined]
    for e in kb.of_kind("indicator"):
        rec = e.record
        found.append((e, fmt.quantity(rec.value, rec.unit, rec.qualifier, rec.words), "value"))
    found.sort(key=lambda t: (_score(t[0]), t[0].id))
    # no more than three cards of one kind, so that the handful shows several sides
    picked: list[tuple[Entry, str, str]] = []
    per_kind: Counter[str] = Counter()
    for item in found:
        if per_kind[item[0].kind] < 3 and len(picked) < CARDS:
            picked.append(item)
            per_kind[item[0].kind] += 1
    return picked


def _excerpt(quote: str) -> str:
    quote = " ".join(quote.split())
    if len(quote) <= QUOTE:
        return quote
    return quote[: quote.rfind(" ", 0, QUOTE)].rstrip(",;:") + " …"


def card(r: Renderer, e: Entry, figure: str, field: str) -> str:
    cites: list[Cite] = r.claim_cites(e, field)
    cite = ""
    if cites:
        c = cites[0]
        src = r.kb.sources[c.citation.source]
        m = src.meta
        where = ", ".join(x for x in (m.publisher or m.title, m.published and fmt.date(m.published)) if x) or src.id
        cite = (f'<p class="vh-cite">“{text(_excerpt(c.citation.quote))}” '
                f'<a href="{rel(HERE, source_page(src.id))}#{anchor(c)}" title="{text(c.citation.quote)}">'
                f"— {text(where)}</a></p>")
    # a figure inferred or from outside the sources carries its badge (site/views/provenance.py)
    return (f'<div class="vh-card"><p class="vh-figure">{r.marks.mark(e.id, (field,), text(figure))}</p>'
            f'<p class="vh-what"><a href="{rel(HERE, page_of(e.kind, e.id))}">{text(e.record.name)}</a></p>'
            f"{cite}</div>")


def home(r: Renderer) -> Page:
    kb = r.kb
    cards = "".join(card(r, e, fig, field) for e, fig, field in key_figures(r))
    events = sorted(kb.of_kind("event"), key=lambda e: fmt.date_key(e.record.date or e.record.start), reverse=True)[:5]  # type: ignore[attr-defined]
    latest = "\n".join(f"- **{r.marks.mark(e.id, ('date',) if e.record.date else ('start',), text(fmt.date(e.record.date or e.record.start)))}**"  # type: ignore[attr-defined]
                       f" — {r.ref(HERE, e.id)}" for e in events)
    kinds = "".join(
        f'<a class="vh-tile" href="{rel(HERE, KINDS[k].FOLDER + "/index.md")}">'
        f'<span class="vh-count">{len(kb.of_kind(k))}</span> <span>{text(KIND_LABELS[k][1])}</span></a>'
        for k in KIND_LABELS if kb.of_kind(k))
    sectors = Counter(s for e in kb.entries.values() for s in e.record.sectors)
    chips = "".join(
        f'<a class="vh-chip" href="{rel(HERE, "explore.md")}?sector={s}">{text(fmt.label(s))} '
        f'<span class="vh-count">{n}</span></a>'
        for s, n in sorted(sectors.items(), key=lambda t: (-t[1], t[0])))
    years = sorted({f.date[:4] for f in facts(kb)})
    span = f", from {years[0]} to {years[-1]}," if len(years) > 1 else ""
    body = [
        "# US–Vietnam technology cooperation",
        text("Companies, officials, agreements, investments, chip-design centres and workforce targets "
             "of the US–Vietnam Comprehensive Strategic Partnership, each fact cited from its source article."),
        "## Key figures",
        f'<div class="vh-cards">{cards}</div>' if cards else "",
        Md(f"Each figure quotes the words it rests on; follow the source to read them in place. "
           f"All figures: {link('Figures', HERE, 'indicators/index.md')}, "
           f"{link('Investments', HERE, 'investments/index.md')}, {link('Workforce targets', HERE, 'targets/index.md')}."),
        "## Latest events",
        latest,
        Md(f"Everything dated{span} on {link('the timeline', HERE, 'timeline.md')}. "
           f"The whole network of who works with whom: {link('Explore', HERE, 'explore.md')}."),
        "## By kind",
        f'<nav class="vh-tiles" aria-label="Records by kind">{kinds}</nav>',
        "## By sector",
        f'<nav class="vh-chips" aria-label="Records by sector">{chips}</nav>',
        Md(f"A sector opens the network filtered to it; the {link('Sectors', HERE, 'tags.md')} page lists "
           f"every record under each sector. Built from {len(kb.sources)} source articles "
           f"({link('Sources', HERE, 'sources/index.md')}); {link('download the data', HERE, 'data.md')}."),
    ]
    return Page(front_matter("Home") + "\n\n".join(b for b in body if b) + "\n")
