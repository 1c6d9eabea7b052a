"""`vnus-kb candidates`: what in a source no record cites yet, sentence by sentence: names (linked or new),
figures as written, and draft records with the source and the exact quote filled in."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..knowledge.coverage import coverage
from ..knowledge.kb import KnowledgeBase
from ..knowledge.models import KINDS
from ..knowledge.suggest import did_you_mean
from ..knowledge.text import fold_name
from . import Refusal
from .figures import Figure, amount_value, figures, iso_date
from .names import Link, NameIndex, find_names
from .scaffold import TODO, scalar, skeleton, slugify


@dataclass
class Draft:
    kind: str
    id: str
    yaml: str
    new: bool  # a new record (False: a citation to add to an existing one)

    @property
    def path(self) -> str:
        return f"{KINDS[self.kind].FOLDER}/{self.id}.yaml"


@dataclass
class Candidate:
    line: int
    sentence: str
    links: list[Link]
    figures: list[Figure]
    drafts: list[Draft] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "sentence": self.sentence,
            "links": [{"text": lk.text, "record": lk.record, "kind": lk.kind, "how": lk.how} for lk in self.links],
            "figures": [f.text for f in self.figures],
            "figure_kinds": [f.kind for f in self.figures],
            "draft": self.drafts[0].yaml if self.drafts else None,
            "drafts": [{"kind": d.kind, "id": d.id, "path": d.path, "new": d.new, "yaml": d.yaml} for d in self.drafts],
        }


class _Ids:
    """Ids for drafts: from the name, never one that is taken or already drafted."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.taken = set(kb.entries)

    def __call__(self, base: str) -> str:
        base = slugify(base) or "record"
        rid, n = base, 2
        while rid in self.taken:
            rid, n = f"{base}-{n}", n + 1
        self.taken.add(rid)
        return rid


def _number(text: str) -> float | int | None:
    m = re.search(r"\d+(?:[.,]\d+)*", text)
    if not m:
        return None
    digits = m.group()
    value = float(digits.replace(",", "")) if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", digits) else None
    if value is None:
        return None
    for word, scale in (("thousand", 1e3), ("million", 1e6), ("billion", 1e9)):
        if word in text[m.end():]:
            value *= scale
    return int(value) if value.is_integer() else value


def _drafts(c: Candidate, source: str, year: str | None, ids: _Ids, drafted: dict[str, Link]) -> list[Draft]:
    """Drafts for the sentence: a record per new name; else one the figures suggest (an investment for an
    amount, an indicator for a count or share, an event for a date); else a citation for a known record."""
    quote = c.sentence
    out: list[Draft] = []
    for lk in c.links:
        if lk.record is None and fold_name(lk.text) not in drafted:
            rid = ids(lk.text)
            out.append(Draft(lk.kind, rid, skeleton(lk.kind, rid, name=lk.text, source=source, quote=quote, optional=False), True))
            drafted[fold_name(lk.text)] = Link(lk.text, rid, lk.kind, "drafted", lk.start, lk.end)
    if out:
        return out
    known = [drafted.get(fold_name(lk.text), lk) for lk in c.links]
    known = [lk for lk in known if lk.record]
    actors = [lk.record for lk in known if lk.kind in ("organization", "person", "place") and lk.record]
    places = [lk.record for lk in known if lk.kind == "place" and lk.record]
    amounts = [v for f in c.figures if f.kind == "amount" and (v := amount_value(f.text))]
    dates = [d for f in c.figures if f.kind == "date" and (d := iso_date(f.text, year))]
    counts = [f for f in c.figures if f.kind in ("count", "percentage") and _number(f.text) is not None]
    base = " ".join([*(lk.record or "" for lk in known[:2])]) or source
    if amounts:
        values: dict[str, Any] = {"investors": [a for a in actors if a not in places][:1] or [TODO], "amount": amounts[0]}
        if places:
            values["place"] = places[0]
        if dates:
            values["announced"] = dates[0]
        rid = ids(f"{base} investment")
        out.append(Draft("investment", rid, skeleton("investment", rid, values=values, source=source, quote=quote,
                                                     cite_fields=["amount", "announced"] if dates else ["amount"],
                                                     optional=False), True))
    elif counts:
        values = {"metric": TODO, "value": _number(counts[0].text), "unit": TODO}
        if counts[0].kind == "percentage":
            values["unit"] = "percent"
        if actors:
            values["subjects"] = actors[:3]
        rid = ids(f"{base} {counts[0].text}")
        out.append(Draft("indicator", rid, skeleton("indicator", rid, values=values, source=source, quote=quote,
                                                    cite_fields=["value"], optional=False), True))
    elif dates and known:
        values = {"date": dates[0], "participants": actors[:3]} if actors else {"date": dates[0]}
        if places:
            values["place"] = places[0]
        rid = ids(f"{base} {dates[0]}")
        out.append(Draft("event", rid, skeleton("event", rid, values=values, source=source, quote=quote,
                                                cite_fields=["date"], optional=False), True))
    elif known:
        lk = known[0]
        folder = KINDS[lk.kind].FOLDER
        text = (f"# a citation for data/{folder}/{lk.record}.yaml: add it under 'sources:'\n"
                f"- source: {source}\n  quote: {scalar(quote)}\n")
        out.append(Draft(lk.kind, lk.record or "", text, False))
    return out


def candidates(kb: KnowledgeBase, source_id: str) -> list[Candidate]:
    """The uncited sentences of a source outside its chrome, each with its names, figures and drafts."""
    src = kb.sources.get(source_id)
    if src is None:
        hint = did_you_mean(source_id, kb.sources)
        raise Refusal(f"no source '{source_id}' in seeds/" + (f"; {hint}" if hint else ""))
    index = NameIndex(kb)
    ids = _Ids(kb)
    drafted: dict[str, Link] = {}
    year = (src.meta.published or "")[:4] or None
    out = []
    for s in coverage(kb)[source_id]:
        if s.covered:
            continue
        line = src.body_line + src.text.body.count("\n", 0, s.start)
        c = Candidate(line, s.text, find_names(s.text, index), figures(s.text))
        c.drafts = _drafts(c, source_id, year, ids, drafted)
        out.append(c)
    return out


def as_json(found: list[Candidate]) -> str:
    return json.dumps([c.as_json() for c in found], ensure_ascii=False, indent=1) + "\n"


def as_text(found: list[Candidate], path: str) -> str:
    lines: list[str] = []
    for c in found:
        lines.append(f"{path}:{c.line}: {c.sentence}")
        for lk in c.links:
            target = f"-> {lk.record} ({lk.kind}, {lk.how})" if lk.record else f"-> new {lk.kind}"
            lines.append(f"    name    {lk.text} {target}")
        for f in c.figures:
            lines.append(f"    figure  {f.text} ({f.kind})")
        for d in c.drafts:
            lines.append(f"    draft   {d.path}" if d.new else f"    cite in {d.path}")
            lines.extend("      " + x for x in d.yaml.splitlines())
        lines.append("")
    new = sum(d.new for c in found for d in c.drafts)
    lines.append(f"{len(found)} uncited sentence(s), {new} draft record(s)")
    return "\n".join(lines) + "\n"


def write_drafts(found: list[Candidate], out: Path) -> tuple[list[Path], list[Path]]:
    """Write each new-record draft as <out>/<folder>/<id>.yaml; never overwrite (the skipped ones are returned)."""
    written: list[Path] = []
    skipped: list[Path] = []
    for c in found:
        for d in c.drafts:
            if not d.new:
                continue
            path = out / d.path
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                with path.open("x", encoding="utf-8") as f:
                    f.write(d.yaml)
            except FileExistsError:
                skipped.append(path)
                continue
            written.append(path)
    return written, skipped
