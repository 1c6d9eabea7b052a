"""The knowledge base as statements: one row per (record, field, value), with how the value was obtained
(``quoted`` where it stands in the words of its quote; else ``inferred``, ``outside`` or ``uncited``),
its source, its quote and a note. The statement model of Wikidata and OpenSanctions users."""

from __future__ import annotations

import csv
import io
import json

from ...knowledge.kb import KnowledgeBase
from ...knowledge.values import Claim, claims
from ..markup.formatting import csv_cell

COLUMNS = ("record", "kind", "field", "value", "basis", "source", "quote", "note")


def _note(c: Claim) -> str:
    if c.provenance is not None:
        ref = f" Reference: {c.provenance.reference}" if c.provenance.reference else ""
        return c.provenance.how + ref
    if c.basis == "uncited":
        return "not in the words of a quote that cites it"
    if "(" in c.value and c.value.endswith(")") and "bound" in c.value:
        return "the article's words; the number is only a bound"
    return ""


def rows(kb: KnowledgeBase) -> list[dict[str, str]]:
    out = []
    for c in claims(kb):
        source = c.provenance.source if c.provenance is not None and c.provenance.source else (c.quote.source if c.quote else "")
        out.append({"record": c.record, "kind": c.kind, "field": c.field, "value": c.value, "basis": c.basis,
                    "source": source or "", "quote": c.quote.quote if c.quote else "", "note": _note(c)})
    return out


def statements_csv(kb: KnowledgeBase, made: list[dict[str, str]] | None = None) -> str:
    """``made``: rows(kb), when the caller has them already."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows(kb) if made is None else made:
        writer.writerow([csv_cell(row[c]) for c in COLUMNS])
    return out.getvalue()


def statements_json(kb: KnowledgeBase, made: list[dict[str, str]] | None = None) -> str:
    """A list of statements, one a line (json's C encoder, which indent= would turn off: 5 times
    faster, and a file that diffs statement by statement)."""
    lines = (" " + json.dumps(row, ensure_ascii=False, separators=(", ", ": ")) for row in (rows(kb) if made is None else made))
    return "[\n" + ",\n".join(lines) + "\n]\n"
