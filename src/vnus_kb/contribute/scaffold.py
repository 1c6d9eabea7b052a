"""Record skeletons: every required field, the allowed values of enumerated fields as comments, the
editor-schema line. `vnus-kb new` writes one; `vnus-kb candidates` fills one per draft."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import yaml

from ..knowledge.read.models import KINDS, SLUG_RE, Record
from ..knowledge.text import strip_accents
from . import Refusal

TODO = "TODO"  # the placeholder: never a valid value, so `vnus-kb validate` points at each one left
_FIRST = ("id", "name", "aliases", "name_vi", "type")
_LAST = ("sources",)
_SHAPES = {"amount": " {value: 1000000, currency: USD}", "value": " {value: 1000000, currency: USD}",
           "roles": " [{title: Minister, organization: <id>, as_of: '2024', sources: [...]}]"}


def model_of(kind: str) -> type[Record]:
    """The record class for a kind ('organization') or its folder ('organizations')."""
    for model in KINDS.values():
        if kind in (model.KIND, model.FOLDER):
            return model
    raise Refusal(f"'{kind}' is not a kind of record; the kinds are: {', '.join(KINDS)}")


def slugify(text: str, max_len: int = 60) -> str:
    """'Phạm Minh Chính' -> 'pham-minh-chinh'."""
    plain = strip_accents(unicodedata.normalize("NFKC", text)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0]
    return slug


def is_slug(text: str) -> bool:
    return bool(re.fullmatch(SLUG_RE, text)) and len(text) <= 80


def choices(annotation: Any) -> list[str]:
    """The allowed values of an enumerated field (also inside lists and optionals)."""
    if get_origin(annotation) is Literal:
        return [str(a) for a in get_args(annotation)]
    for arg in get_args(annotation):
        found = choices(arg)
        if found:
            return found
    return []


def scalar(value: Any) -> str:
    """One YAML value on one line (strings quoted only where YAML needs it)."""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**9, sort_keys=False)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def _placeholder(model: type[Record], field: str) -> str:
    info = model.model_fields[field]
    if field == "variants":  # a discrepancy: two spellings, each cited
        one = f"\n  - value: {TODO}\n    sources:\n      - source: {TODO}\n        quote: {TODO}"
        return one + one
    if get_origin(info.annotation) is list:
        return f"[{TODO}]"
    return TODO


def citation_yaml(source: str, quote: str, fields: list[str] | None = None, indent: str = "  ") -> str:
    lines = [f"{indent}- source: {scalar(source)}", f"{indent}  quote: {scalar(quote)}"]
    if fields:
        lines.append(f"{indent}  fields: {scalar(fields)}")
    return "\n".join(lines)


def skeleton(kind: str, rid: str, *, name: str | None = None, values: dict[str, Any] | None = None,
             source: str | None = None, quote: str | None = None, cite_fields: list[str] | None = None,
             optional: bool = True) -> str:
    """The YAML text of a record to complete: required fields hold TODO, given ``values`` are filled in,
    optional fields are listed as comments (with ``optional``)."""
    model = model_of(kind)
    values = dict(values or {})
    required = {f for f, info in model.model_fields.items() if info.is_required()}
    if model.KIND == "event" and "start" not in values:
        required.add("date")  # an event needs 'date' or 'start'
    lines = [f"# yaml-language-server: $schema=../../schemas/{model.KIND}.json",
             f"id: {rid}", f"name: {scalar(name) if name else TODO}"]
    order = [f for f in _FIRST if f in model.model_fields and f not in ("id", "name")]
    order += [f for f in model.model_fields if f not in _FIRST and f not in _LAST and f != "provenance"]
    for field in order:
        allowed = choices(model.model_fields[field].annotation)
        note = f"  # one of: {', '.join(allowed)}" if allowed and field != "sectors" else ""
        if field in values:
            lines.append(f"{field}: {scalar(values[field])}{note}")
        elif field in required:
            lines.append(f"{field}: {_placeholder(model, field)}{note}".replace(": \n", ":\n"))
        elif optional:
            hint = f"  # any of: {', '.join(allowed)}" if field == "sectors" else _SHAPES.get(field, note)
            lines.append(f"# {field}:{hint}")
    if "provenance" in model.model_fields:
        lines += provenance_comment(model, cite_fields, source)
    lines.append("sources:")
    lines.append(citation_yaml(source or TODO, quote or TODO, cite_fields))
    return "\n".join(lines) + "\n"


def provenance_comment(model: type[Record], cite_fields: list[str] | None, source: str | None) -> list[str]:
    """The ``provenance:`` block as comments: how to mark a value that the quotes do not state in words
    (else `vnus-kb validate` reports value-not-in-quote); see docs/contributing.md."""
    field = (cite_fields or [*model.CLAIMS, "name_vi"])[0]
    return ["# A value the quotes below do not state in words (a year taken from the article's date, a name with",
            "# diacritics, ...) says how it was obtained: uncomment 'provenance:' and, per such field, the line",
            "# of its basis (inferred from a source, or from outside them), in your words:",
            "# provenance:",
            f"#   {field}: {{basis: inferred, how: 'what in the article it follows from', source: {source or '<source id>'}}}",
            f"#   {field}: {{basis: outside, how: 'why it is here and where it comes from', reference: 'https://...'}}"]


def record_path(root: Path, rid: str) -> Path | None:
    """The file of the record with this id, in any kind's folder, if one exists."""
    for model in KINDS.values():
        path = root / "data" / model.FOLDER / f"{rid}.yaml"
        if path.exists():
            return path
    return None


def new_record(root: Path, kind: str, rid: str) -> Path:
    """Write data/<folder>/<id>.yaml with a skeleton; refuse a taken id or one that is not a slug."""
    model = model_of(kind)
    if not is_slug(rid):
        suggestion = slugify(rid)
        hint = f", such as '{suggestion}'" if suggestion else ""
        raise Refusal(f"'{rid}' is not a valid id: use lower-case letters, digits and single hyphens{hint}")
    taken = record_path(root, rid)
    if taken is not None:
        raise Refusal(f"the id '{rid}' is taken by {taken.relative_to(root).as_posix()}; ids are unique across all kinds")
    path = root / "data" / model.FOLDER / f"{rid}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(skeleton(model.KIND, rid), encoding="utf-8")
    return path
