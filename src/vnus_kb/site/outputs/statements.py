"""The knowledge base as statements: one row per (record, field, value), with how the value was obtained
(``quoted`` where it stands in the words of its quote; else ``inferred``, ``outside`` or ``uncited``),
its source, its quote and a note. The statement model of Wikidata and OpenSanctions users."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from ...knowledge.checks.values import Claim
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


def rows(claims: Iterable[Claim]) -> list[dict[str, str]]:
    out = []
    for c in claims:
        source = c.provenance.source if c.provenance is not None and c.provenance.source else (c.quote.source if c.quote else "")
        out.append({"record": c.record, "kind": c.kind, "field": c.field, "value": c.value, "basis": c.basis,
                    "source": source or "", "quote": c.quote.quote if c.quote else "", "note": _note(c)})
    return out


def written(claims: Iterable[Claim]) -> tuple[str, list[str]]:
    """The statements of some claims (a record's) as CSV lines and as JSON lines (one a line: json's
    C encoder, which indent= would turn off, and a file that diffs statement by statement)."""
    made = rows(claims)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([csv_cell(row[c]) for c in COLUMNS] for row in made)
    return out.getvalue(), [json.dumps(row, ensure_ascii=False, separators=(", ", ": ")) for row in made]


def statements_files(parts: Iterable[tuple[str, list[str]]]) -> tuple[str, str]:
    """statements.csv and statements.json from each record's `written` statements, in order."""
    csv_parts, json_lines = [",".join(COLUMNS) + "\n"], []
    for csv_text, lines in parts:
        csv_parts.append(csv_text)
        json_lines.extend(lines)
    return "".join(csv_parts), "[\n" + ",\n".join(" " + line for line in json_lines) + "\n]\n"
