"""Downloads: the whole knowledge base as JSON, one CSV per kind, a JSON Schema per kind."""

from __future__ import annotations

import csv
import functools
import io
import json
from typing import Any

from ...knowledge.kb import KnowledgeBase
from ...knowledge.models import RECORD_TYPES, Source
from ..markup.formatting import csv_cell
from .statements import rows, statements_csv, statements_json


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _line(data: Any) -> str:
    """One value as JSON on one line (json's C encoder, which indent= would turn off)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))


def kb_json(kb: KnowledgeBase) -> str:
    """Every record by kind, then every source with its text: one record or source a line, each
    made and written in turn (a file that diffs record by record, made without holding all of
    the records as dicts at once, and in a third of the time of an indented dump)."""
    out = io.StringIO()
    out.write('{\n "records": {')
    for i, t in enumerate(sorted(RECORD_TYPES, key=lambda t: t.KIND)):
        out.write(f'{"," if i else ""}\n  {json.dumps(t.KIND)}: [')
        for j, e in enumerate(kb.of_kind(t.KIND)):
            out.write(f'{"," if j else ""}\n   {_line(e.record.model_dump(mode="json", exclude_none=True))}')
        out.write("\n  ]")
    out.write('\n },\n "sources": [')
    for j, s in enumerate(kb.sources.values()):
        out.write(f'{"," if j else ""}\n  {_line({**s.meta.model_dump(mode="json", exclude_none=True), "text": s.text.body})}')
    out.write("\n ]\n}\n")
    return out.getvalue()


def kind_csv(kb: KnowledgeBase, kind: str) -> str:
    model = next(t for t in RECORD_TYPES if kind == t.KIND)
    columns = list(model.model_fields)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for e in kb.of_kind(kind):
        data = e.record.model_dump(mode="json")
        writer.writerow([csv_cell(data.get(c)) for c in columns])
    return out.getvalue()


@functools.cache  # the models do not change while a process runs; the edit loop asks on every save
def schemas() -> dict[str, str]:
    """JSON Schema per kind, for editors (yaml-language-server) and other tools."""
    out = {t.KIND: _json(t.model_json_schema()) for t in RECORD_TYPES}
    out["source"] = _json(Source.model_json_schema())
    return out


def exports(kb: KnowledgeBase) -> dict[str, str]:
    """Every download, by path relative to the site root."""
    made = rows(kb)
    files = {"downloads/kb.json": kb_json(kb), "downloads/statements.csv": statements_csv(kb, made),
             "downloads/statements.json": statements_json(kb, made)}
    for t in RECORD_TYPES:
        files[f"downloads/{t.FOLDER}.csv"] = kind_csv(kb, t.KIND)
    for kind, schema in schemas().items():
        files[f"downloads/schema/{kind}.json"] = schema
    return dict(sorted(files.items()))
