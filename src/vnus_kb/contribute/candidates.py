"""`vnus-kb candidates`: what in a source no record cites yet, sentence by sentence: names (linked or new),
figures as written, and draft records with the source and the exact quote filled in."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..knowledge.checks.coverage import coverage
from ..knowledge.kb import KnowledgeBase
from ..knowledge.read.models import KINDS
from ..knowledge.suggest import did_you_mean
from ..knowledge.text import fold_name
from . import Refusal
from .figures import Figure, amount_value, figures, iso_date, number
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


def _drafts(c: Candidate, source: str, year: str | None, ids: _Ids, drafted: dict[str, Link]) -> list[Draft]:
    """Drafts for the sentence: a record per new name, and one the figures suggest (an investment for an
    amount, a target for a count 'by' a year, an indicator for a count or share, else an event for a date);
    with neither, a citation for the first known record it names."""
    out: list[Draft] = []
    for lk in c.links:
        key = fold_name(lk.text)
        if lk.record is None and key not in drafted:
            rid = ids(lk.text)
            out.append(Draft(lk.kind, rid, skeleton(lk.kind, rid, name=lk.text, source=source, quote=c.sentence,
                                                    optional=False), True))
            drafted[key] = Link(lk.text, rid, lk.kind, "drafted", lk.start, lk.end)
            first = key.split()[0]
            if len(first) >= 4 and len(key.split()) > 1:  # 'Orion' for 'Orion Microdevices', later on
                drafted.setdefault(first, drafted[key])
    known = [lk for lk in (drafted.get(fold_name(lk.text), lk) for lk in c.links) if lk.record]
    figure = _figure_draft(c, source, year, known, ids, dated_event=not out)
    if figure:
        out.append(figure)
    if not out and known:
        lk = known[0]
        text = (f"# a citation for data/{KINDS[lk.kind].FOLDER}/{lk.record}.yaml: add it under 'sources:'\n"
                f"- source: {source}\n  quote: {scalar(c.sentence)}\n")
        out.append(Draft(lk.kind, lk.record or "", text, False))
    return out


def _figure_draft(c: Candidate, source: str, year: str | None, known: list[Link], ids: _Ids,
                  dated_event: bool) -> Draft | None:
    actors = [lk.record for lk in known if lk.kind in ("organization", "person", "place") and lk.record]
    places = [lk.record for lk in known if lk.kind == "place" and lk.record]
    others = [a for a in actors if a not in places]
    amounts = [v for f in c.figures if (v := amount_value(f))]
    dates = [d for f in c.figures if (d := iso_date(f, year))]
    counts = [f for f in c.figures if f.kind in ("count", "percentage") and f.value is not None]
    deadline = re.search(r"\bby (?:the end of )?((?:19|20)\d\d)\b", c.sentence)
    base = " ".join([*(lk.record or "" for lk in known[:2])]) or source
    values: dict[str, Any]
    if amounts:
        kind, claims = "investment", ["amount"]
        values = {"investors": others[:1] or [TODO], "amount": amounts[0]}
        if places:
            values["place"] = places[0]
        if dates:
            values["announced"] = dates[0]
            claims.append("announced")
        rid = ids(f"{base} investment")
    elif counts:
        value, unit = number(counts[0].value or 0), _unit(counts[0])
        if deadline:
            kind, claims = "target", ["value", "deadline"]
            values = {"owner": (others or actors or [TODO])[0], "metric": TODO, "value": value, "unit": unit,
                      "deadline": deadline.group(1)}
        else:
            kind, claims = "indicator", ["value"]
            values = {"metric": TODO, "value": value, "unit": unit}
            if actors:
                values["subjects"] = actors[:3]
        rid = ids(f"{base} {counts[0].text}")
    elif dates and known and dated_event:
        kind, claims = "event", ["date"]
        values = {"date": dates[0], "participants": others[:3]} if others else {"date": dates[0]}
        if places:
            values["place"] = places[0]
        rid = ids(f"{base} {dates[0]}")
    else:
        return None
    return Draft(kind, rid, skeleton(kind, rid, values=values, source=source, quote=c.sentence, cite_fields=claims,
                                     optional=False), True)


def _unit(figure: Figure) -> str:
    """'1,200 engineers' -> 'engineers'; '30 percent' -> 'percent'; TODO when the figure names none."""
    if figure.kind == "percentage":
        return "percent"
    return figure.unit or TODO


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
        c = Candidate(line, s.text, find_names(s.text, index, drafted), figures(s.text))
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
            target = (f"-> {lk.record} ({lk.kind}, {lk.how})" if lk.record
                      else f"-> new {lk.kind}" + (f" ({lk.how.removeprefix('new, ')})" if lk.how != "new" else ""))
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
