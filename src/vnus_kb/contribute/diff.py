"""`vnus-kb diff`: what changed in the knowledge between a git revision and the working tree: records
added, removed, renamed and changed (fields with old and new values and their quotes), sources added."""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from dataclasses import field as default
from pathlib import Path
from typing import Any

from ..knowledge.build import build
from ..knowledge.kb import KnowledgeBase
from ..knowledge.read.models import FOLDERS, Record
from ..knowledge.text import fold_name
from . import Refusal


@dataclass
class FieldChange:
    field: str
    old: Any
    new: Any
    quotes: list[str] = default(default_factory=list)  # the new record's quotes that support this field


@dataclass
class Change:
    change: str  # added, removed, changed, renamed; invalid: a record file its schema refuses
    record: str
    kind: str
    path: str
    name: str
    fields: list[FieldChange] = default(default_factory=list)
    old_id: str | None = None  # renamed: the id it had

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"change": self.change, "record": self.record, "kind": self.kind, "path": self.path,
                               "name": self.name, "fields": [f.field for f in self.fields],
                               "details": [{"field": f.field, "old": f.old, "new": f.new, "quotes": f.quotes}
                                           for f in self.fields]}
        if self.old_id:
            out["from"] = self.old_id
        return out


def _git(root: Path, *args: str, binary: bool = False) -> Any:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False, timeout=120)
    except FileNotFoundError:
        raise Refusal("git is not installed; diff compares a git revision with the working tree") from None
    if done.returncode != 0:
        raise Refusal(done.stderr.decode("utf-8", "replace").strip().splitlines()[-1] if done.stderr.strip()
                      else f"git {' '.join(args)} failed")
    return done.stdout if binary else done.stdout.decode("utf-8", "replace").strip()


def default_base(root: Path) -> str:
    """The merge base of HEAD with main (or origin/main)."""
    for branch in ("main", "origin/main", "master", "origin/master"):
        try:
            return str(_git(root, "merge-base", "HEAD", branch))
        except Refusal:
            continue
    raise Refusal("no branch 'main' to compare with; name a revision: vnus-kb diff <revision>")


def checkout_base(root: Path, base: str, into: Path) -> str:
    """Write the data/ and seeds/ of revision ``base`` under ``into``; return the commit id."""
    try:
        commit = "" if base.startswith("-") else str(_git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"))
    except Refusal:
        commit = ""
    if not commit:
        raise Refusal(f"'{base}' is not a revision of this repository")
    prefix = str(_git(root, "rev-parse", "--show-prefix"))
    present = [p for p in ("data", "seeds") if _git(root, "ls-tree", "--name-only", commit, f"{prefix}{p}")]
    for p in ("data", "seeds"):
        (into / p).mkdir(parents=True, exist_ok=True)
    if present:
        data = _git(root, "archive", "--format=tar", commit, *(f"{prefix}{p}" for p in present), binary=True)
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            members = [m for m in tar.getmembers() if m.isfile() or m.isdir()]
            for m in members:
                m.name = m.name[len(prefix):]
            tar.extractall(into, members=members, filter="data")
    return commit


def _plain(record: Record) -> dict[str, Any]:
    data: dict[str, Any] = record.model_dump(mode="json", exclude_none=True)
    return data


def _quotes(record: Record, name: str) -> list[str]:
    return [c.quote for c in record.sources if name in c.fields]


def _renamed(old: Record, new: Record) -> bool:
    if old.KIND != new.KIND:
        return False
    if fold_name(old.name) == fold_name(new.name):
        return True
    cites = {(c.source, c.quote) for c in old.sources}
    return any((c.source, c.quote) in cites for c in new.sources)


def compare(before: KnowledgeBase, after: KnowledgeBase) -> list[Change]:
    out: list[Change] = []
    invalid = {raw.stem: raw for raw in after.refused}  # there, but refused by its schema: not 'removed'
    added = [rid for rid in after.entries if rid not in before.entries]
    removed = [rid for rid in before.entries if rid not in after.entries and rid not in invalid]
    for rid, raw in invalid.items():
        out.append(Change("invalid", rid, FOLDERS[raw.folder].KIND, raw.path, "(does not validate: run vnus-kb validate)"))
    for rid in list(added):
        new = after.entries[rid]
        old_id = next((o for o in removed if _renamed(before.entries[o].record, new.record)), None)
        if old_id is None:
            continue
        added.remove(rid)
        removed.remove(old_id)
        change = _changed(before.entries[old_id].record, new.record, "renamed", new.path)
        change.old_id = old_id
        out.append(change)
    for rid in added:
        e = after.entries[rid]
        out.append(Change("added", rid, e.kind, e.path, e.record.name,
                          [FieldChange(k, None, v, _quotes(e.record, k)) for k, v in _plain(e.record).items() if k != "id"]))
    for rid in removed:
        e = before.entries[rid]
        out.append(Change("removed", rid, e.kind, e.path, e.record.name,
                          [FieldChange(k, v, None) for k, v in _plain(e.record).items() if k != "id"]))
    for rid, e in after.entries.items():
        if rid in before.entries and _plain(before.entries[rid].record) != _plain(e.record):
            out.append(_changed(before.entries[rid].record, e.record, "changed", e.path))
    for sid, s in after.sources.items():
        if sid not in before.sources:
            out.append(Change("added", sid, "source", s.path, s.meta.title or sid))
        elif before.sources[sid].text.body != s.text.body or before.sources[sid].meta != s.meta:
            out.append(Change("changed", sid, "source", s.path, s.meta.title or sid,
                              [FieldChange("text" if before.sources[sid].text.body != s.text.body else "front matter", None, None)]))
    for sid, s in before.sources.items():
        if sid not in after.sources:
            out.append(Change("removed", sid, "source", s.path, s.meta.title or sid))
    order = {"invalid": 0, "added": 1, "renamed": 2, "changed": 3, "removed": 4}
    return sorted(out, key=lambda c: (c.kind == "source", order[c.change], c.kind, c.record))


def _changed(old: Record, new: Record, how: str, path: str) -> Change:
    a, b = _plain(old), _plain(new)
    fields = [FieldChange(k, a.get(k), b.get(k), _quotes(new, k)) for k in dict.fromkeys([*a, *b])
              if k != "id" and a.get(k) != b.get(k)]
    return Change(how, new.id, new.KIND, path, new.name, fields)


def diff(root: Path, base: str | None) -> tuple[str, list[Change]]:
    """The commit compared with, and the changes from it to the working tree under ``root``."""
    try:
        _git(root, "rev-parse", "--is-inside-work-tree")
    except Refusal:
        raise Refusal(f"'{root.resolve()}' is not in a git repository; diff compares a git revision with the working tree") from None
    base = base or default_base(root)
    with tempfile.TemporaryDirectory(prefix="vnus-kb-diff-") as tmp:
        commit = checkout_base(root, base, Path(tmp))
        before, _ = build(Path(tmp))
    after, _ = build(root)
    return commit, compare(before, after)


def as_json(changes: list[Change]) -> str:
    return json.dumps([c.as_json() for c in changes], ensure_ascii=False, indent=1) + "\n"


def _short(value: Any, limit: int = 120) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def as_text(changes: list[Change], commit: str) -> str:
    lines = [f"knowledge changes since {commit[:12]}: {_counts(changes)}"]
    for c in changes:
        head = f"{c.change:8} {c.kind} {c.record}" + (f" (was {c.old_id})" if c.old_id else "") + f"  {c.path}"
        lines.append(head)
        if c.change in ("changed", "renamed"):
            for f in c.fields:
                lines.append(f"    {f.field}: {_short(f.old)} -> {_short(f.new)}")
                lines.extend(f"      quote: {_short(q, 200)}" for q in f.quotes)
    return "\n".join(lines) + "\n"


def _counts(changes: list[Change]) -> str:
    if not changes:
        return "none"
    counts: dict[tuple[str, str], int] = {}
    for c in changes:
        key = ("source" if c.kind == "source" else "record", c.change)
        counts[key] = counts.get(key, 0) + 1
    return ", ".join(f"{n} {what}{'s' if n != 1 else ''} {change}" for (what, change), n in counts.items())


def _md(value: Any, limit: int = 160) -> str:
    """Data text inside a Markdown table cell: shown as code, never as markup."""
    text = _short(value, limit).replace("`", "ˋ").replace("|", "¦").replace("\n", " ")
    return f"`{text}`" if text else ""


def as_markdown(changes: list[Change], commit: str) -> str:
    lines = ["## Knowledge changes", "", f"Compared with `{commit[:12]}`: {_counts(changes)}.", ""]
    if not changes:
        return "\n".join(lines)
    lines += ["| Change | Kind | Record | Fields |", "| --- | --- | --- | --- |"]
    for c in changes:
        record = _md(c.record) + (f" (was {_md(c.old_id)})" if c.old_id else "")
        fields = ", ".join(_md(f.field) for f in c.fields) if c.change in ("changed", "renamed") else ""
        lines.append(f"| {c.change} | {c.kind} | {record} | {fields} |")
    detailed = [c for c in changes if c.change in ("changed", "renamed") and c.kind != "source"]
    for c in detailed:
        lines += ["", f"### {c.change.capitalize()}: {_md(c.record)}", "", "| Field | Old | New | Quotes |", "| --- | --- | --- | --- |"]
        for f in c.fields:
            quotes = "<br>".join(_md(q, 200) for q in f.quotes)
            lines.append(f"| {_md(f.field)} | {_md(f.old) if f.old is not None else '—'} | "
                         f"{_md(f.new) if f.new is not None else '—'} | {quotes} |")
    return "\n".join(lines) + "\n"
