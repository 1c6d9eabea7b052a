"""Checks across records: quotes stand in their sources, claims are cited, dates make sense."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from functools import partial

from ... import workers
from ..diagnostics import Diagnostic, error
from ..kb import Cite, Entry, KnowledgeBase
from ..quotes import find_quote
from ..read.fields import iter_citations, iter_raw_citations, list_field
from ..read.models import FOLDERS, Citation, Loc
from ..read.positions import Document
from .dedupe import check_duplicates
from .values import check_provenance, check_values


def _span(date: str) -> tuple[str, str]:
    """Earliest and latest day a date of any precision can mean, as ISO strings."""
    parts = date.split("-")
    y = int(parts[0])
    if len(parts) == 1:
        return f"{y:04d}-01-01", f"{y:04d}-12-31"
    m = int(parts[1])
    if len(parts) == 2:
        return f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"
    return date, date


def _before(later: str, earlier: str) -> bool:
    """True when ``later`` is surely before ``earlier``, whatever their precision."""
    return _span(later)[1] < _span(earlier)[0]


_ORDERS = {  # (earlier field, later field)
    "event": [("start", "end"), ("date", "end")],
    "target": [("announced", "deadline")],
    "investment": [("announced", "started")],
    "programme": [("adopted", "horizon"), ("horizon", "vision")],
    "agreement": [("announced", "signed")],
}


def check_dates(e: Entry) -> Iterator[Diagnostic]:
    r = e.record
    for a, b in _ORDERS.get(e.kind, []):
        va, vb = getattr(r, a, None), getattr(r, b, None)
        if va and vb and _before(vb, va):
            yield error("date-order", f"{b} {vb} is before {a} {va}", e.doc.pos((b,)), "check both dates against the source")
    for i, role in enumerate(list_field(r, "roles")):
        if role.since and role.until and _before(role.until, role.since):
            yield error("date-order", f"until {role.until} is before since {role.since}", e.doc.pos(("roles", i, "until")))


def check_claims(e: Entry) -> Iterator[Diagnostic]:
    r = e.record
    for i, c in enumerate(r.sources):
        for j, name in enumerate(c.fields):
            if name not in type(r).model_fields or name in ("id", "sources", "provenance"):
                yield error("cite-field-unknown", f"citation names '{name}', which is not a field of this {e.kind}",
                            e.doc.pos(("sources", i, "fields", j)))
            elif getattr(r, name) in (None, []):
                yield error("cite-field-unknown", f"citation names '{name}', which this record does not set",
                            e.doc.pos(("sources", i, "fields", j)), f"set {name} or drop it from fields")
    # A claim that no citation names is reported by values.check_values (value-not-in-quote), unless
    # its provenance says how it was obtained.

# The closest-passage search costs up to a second on a 1 MiB source: bound it, so that a
# pull request full of misquotes still validates in bounded time.
MAX_CLOSEST_SEARCHES = 50


def check_quotes(kb: KnowledgeBase) -> Iterator[Diagnostic]:
    """Every quote stands in its source; the ones that do become the knowledge base's cites."""
    searches = 0
    # (record id and citation, for valid records; location, source, quote, the document it stands in)
    places: list[tuple[str | None, Citation | None, Loc, str, str, Document]] = []
    for e in kb.entries.values():
        places.extend((e.id, c, loc, c.source, c.quote, e.doc) for loc, c in iter_citations(e.record))
    for raw in kb.refused:  # refused by their schema: their quotes are still checked in this run
        places.extend((None, None, loc, s, q, raw.doc) for loc, s, q in iter_raw_citations(FOLDERS[raw.folder], raw.doc.data))
    for rid, citation, loc, source, quote, doc in places:
        src = kb.sources.get(source)
        if src is None:
            continue  # reported as source-unknown
        m = find_quote(quote, src.text, closest=searches < MAX_CLOSEST_SEARCHES)
        searches += not m.found
        if m.found:
            if rid is not None and citation is not None:
                kb.cites.append(Cite(rid, loc, citation, m))
        elif m.in_chrome:
            yield error("quote-in-chrome", f"quote stands in the page chrome of '{source}', not in the article", doc.pos((*loc, "quote")),
                        "cite the article text instead")
        elif m.closest:
            passage = " ".join(m.closest.split())
            yield error("quote-not-found", f"quote not in source '{source}'; closest passage ({m.score:.0f}%): \"{passage}\"",
                        doc.pos((*loc, "quote")), "copy the words exactly as the source has them")
        else:
            yield error("quote-not-found", f"quote not in source '{source}'", doc.pos((*loc, "quote")))


# From this many records, the near-duplicate check runs in a forked worker while this process runs
# the others (about 0.35 s and 0.5 s at 10,000 records; a fork costs about 25 ms).
APART_RECORDS = 2_000


def run_checks(kb: KnowledgeBase) -> list[Diagnostic]:
    """Every check across records. They only read the knowledge base, but for what the record
    checks note in it (kb.cites, each entry's claims): those run here."""
    tasks: list[workers.Task] = [partial(_record_checks, kb), partial(check_duplicates, kb)]
    if len(kb.entries) >= APART_RECORDS:
        own, dups = workers.run(tasks, 2, here=[0])
    else:
        own, dups = (task() for task in tasks)
    return [*own, *dups]


def _record_checks(kb: KnowledgeBase) -> list[Diagnostic]:
    out = list(check_quotes(kb))
    for e in kb.entries.values():
        out.extend(check_dates(e))
        out.extend(check_claims(e))
        out.extend(check_provenance(e))
        out.extend(check_values(e, kb))
    return out
