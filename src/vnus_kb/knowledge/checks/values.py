"""Does each claimed value stand in the words of a quote that cites it? Or does the record say how it was
obtained (``provenance``)? Each value is classed once (``claims``): the validator reports the ones that
do neither (``value-not-in-quote``), and the statements export publishes the class of every one.
The written forms themselves are parsed in knowledge/checks/forms.py."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..diagnostics import Diagnostic, error, warning
from ..kb import Entry, KnowledgeBase
from ..read.fields import field_names, list_field
from ..read.models import Basis, Citation, Loc, Money
from ..suggest import did_you_mean
from . import forms

_NOT_VALUES = ("id", "sources", "provenance")
DATE_FIELDS = frozenset({"signed", "announced", "adopted", "horizon", "vision", "date", "start", "end", "started",
                         "deadline", "since", "until", "as_of"})
_REF_FIELDS = frozenset({"place", "headquarters"})
_ROLE_CLAIMS = ("since", "until", "as_of")
_PROGRESS_CLAIMS = ("value", "as_of")
_CURRENCIES = frozenset({"USD", "VND", "EUR", "GBP", "JPY"})


@dataclass(frozen=True)
class Claim:
    """One claimed value of a record, and how it stands."""

    record: str
    kind: str
    loc: Loc  # where the value stands in the record, such as ("roles", 0, "as_of")
    field: str  # its label, such as "roles[0].as_of"
    value: str  # as a reader would read it
    basis: str  # "quoted", "inferred", "outside" or "uncited" (stands in no quote that cites it)
    quote: Citation | None  # the quote it stands in; for inferred and outside ones, the first one tried
    tried: tuple[Citation, ...]  # the quotes that cite the field
    provenance: Basis | None
    looked_for: tuple[str, ...]  # the written forms searched for


def _unset(value: Any) -> bool:
    """value in (None, [], ""), without asking a model whether it equals a list."""
    return value is None or (isinstance(value, (list, str)) and not value)


def _with_provenance(e: Entry) -> Iterator[tuple[Loc, BaseModel]]:
    """The record and its nested models that may carry ``provenance`` (roles, progress)."""
    yield (), e.record
    for name in ("roles", "progress"):
        for i, item in enumerate(list_field(e.record, name)):
            yield (name, i), item


def check_provenance(e: Entry) -> Iterator[Diagnostic]:
    """Each provenance key names a field of the same model that the record sets."""
    for loc, model in _with_provenance(e):
        what = e.kind if not loc else "role" if loc[0] == "roles" else "progress entry"
        for key in getattr(model, "provenance", {}):
            at = (*loc, "provenance", key)
            if key not in field_names(type(model)) or key in _NOT_VALUES:
                fields = [f for f in type(model).model_fields if f not in _NOT_VALUES]
                yield error("provenance-field-unknown", f"provenance names '{key}', which is not a field of this {what}",
                            e.doc.key_where.get(at, e.doc.pos(at)),
                            did_you_mean(key, fields) or "use the name of the field whose value it explains")
            elif _unset(getattr(model, key)):
                yield error("provenance-field-unknown", f"provenance names '{key}', which this {what} does not set",
                            e.doc.key_where.get(at, e.doc.pos(at)), f"set {key} or drop its provenance")


def _shown(name: str, value: Any, model: BaseModel) -> str:
    if isinstance(value, Money):
        text = f"{forms.plain(value.value)} {value.currency}"
        return f"{value.words} ({value.qualifier or 'bound'} {text})" if value.words else text
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float | int) and not isinstance(value, bool):
        unit = getattr(model, "unit", "")
        words = getattr(model, "words", None)
        text = f"{forms.plain(value)} {unit}".strip()
        qualifier = getattr(model, "qualifier", None)
        return f"{words} ({qualifier or 'bound'} {text})" if words and name == "value" else text
    return str(value)


def _test(name: str, value: Any, model: BaseModel, kb: KnowledgeBase) -> tuple[Callable[[forms.Parsed], bool], tuple[str, ...]]:
    """A predicate on a parsed quote telling whether the value stands in it, and the forms it looks for."""
    words = getattr(value, "words", None) or (getattr(model, "words", None) if name == "value" else None)
    if words:
        return (lambda p: forms.has_words(p, words)), (words,)
    if isinstance(value, Money):
        m = value
        return (lambda p: forms.has_number(p, m.value, ("count",), m.currency)), tuple(forms.money_forms(m.value, m.currency))
    if name in DATE_FIELDS and isinstance(value, str):
        return (lambda p: forms.has_date(p, value)), tuple(forms.date_forms(value))
    if isinstance(value, float | int) and not isinstance(value, bool):
        unit = str(getattr(model, "unit", ""))
        v = float(value)
        if unit.lower() in ("rank", "position", "place"):
            return (lambda p: forms.has_number(p, v, ("ordinal",))), tuple(forms.number_forms(v, unit))
        currency = unit if unit in _CURRENCIES else None
        return (lambda p: forms.has_number(p, v, ("count", "multiple"), currency)), tuple(
            forms.money_forms(v, unit) if currency else forms.number_forms(v, unit))
    if name == "status":
        return (lambda p: forms.has_status(p, value)), forms.STATUS_WORDS.get(value, ())
    if name == "name_vi":
        return (lambda p: forms.has_exact(p, value)), (value,)
    if name == "country":
        return (lambda p: forms.has_country(p, value)), forms.country_names(value)
    if name in _REF_FIELDS:
        names = tuple(kb.entries[value].record.all_names())
        return (lambda p: any(forms.has_words(p, n) for n in names)), names
    return (lambda p: forms.has_words(p, str(value))), (str(value),)


def _label(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@functools.cache
def _claimed(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a kind of record whose values are claims."""
    return (*getattr(model, "CLAIMS", ()), *(n for n in ("name_vi", "country") if n in model.model_fields))


def _claims_of(e: Entry, kb: KnowledgeBase, read: list[str]) -> Iterator[Claim]:
    """``read``: given the ids of the other records the claims read (the places named)."""
    r = e.record
    places: list[tuple[Loc, BaseModel, tuple[str, ...], list[Citation] | None]] = [((), r, _claimed(type(r)), None)]
    places += [(("roles", i), role, _ROLE_CLAIMS, role.sources) for i, role in enumerate(list_field(r, "roles"))]
    places += [(("progress", i), pr, _PROGRESS_CLAIMS, pr.sources) for i, pr in enumerate(list_field(r, "progress"))]
    for loc, model, claimed, own in places:
        prov: dict[str, Basis] = getattr(model, "provenance", {})
        # the claimed fields, then any other field whose provenance says how it was obtained (a type, a relation)
        fields = (*claimed, *(k for k in prov if k not in claimed and k in field_names(type(model)) and k not in _NOT_VALUES))
        for name in fields:
            value: Any = getattr(model, name, None)
            if name in _REF_FIELDS and isinstance(value, str):
                read.append(value)
            if _unset(value) or (name in _REF_FIELDS and getattr(kb.entries.get(value), "kind", None) != "place"):
                continue  # unset; or a reference that does not resolve, reported as such
            tried = tuple(own if own is not None else (c for c in r.sources if name in c.fields))
            test, looked = _test(name, value, model, kb) if name in claimed else ((lambda p: False), ())
            here = (*loc, name)
            basis = prov.get(name)
            found = None if basis else next((c for c in tried if test(forms.parse(c.quote))), None)
            yield Claim(record=e.id, kind=e.kind, loc=here, field=_label(here), value=_shown(name, value, model),
                        basis=basis.basis if basis else "quoted" if found else "uncited",
                        quote=found or (tried[0] if basis and tried else None), tried=tried, provenance=basis,
                        looked_for=looked)


def claims_of(e: Entry, kb: KnowledgeBase) -> list[Claim]:
    """The claimed values of record ``e`` of ``kb``, worked out once: validation, the badges on the
    pages and the statements download all read them. Kept with the entry (``Entry.memo``) while
    the records they read (the places it names) are the same objects: across the edit loop's
    rebuilds, an unchanged record's claims are not worked out again. ``kb`` must be resolved."""
    kept = e.memo.get("claims")
    if kept is not None and all(_record(kb, rid) is record for rid, record in kept[0]):
        made: list[Claim] = kept[1]
        return made
    read: list[str] = []
    made = list(_claims_of(e, kb, read))
    e.memo["claims"] = (tuple((rid, _record(kb, rid)) for rid in dict.fromkeys(read)), made)
    return made


def _record(kb: KnowledgeBase, rid: str) -> object:
    e = kb.entries.get(rid)
    return e.record if e is not None else None


def claims(kb: KnowledgeBase) -> Iterator[Claim]:
    """Every claimed value in the knowledge base, in record order."""
    for e in kb.entries.values():
        yield from claims_of(e, kb)


def _excerpt(c: Citation, width: int = 70) -> str:
    q = " ".join(c.quote.split())
    return f'"{q if len(q) <= width else q[:width - 1] + "…"}" ({c.source})'


def check_values(e: Entry, kb: KnowledgeBase) -> Iterator[Diagnostic]:
    for c in claims_of(e, kb):
        if c.provenance is not None:
            if not c.looked_for:
                continue  # a field the check does not read (a type, a relation): its provenance is all there is
            # "inferred" must mean inferred: a value its quote states needs no provenance
            found = next((q for q in c.tried if stands_in(kb, e.id, c.loc, q.quote)), None)
            if found is not None:
                at = (*c.loc[:-1], "provenance", c.loc[-1])
                yield warning("provenance-unneeded", f"{c.field} {c.value} stands in its quote {_excerpt(found)}, "
                              f"yet its provenance says {c.provenance.basis}", e.doc.key_where.get(at, e.doc.pos(at)),
                              f"drop the provenance entry of {c.loc[-1]}")
            continue
        if c.basis != "uncited":
            continue
        looked = ", ".join(f'"{f}"' for f in c.looked_for[:6])
        name = c.loc[-1]
        how = (f"say how it was obtained: provenance: {{{name}: {{basis: inferred or outside, how: ...}}}}")
        if c.tried:
            quotes = "; ".join(_excerpt(q) for q in c.tried[:3]) + (f"; and {len(c.tried) - 3} more" if len(c.tried) > 3 else "")
            msg = f"{c.field} {c.value} is not in the quotes that cite it: {quotes}; looked for {looked}"
            hint = f"quote the words that state it, or {how}"
        else:
            msg = f"{c.field} {c.value} is cited by no quote; looked for {looked}"
            hint = (f"add '{name}' to the fields of the citation whose quote states it, or {how}" if len(c.loc) == 1
                    else f"cite a quote that states it, or {how}")
        yield error("value-not-in-quote", msg, e.doc.pos(c.loc), hint)


def stands_in(kb: KnowledgeBase, rid: str, loc: Loc, quote: str) -> bool:
    """Whether the value at ``loc`` of record ``rid`` stands in ``quote`` (the words or the number)."""
    model: Any = kb.entries[rid].record
    for part in loc[:-1]:
        model = model[part] if isinstance(part, int) else getattr(model, part)
    name = str(loc[-1])
    test, _ = _test(name, getattr(model, name), model, kb)
    return bool(test(forms.parse(quote)))
