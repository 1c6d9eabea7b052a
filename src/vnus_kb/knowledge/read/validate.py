"""Raw documents -> typed records; every schema error mapped back to its line and column."""

from __future__ import annotations

from typing import Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from ..diagnostics import Diagnostic, error
from ..suggest import did_you_mean
from .fields import inner_model, is_mapping
from .models import SLUG_RE, Source
from .positions import Document, Path

M = TypeVar("M", bound=BaseModel)

_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false",
               list: "a list", dict: "a mapping", type(None): "empty"}


_PATTERN_WORDS = {  # field -> (what it must be, an example)
    "language": ("a two-letter ISO 639-1 language code", "'en' or 'vi'"),
    "field": ("a field name", "'name' or 'amount'"),
    "original_file": ("a plain file name", "'003_e381843054bbfc72.txt'"),
}


def _describe(value: Any) -> str:
    kind = _TYPE_NAMES.get(type(value), type(value).__name__)
    if isinstance(value, (dict, list)):
        return kind
    shown = repr(value) if isinstance(value, str) else str(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return f"{kind} {shown}" if value is not None else "nothing"


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that owns the last key of ``loc``."""
    current: Any = model
    keyed = False  # the next part is a key of a mapping of models, such as provenance's field names
    for part in loc:
        if isinstance(part, int) or keyed:
            keyed = False
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current, keyed = inner_model(info.annotation), is_mapping(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _literal_choices(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    owner = _model_at(model, loc[:-1]) if loc else None
    name = next((p for p in reversed(loc) if isinstance(p, str)), None)
    if owner is None or name is None or name not in owner.model_fields:
        return []

    def find(annotation: Any) -> list[str]:
        if get_origin(annotation) is Literal:
            return [str(a) for a in get_args(annotation)]
        for arg in get_args(annotation):
            if get_origin(arg) in (Literal, Union, list) or get_args(arg):
                found = find(arg)
                if found:
                    return found
        return []

    return find(owner.model_fields[name].annotation)


def _field_label(loc: tuple[Any, ...]) -> str:
    label = ""
    for part in loc:
        label += f"[{part}]" if isinstance(part, int) else (f".{part}" if label else str(part))
    return label or "record"


def schema_diagnostics(exc: ValidationError, model: type[BaseModel], doc: Document) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for err in exc.errors(include_url=False):
        loc: Path = tuple(err["loc"])
        kind, value = err["type"], err.get("input")
        field = _field_label(loc)
        if kind == "extra_forbidden":
            owner = _model_at(model, loc[:-1])
            allowed = list(owner.model_fields) if owner else []
            pos = doc.key_where.get(loc, doc.pos(loc))
            out.append(error("schema-unknown-field", f"unknown field '{loc[-1]}'", pos,
                             did_you_mean(str(loc[-1]), allowed) or f"allowed fields: {', '.join(allowed)}"))
        elif kind == "missing":
            out.append(error("schema-missing-field", f"missing required field '{field}'", doc.pos(loc[:-1]),
                             f"add '{loc[-1]}:'"))
        elif kind in ("string_type", "float_type", "int_type", "bool_type", "list_type", "dict_type", "model_type"):
            want = {"string_type": "text", "float_type": "a number", "int_type": "a whole number",
                    "bool_type": "true or false", "list_type": "a list", "dict_type": "a mapping",
                    "model_type": "a mapping"}[kind]
            hint = ""
            if kind == "string_type" and isinstance(value, (int, float, bool)):
                hint = "put the value in quotes to keep it as written"
            elif kind == "list_type" and isinstance(value, str):
                hint = f"write it as a list: [{value}]"
            elif kind in ("float_type", "int_type") and isinstance(value, str):
                hint = "write the number without quotes, units or separators"
            out.append(error("schema-type", f"{field} must be {want}, not {_describe(value)}", doc.pos(loc), hint))
        elif kind == "literal_error":
            choices = _literal_choices(model, loc)
            out.append(error("schema-value", f"{field} '{value}' is not one of the allowed values", doc.pos(loc),
                             did_you_mean(str(value), choices) or f"use one of: {', '.join(choices)}"))
        elif kind == "string_pattern_mismatch" and err.get("ctx", {}).get("pattern") == SLUG_RE:
            out.append(error("schema-value", f"{field} '{value}' is not a valid id", doc.pos(loc),
                             "use lowercase letters, digits and single hyphens, such as 'amkor-bac-ninh'"))
        elif kind == "string_pattern_mismatch" and str(loc[-1]) in _PATTERN_WORDS:
            want, example = _PATTERN_WORDS[str(loc[-1])]
            out.append(error("schema-value", f"{field} '{value}' is not {want}", doc.pos(loc), f"write it like {example}"))
        elif kind in ("greater_than_equal", "greater_than"):
            bound = err["ctx"].get("ge", err["ctx"].get("gt"))
            out.append(error("schema-value", f"{field} must be at least {bound:g}, not {value}", doc.pos(loc)))
        elif kind == "too_short":
            out.append(error("schema-value", f"{field} needs at least {err['ctx']['min_length']} item(s)", doc.pos(loc)))
        else:
            msg = err["msg"].removeprefix("Value error, ")
            if msg[1:2].islower():
                msg = msg[0].lower() + msg[1:]
            out.append(error("schema-value", f"{field}: {msg}" if loc else msg, doc.pos(loc)))
    return out


def to_model(model: type[M], doc: Document) -> tuple[M | None, list[Diagnostic]]:
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, schema_diagnostics(exc, model, doc)
    except (RecursionError, OverflowError, ValueError) as exc:  # never a traceback for bad data
        return None, [error("schema-value", f"unreadable record: {type(exc).__name__}", doc.pos(()))]


def to_source(doc: Document) -> tuple[Source | None, list[Diagnostic]]:
    return to_model(Source, doc)
