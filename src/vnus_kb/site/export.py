"""Downloads: the whole knowledge base as JSON, one CSV per kind, a JSON Schema per kind."""

from __future__ import annotations

import csv
import functools
import io
import json
from typing import Any

from ..knowledge.kb import KnowledgeBase
from ..knowledge.models import RECORD_TYPES, Source
from .formatting import csv_cell
from .statements import rows, statements_csv, statements_json


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def kb_json(kb: KnowledgeBase) -> str:
    return _json({
        "sources": [{**s.meta.model_dump(mode="json", exclude_none=True), "text": s.text.body} for s in kb.sources.values()],
        "records": {t.KIND: [e.record.model_dump(mode="json", exclude_none=True) for e in kb.of_kind(t.KIND)]
                    for t in RECORD_TYPES},
    })


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
