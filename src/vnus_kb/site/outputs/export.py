"""Downloads: the whole knowledge base as JSON, one CSV per kind, a JSON Schema per kind."""

from __future__ import annotations

import csv
import functools
import io
import json
from typing import Any

from ...knowledge.checks.values import Claim, claims_of
from ...knowledge.kb import KnowledgeBase
from ...knowledge.read.models import RECORD_TYPES, Record, Source
from ..markup.formatting import csv_cell
from ..markup.page import pack
from .statements import statements_files, written


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _line(data: Any) -> str:
    """One value as JSON on one line (json's C encoder, which indent= would turn off)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))


class Dumps:
    """Each record as a line of kb.json and a row of its kind's CSV, kept while the record is the
    same object: the edit loop's BuildCache keeps an unchanged file's record, so a save serialises
    again only the records it changed (at 1,000 records the downloads took 70 ms a save). A
    one-shot build passes none and keeps nothing."""

    def __init__(self, keep: bool = True) -> None:
        self._keep = keep  # False: nothing kept (a one-shot build would hold every line twice)
        self._made: dict[int, tuple[Record, str, str]] = {}
        self._statements: dict[int, tuple[list[Claim], tuple[str, list[str]]]] = {}
        self._seen: set[int] = set()

    def of(self, record: Record) -> tuple[str, str]:
        """The record's line of kb.json, and its line of its kind's CSV."""
        key = id(record)
        self._seen.add(key)
        made = self._made.get(key)
        if made is None or made[0] is not record:
            made = (record, *_dump(record))
            if self._keep:
                self._made[key] = made
        return made[1], made[2]

    def statements(self, claims: list[Claim]) -> tuple[str, list[str]]:
        """A record's statements as written (statements.written), kept while its claims are the
        same list (values.claims_of keeps it while nothing they read changed)."""
        key = id(claims)
        self._seen.add(key)
        made = self._statements.get(key)
        if made is None or made[0] is not claims:
            made = (claims, written(claims))
            if self._keep:
                self._statements[key] = made
        return made[1]

    def forget_unseen(self) -> None:
        """Let go of the records not asked for since the last call (edited or removed)."""
        self._made = {k: v for k, v in self._made.items() if k in self._seen}
        self._statements = {k: v for k, v in self._statements.items() if k in self._seen}
        self._seen = set()


def _dump(record: Record) -> tuple[str, str]:
    data = record.model_dump(mode="json")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([csv_cell(data.get(c)) for c in _columns(type(record))])
    return _line(_without_none(data)), out.getvalue()


def _without_none(data: Any) -> Any:
    """What model_dump(exclude_none=True) leaves: no key whose value is None, at any depth."""
    if isinstance(data, dict):
        return {k: _without_none(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [_without_none(v) for v in data]
    return data


@functools.cache
def _columns(model: type[Record]) -> list[str]:
    return list(model.model_fields)


def kb_json(kb: KnowledgeBase, dumps: Dumps | None = None) -> str:
    """Every record by kind, then every source with its text: one record or source a line, each
    made and written in turn (a file that diffs record by record, made without holding all of
    the records as dicts at once, and in a third of the time of an indented dump)."""
    dumps = dumps or Dumps(keep=False)
    out = io.StringIO()
    out.write('{\n "records": {')
    for i, t in enumerate(sorted(RECORD_TYPES, key=lambda t: t.KIND)):
        out.write(f'{"," if i else ""}\n  {json.dumps(t.KIND)}: [')
        for j, e in enumerate(kb.of_kind(t.KIND)):
            out.write(f'{"," if j else ""}\n   {dumps.of(e.record)[0]}')
        out.write("\n  ]")
    out.write('\n },\n "sources": [')
    for j, s in enumerate(kb.sources.values()):
        out.write(f'{"," if j else ""}\n  {_line({**s.meta.model_dump(mode="json", exclude_none=True), "text": s.text.body})}')
    out.write("\n ]\n}\n")
    return out.getvalue()


def kind_csv(kb: KnowledgeBase, kind: str, dumps: Dumps | None = None) -> str:
    dumps = dumps or Dumps(keep=False)
    model = next(t for t in RECORD_TYPES if kind == t.KIND)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(_columns(model))
    return out.getvalue() + "".join(dumps.of(e.record)[1] for e in kb.of_kind(kind))


@functools.cache  # the models do not change while a process runs; the edit loop asks on every save
def schemas() -> dict[str, str]:
    """JSON Schema per kind, for editors (yaml-language-server) and other tools."""
    out = {t.KIND: _json(t.model_json_schema()) for t in RECORD_TYPES}
    out["source"] = _json(Source.model_json_schema())
    return out


def exports(kb: KnowledgeBase, dumps: Dumps | None = None) -> dict[str, str]:
    """Every download, by path relative to the site root. ``dumps``: the records serialised by
    an earlier call, kept between the edit loop's rebuilds."""
    dumps = dumps or Dumps(keep=False)
    files = {"downloads/kb.json": kb_json(kb, dumps)}
    files["downloads/statements.csv"], files["downloads/statements.json"] = statements_files(
        dumps.statements(claims_of(e, kb)) for e in kb.entries.values())
    for t in RECORD_TYPES:
        files[f"downloads/{t.FOLDER}.csv"] = kind_csv(kb, t.KIND, dumps)
    for kind, schema in schemas().items():
        files[f"downloads/schema/{kind}.json"] = schema
    dumps.forget_unseen()
    return dict(sorted(files.items()))


def packed_exports(kb: KnowledgeBase) -> dict[str, tuple[bytes, int]]:
    """Every download packed (markup/page.py), with its size in bytes: made by a render worker
    for a one-shot build, which sends back a quarter of the bytes and never holds all the text."""
    out = {}
    for path, content in exports(kb).items():
        data = content.encode("utf-8")
        out[path] = (pack(data), len(data))
    return out
