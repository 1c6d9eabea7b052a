"""Does each claimed value stand in the words of a quote that cites it? Or does the record say how it was
obtained (``provenance``)? The written forms themselves are parsed in knowledge/forms.py."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from .diagnostics import Diagnostic, error
from .kb import Entry
from .models import Loc
from .suggest import did_you_mean

_NOT_VALUES = ("id", "sources", "provenance")


def _with_provenance(e: Entry) -> Iterator[tuple[Loc, BaseModel]]:
    """The record and its nested models that may carry ``provenance`` (roles, progress)."""
    yield (), e.record
    for name in ("roles", "progress"):
        for i, item in enumerate(getattr(e.record, name, [])):
            yield (name, i), item


def check_provenance(e: Entry) -> Iterator[Diagnostic]:
    """Each provenance key names a field of the same model that the record sets."""
    for loc, model in _with_provenance(e):
        what = e.kind if not loc else "role" if loc[0] == "roles" else "progress entry"
        for key in getattr(model, "provenance", {}):
            pos = e.doc.key_where.get((*loc, "provenance", key), e.doc.pos((*loc, "provenance", key)))
            if key not in type(model).model_fields or key in _NOT_VALUES:
                fields = [f for f in type(model).model_fields if f not in _NOT_VALUES]
                yield error("provenance-field-unknown", f"provenance names '{key}', which is not a field of this {what}", pos,
                            did_you_mean(key, fields) or "use the name of the field whose value it explains")
            elif getattr(model, key) in (None, [], ""):
                yield error("provenance-field-unknown", f"provenance names '{key}', which this {what} does not set", pos,
                            f"set {key} or drop its provenance")
