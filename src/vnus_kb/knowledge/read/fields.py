"""What the models hold, read from their annotations: each field's reference marker, the models
nested in a field, and walks over a record (or over raw data not yet validated) for its references
and citations."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from .models import SLUG_RE, Citation, Loc, Ref


def _ref_of(annotation: Any) -> tuple[Ref | None, bool]:
    """The Ref marker inside a field annotation, and whether the field is a list."""
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *meta = get_args(annotation)
        for m in meta:
            if isinstance(m, Ref):
                return m, False
        return _ref_of(base)
    if origin is list:
        ref, _ = _ref_of(get_args(annotation)[0])
        return ref, True
    if origin is Union or str(origin) == "<class 'types.UnionType'>":
        for arg in get_args(annotation):
            ref, many = _ref_of(arg)
            if ref:
                return ref, many
    return None, False


@functools.cache
def _refs_of(model: type[BaseModel]) -> dict[str, Ref | None]:
    """Per model class, each field's Ref marker (read from the annotations once)."""
    return {name: _ref_of(info.annotation if not info.metadata else Annotated[info.annotation, *info.metadata])[0]
            for name, info in model.model_fields.items()}


@functools.cache
def field_names(model: type[BaseModel]) -> frozenset[str]:
    """A model's field names, asked once per class (pydantic's ``model_fields`` is a property)."""
    return frozenset(model.model_fields)


def list_field(model: BaseModel, name: str) -> list[Any]:
    """The list field ``name`` (roles, progress) of a model that may not have it, else []: without
    the cost of a missing attribute on a pydantic model."""
    return getattr(model, name) if name in field_names(type(model)) else []


def _items(value: Any) -> list[tuple[str | int | None, Any]]:
    """A field's value as (index or key, item) pairs: lists by index, mappings by key, else (None, value)."""
    if isinstance(value, list):
        return list(enumerate(value))
    if isinstance(value, dict):
        return [(k, v) for k, v in value.items() if isinstance(k, str)]
    return [(None, value)]


def is_mapping(annotation: Any) -> bool:
    """Whether a field holds a mapping of models (such as ``provenance``), keyed by name."""
    if get_origin(annotation) is dict:
        return True
    if get_origin(annotation) is list:
        return False
    return any(is_mapping(a) for a in get_args(annotation))


@functools.cache
def _ref_fields(model: type[BaseModel]) -> tuple[tuple[str, Ref | None], ...]:
    """The fields of a model that can hold a reference: a Ref field, or one that holds models
    (the others, such as names and descriptions, are skipped without being looked at)."""
    return tuple((name, ref) for name, ref in _refs_of(model).items()
                 if ref is not None or inner_model(model.model_fields[name].annotation) is not None)


@functools.cache
def _model_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model that can hold models (citations, roles, an amount), in order."""
    return tuple(name for name, info in model.model_fields.items() if inner_model(info.annotation) is not None)


def iter_refs(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str, tuple[str, ...]]]:
    """Every reference in a record: (location, target id, kinds it may point at)."""
    for name, ref in _ref_fields(type(model)):
        value = getattr(model, name)
        if value is None:
            continue
        for i, item in _items(value):
            here = (*loc, name) if i is None else (*loc, name, i)
            if ref and isinstance(item, str):
                yield here, item, ref.kinds
            elif isinstance(item, BaseModel):
                yield from iter_refs(item, here)


def inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model class inside an annotation such as ``list[Role] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = inner_model(arg)
        if found is not None:
            return found
    return None


def iter_raw(model: type[BaseModel], data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, type[BaseModel], dict[str, Any]]]:
    """Each mapping of raw, unvalidated data with the model that would read it: so that a record
    refused by its schema still has its references and quotes checked in the same run."""
    if not isinstance(data, dict):
        return
    yield loc, model, data
    for name, info in model.model_fields.items():
        inner, value = inner_model(info.annotation), data.get(name)
        if inner is None or value is None:
            continue
        items = _items(value) if isinstance(value, list) or is_mapping(info.annotation) else [(None, value)]
        for i, item in items:
            yield from iter_raw(inner, item, (*loc, name) if i is None else (*loc, name, i))


def iter_raw_refs(model: type[BaseModel], data: Any) -> Iterator[tuple[Loc, str, tuple[str, ...]]]:
    """The references in raw data that have the shape of an id."""
    for loc, m, d in iter_raw(model, data):
        for name, ref in _refs_of(m).items():
            value = d.get(name)
            items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
            for i, item in items:
                if ref and isinstance(item, str) and re.fullmatch(SLUG_RE, item):
                    yield ((*loc, name) if i is None else (*loc, name, i)), item, ref.kinds


def iter_raw_citations(model: type[BaseModel], data: Any) -> Iterator[tuple[Loc, str, str]]:
    """(location, source id, quote) of each well-formed citation in raw data."""
    for loc, m, d in iter_raw(model, data):
        if m is Citation and isinstance(d.get("source"), str) and isinstance(d.get("quote"), str):
            yield loc, d["source"], d["quote"]


def iter_citations(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, Citation]]:
    """Every citation in a record, nested ones (roles, progress, variants) included."""
    for name in _model_fields(type(model)):
        for i, item in _items(getattr(model, name)):
            here = (*loc, name) if i is None else (*loc, name, i)
            if isinstance(item, Citation):
                yield here, item
            elif isinstance(item, BaseModel):
                yield from iter_citations(item, here)
