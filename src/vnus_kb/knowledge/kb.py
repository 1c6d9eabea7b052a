"""The KnowledgeBase: resolved records and sources with their indexes, and the one entry point
that loads, validates and resolves a repository."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, Pos, error, ordered, warning
from .load import RawRecord, RawSource, load
from .models import FOLDERS, KINDS, Citation, Loc, Record, Source, iter_raw_refs, iter_refs
from .positions import Document
from .quotes import Match, SourceText, chrome_spans
from .suggest import closest_id
from .text import fold_name
from .validate import to_model, to_source


@dataclass
class Entry:
    record: Record
    path: str  # the YAML file, relative to the repository root
    doc: Document

    @property
    def kind(self) -> str:
        return self.record.KIND

    @property
    def id(self) -> str:
        return self.record.id


@dataclass
class SourceEntry:
    meta: Source
    path: str
    text: SourceText
    doc: Document
    body_line: int

    @property
    def id(self) -> str:
        return self.meta.id


@dataclass(frozen=True)
class Link:
    """Record ``source`` refers to record ``target`` through field ``loc``."""

    source: str
    target: str
    loc: Loc

    @property
    def field(self) -> str:
        return next((p for p in reversed(self.loc) if isinstance(p, str)), "")


@dataclass(frozen=True)
class Cite:
    record: str
    loc: Loc  # where the citation stands in the record
    citation: Citation
    match: Match


@dataclass
class KnowledgeBase:
    entries: dict[str, Entry] = field(default_factory=dict)
    sources: dict[str, SourceEntry] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    cites: list[Cite] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # folded name -> id
    refused: list[RawRecord] = field(default_factory=list)  # records their schema refused

    def of_kind(self, kind: str) -> list[Entry]:
        return self._by_kind.get(kind, [])

    def outgoing(self, rid: str) -> list[Link]:
        return self._outgoing.get(rid, [])

    def incoming(self, rid: str) -> list[Link]:
        return self._incoming.get(rid, [])

    def cites_of(self, rid: str) -> list[Cite]:
        return self._cites_of.get(rid, [])

    def cites_in(self, source_id: str) -> list[Cite]:
        return self._cites_in.get(source_id, [])

    def index(self) -> None:
        """Build the lookup tables; call once links and cites are complete."""
        by_kind: dict[str, list[Entry]] = defaultdict(list)
        for e in self.entries.values():
            by_kind[e.kind].append(e)
        outgoing: dict[str, list[Link]] = defaultdict(list)
        incoming: dict[str, list[Link]] = defaultdict(list)
        for lk in self.links:
            outgoing[lk.source].append(lk)
            incoming[lk.target].append(lk)
        cites_of: dict[str, list[Cite]] = defaultdict(list)
        cites_in: dict[str, list[Cite]] = defaultdict(list)
        for c in self.cites:
            cites_of[c.record].append(c)
            cites_in[c.citation.source].append(c)
        self._by_kind, self._outgoing, self._incoming = dict(by_kind), dict(outgoing), dict(incoming)
        self._cites_of, self._cites_in = dict(cites_of), dict(cites_in)

    _by_kind: dict[str, list[Entry]] = field(default_factory=dict)
    _outgoing: dict[str, list[Link]] = field(default_factory=dict)
    _incoming: dict[str, list[Link]] = field(default_factory=dict)
    _cites_of: dict[str, list[Cite]] = field(default_factory=dict)
    _cites_in: dict[str, list[Cite]] = field(default_factory=dict)


def _records(raws: list[RawRecord], diags: list[Diagnostic], refused: list[RawRecord]) -> list[Entry]:
    """Valid records; the ones their schema refuses go to ``refused``."""
    out = []
    for raw in raws:
        model = FOLDERS[raw.folder]
        record, errs = to_model(model, raw.doc)
        diags.extend(errs)
        if record is None:
            refused.append(raw)
            continue
        if record.id != raw.stem:
            diags.append(error("id-mismatch", f"id '{record.id}' differs from the file name '{raw.stem}.yaml'",
                               raw.doc.pos(("id",)), f"make them the same: rename the file or write id: {raw.stem}"))
            refused.append(raw)
            continue
        out.append(Entry(record, raw.path, raw.doc))
    return out


def _sources(raws: list[RawSource], diags: list[Diagnostic]) -> dict[str, SourceEntry]:
    out: dict[str, SourceEntry] = {}
    for raw in raws:
        meta, errs = to_source(raw.doc)
        diags.extend(errs)
        if meta is None:
            continue
        if meta.id != raw.stem:
            diags.append(error("id-mismatch", f"id '{meta.id}' differs from the file name '{raw.stem}.md'", raw.doc.pos(("id",)),
                               f"make them the same: rename the file or write id: {raw.stem}"))
            continue
        spans, missing = chrome_spans(raw.body, meta.chrome)
        for n in missing:
            diags.append(error("chrome-not-found", "this chrome span's start or end is not a whole line of the text",
                               raw.doc.pos(("chrome", n)), "copy the line exactly as it stands in the article"))
        out[meta.id] = SourceEntry(meta, raw.path, SourceText(raw.body, spans), raw.doc, raw.body_line)
    return out


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
            if _check_ref(kb, e.doc.pos(loc), loc, target, kinds, diags, failed, failed_sources):
                if target == e.id:
                    diags.append(error("ref-self", f"{_label(loc)} refers to the record itself", e.doc.pos(loc)))
                elif kinds != ("source",):
                    kb.links.append(Link(e.id, target, loc))
    for raw in kb.refused:
        for loc, target, kinds in iter_raw_refs(FOLDERS[raw.folder], raw.doc.data):
            _check_ref(kb, raw.doc.pos(loc), loc, target, kinds, diags, failed, failed_sources)


def _label(loc: Loc) -> str:
    return "/".join(str(p) for p in loc if isinstance(p, str))


def _check_ref(kb: KnowledgeBase, pos: Pos, loc: Loc, target: str, kinds: tuple[str, ...], diags: list[Diagnostic],
               failed: set[str], failed_sources: set[str]) -> bool:
    """Report a reference that does not resolve to a record of the right kind; True if it does."""
    if kinds == ("source",):
        if target in kb.sources:
            return True
        if target not in failed_sources:
            best = closest_id(target, {fold_name(s.replace("-", " ")): s for s in kb.sources})
            diags.append(error("source-unknown", f"source '{target}' is not in seeds/", pos,
                               f"did you mean '{best}'?" if best else "add the article as seeds/<id>.md"))
        return False
    hit = kb.entries.get(target)
    if hit is None:
        if target not in failed:
            names = {k: v for k, v in kb.names.items() if kb.entries[v].kind in kinds}
            best = closest_id(target, names)
            hint = (f"did you mean '{best}'?" if best else f"create data/{KINDS[kinds[0]].FOLDER}/{target}.yaml" if len(kinds) == 1
                    else "create a record with this id, or correct it")
            diags.append(error("ref-unknown", f"{_label(loc)} '{target}' is not a record", pos, hint))
        return False
    if hit.kind not in kinds:
        diags.append(error("ref-kind", f"{_label(loc)} '{target}' is {_a(hit.kind)}, but must be {_a(' or '.join(kinds))}", pos))
        return False
    return True


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def build(root: Path) -> tuple[KnowledgeBase, list[Diagnostic]]:
    """Load, validate and resolve; the knowledge base is usable when no diagnostic is an error."""
    from .checks import run_checks  # the checks need the KnowledgeBase type

    loaded = load(root)
    diags = list(loaded.diagnostics)
    kb = KnowledgeBase(sources=_sources(loaded.sources, diags))
    for e in _records(loaded.records, diags, kb.refused):
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

