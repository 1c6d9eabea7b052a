"""The one entry point that loads, validates and resolves a repository into a KnowledgeBase."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .checks.run import run_checks
from .diagnostics import Diagnostic, Pos, error, ordered, warning
from .kb import Entry, KnowledgeBase, Link, SourceEntry
from .quotes import SourceText, chrome_spans
from .read.ahead import ReadAhead
from .read.fields import iter_raw_refs, iter_refs
from .read.load import LoadCache, RawRecord, RawSource, load
from .read.models import FOLDERS, KINDS, Loc
from .read.positions import Document
from .read.reserved import SOURCES_FOLDER, replaced_by
from .read.validate import to_model, to_source
from .suggest import closest_id
from .text import fold_name


def _record(raw: RawRecord) -> tuple[list[Diagnostic], Entry | None]:
    """One record file's own diagnostics, and its entry (None: refused, with errors of its own)."""
    diags: list[Diagnostic] = []
    reserved = _reserved(raw.folder, "record", raw.doc, diags)
    record, errs = to_model(FOLDERS[raw.folder], raw.doc)
    diags.extend(errs)
    if record is None:
        return diags, None
    if record.id != raw.stem:
        diags.append(error("id-mismatch", f"id '{record.id}' differs from the file name '{raw.stem}.yaml'",
                           raw.doc.pos(("id",)), f"make them the same: rename the file or write id: {raw.stem}"))
        return diags, None
    if reserved:
        return diags, None
    return diags, Entry(record, raw.path, raw.doc.places_only())


def _records(raws: list[RawRecord], diags: list[Diagnostic], refused: list[RawRecord],
             cache: BuildCache | None = None) -> list[Entry]:
    """Valid records; the ones their schema refuses go to ``refused``. With ``cache``, a file whose
    document is the one read last time (the file is unchanged) keeps its entry and record objects."""
    out = []
    memo = cache._records if cache is not None else None
    for raw in raws:
        known = memo.get(raw.path) if memo is not None else None
        if known is not None and known[0] is raw.doc:
            own, entry = known[1], known[2]
        else:
            own, entry = _record(raw)
            if memo is not None:
                memo[raw.path] = (raw.doc, own, entry)
        diags.extend(own)
        if entry is None:
            refused.append(raw)
        else:
            out.append(entry)
    if memo is not None:
        _forget_others(memo, {raw.path for raw in raws})
    return out


def _source(raw: RawSource) -> tuple[list[Diagnostic], SourceEntry | None]:
    """One source file's own diagnostics, and its entry (None: refused)."""
    diags: list[Diagnostic] = []
    reserved = _reserved(SOURCES_FOLDER, "source", raw.doc, diags)
    meta, errs = to_source(raw.doc)
    diags.extend(errs)
    if meta is None:
        return diags, None
    if meta.id != raw.stem:
        diags.append(error("id-mismatch", f"id '{meta.id}' differs from the file name '{raw.stem}.md'", raw.doc.pos(("id",)),
                           f"make them the same: rename the file or write id: {raw.stem}"))
        return diags, None
    if reserved:
        return diags, None
    spans, missing = chrome_spans(raw.body, meta.chrome)
    for n in missing:
        diags.append(error("chrome-not-found", "this chrome span's start or end is not a whole line of the text",
                           raw.doc.pos(("chrome", n)), "copy the line exactly as it stands in the article"))
    return diags, SourceEntry(meta, raw.path, SourceText(raw.body, spans), raw.doc.places_only(), raw.body_line)


def _sources(raws: list[RawSource], diags: list[Diagnostic], cache: BuildCache | None = None) -> dict[str, SourceEntry]:
    out: dict[str, SourceEntry] = {}
    memo = cache._sources if cache is not None else None
    for raw in raws:
        known = memo.get(raw.path) if memo is not None else None
        if known is not None and known[0] is raw.doc:
            own, entry = known[1], known[2]
        else:
            own, entry = _source(raw)
            if memo is not None:
                memo[raw.path] = (raw.doc, own, entry)
        diags.extend(own)
        if entry is not None:
            out[entry.id] = entry
    if memo is not None:
        _forget_others(memo, {raw.path for raw in raws})
    return out


def _forget_others(memo: dict[str, Any], keep: set[str]) -> None:
    for gone in memo.keys() - keep:
        del memo[gone]


def _reserved(folder: str, noun: str, doc: Document, diags: list[Diagnostic]) -> bool:
    """Report an id whose page would take the place of a page the site generates (checked on the
    raw data, so that a record with other errors is told about this one too)."""
    rid = doc.data.get("id") if isinstance(doc.data, dict) else None
    taken = replaced_by(folder, rid) if isinstance(rid, str) else None
    if taken:
        diags.append(error("id-reserved", f"id '{rid}' is reserved: this {noun}'s page would replace {taken}",
                           doc.pos(("id",)), "choose another id (and rename the file to match)"))
    return taken is not None


def _index_names(kb: KnowledgeBase) -> None:
    for e in kb.entries.values():
        kb.names.setdefault(fold_name(e.id.replace("-", " ")), e.id)
    for e in kb.entries.values():
        for n in e.record.all_names():
            kb.names.setdefault(fold_name(n), e.id)


def _resolve(kb: KnowledgeBase, diags: list[Diagnostic], failed: set[str], failed_sources: set[str]) -> None:
    """``failed``, ``failed_sources``: ids of files that are there but were refused, with errors of their own."""
    for e in kb.entries.values():
        for loc, target, kinds in iter_refs(e.record):
            if _check_ref(kb, e.doc, loc, target, kinds, diags, failed, failed_sources):
                if target == e.id:
                    diags.append(error("ref-self", f"{_label(loc)} refers to the record itself", e.doc.pos(loc)))
                elif kinds != ("source",):
                    kb.links.append(Link(e.id, target, loc))
    for raw in kb.refused:
        for loc, target, kinds in iter_raw_refs(FOLDERS[raw.folder], raw.doc.data):
            _check_ref(kb, raw.doc, loc, target, kinds, diags, failed, failed_sources)


def _label(loc: Loc) -> str:
    return "/".join(str(p) for p in loc if isinstance(p, str))


def _check_ref(kb: KnowledgeBase, doc: Document, loc: Loc, target: str, kinds: tuple[str, ...], diags: list[Diagnostic],
               failed: set[str], failed_sources: set[str]) -> bool:
    """Report a reference that does not resolve to a record of the right kind; True if it does.
    (``doc``: where the reference stands, asked only for a diagnostic: most documents never are.)"""
    if kinds == ("source",):
        if target in kb.sources:
            return True
        if target not in failed_sources:
            best = closest_id(target, {fold_name(s.replace("-", " ")): s for s in kb.sources})
            diags.append(error("source-unknown", f"source '{target}' is not in seeds/", doc.pos(loc),
                               f"did you mean '{best}'?" if best else "add the article as seeds/<id>.md"))
        return False
    hit = kb.entries.get(target)
    if hit is None:
        if target not in failed:
            names = {k: v for k, v in kb.names.items() if kb.entries[v].kind in kinds}
            best = closest_id(target, names)
            hint = (f"did you mean '{best}'?" if best else f"create data/{KINDS[kinds[0]].FOLDER}/{target}.yaml" if len(kinds) == 1
                    else "create a record with this id, or correct it")
            diags.append(error("ref-unknown", f"{_label(loc)} '{target}' is not a record", doc.pos(loc), hint))
        return False
    if hit.kind not in kinds:
        diags.append(error("ref-kind", f"{_label(loc)} '{target}' is {_a(hit.kind)}, but must be {_a(' or '.join(kinds))}", doc.pos(loc)))
        return False
    return True


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


class BuildCache:
    """What one build of a repository can lend the next (the edit loop: ``mkdocs serve`` builds
    after every save). Pass the same object to each call: ``build(root, cache=cache)``.

    A file whose signature (size, mtime_ns, ctime_ns, inode, from one lstat) is unchanged since
    the previous call is not read again, nor parsed, nor validated: its entry is reused, the same
    objects (``Entry``, its ``record`` and ``doc``; a source's ``SourceEntry``), so a caller can
    tell unchanged records by identity. A file modified within 2 s of being read ("racy": its
    mtime could repeat) is read again and compared by content until it is older. Everything that
    looks across records (references, ids, duplicates, quotes, values, claims) runs on the whole
    knowledge base every time: the diagnostics are those of a build without a cache.
    A cache belongs to one root; given another, it starts afresh. Not for concurrent builds."""

    def __init__(self) -> None:
        self._root: Path | None = None
        self._forget()

    def _forget(self) -> None:
        self._load = LoadCache()
        self._records: dict[str, tuple[Document, list[Diagnostic], Entry | None]] = {}
        self._sources: dict[str, tuple[Document, list[Diagnostic], SourceEntry | None]] = {}

    def _for(self, root: Path) -> LoadCache:
        where = root.resolve()
        if where != self._root:
            self._forget()
            self._root = where
        return self._load

    @property
    def parsed(self) -> int:
        """Record and source files the last build read and parsed (new, changed, or first seen)."""
        return self._load.records.parsed + self._load.sources.parsed

    @property
    def reused(self) -> int:
        """Record and source files whose earlier reading the last build reused (unchanged; a racy
        one was read to compare its bytes, not parsed)."""
        return self._load.records.reused + self._load.sources.reused


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Collect garbage less often while building. A build makes a few hundred thousand objects
    that all live on (records, their models and lists) and next to no garbage; at the default
    thresholds the collector walks the growing heap again and again: a fifth of a 10,000-record
    build. Cycles still get collected, after the build or after many more allocations."""
    before = gc.get_threshold()
    if before[0]:  # 0: automatic collection is off, and stays off
        gc.set_threshold(max(before[0], 100_000), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def build(root: Path, cache: BuildCache | None = None, ahead: ReadAhead | None = None) -> tuple[KnowledgeBase, list[Diagnostic]]:
    """Load, validate and resolve; the knowledge base is usable when no diagnostic is an error.
    ``cache``: see BuildCache (the knowledge base and diagnostics are the same with or without).
    ``ahead``: the record files of ``root`` being read already (a command starts it first)."""
    with _fewer_collections():
        return _build(root, cache, ahead)


def _build(root: Path, cache: BuildCache | None, ahead: ReadAhead | None) -> tuple[KnowledgeBase, list[Diagnostic]]:
    loaded = load(root, cache._for(root) if cache is not None else None, ahead)
    diags = list(loaded.diagnostics)
    kb = KnowledgeBase(sources=_sources(loaded.sources, diags, cache))
    for e in _records(loaded.records, diags, kb.refused, cache):
        if e.id in kb.entries:
            first = kb.entries[e.id]
            diags.append(error("id-duplicate", f"id '{e.id}' is also used by {first.path}", e.doc.pos(("id",)),
                               "ids are unique across all kinds: choose another"))
            continue
        kb.entries[e.id] = e
    kb.entries = dict(sorted(kb.entries.items()))
    _index_names(kb)
    _resolve(kb, diags, loaded.record_stems - kb.entries.keys(), loaded.source_stems - kb.sources.keys())
    diags.extend(run_checks(kb))  # also collects kb.cites
    kb.index()
    if not kb.sources and not kb.entries and not diags:
        diags.append(warning("empty", "no records and no sources found", Pos(root.as_posix())))
    return kb, ordered(diags)

