"""The KnowledgeBase: resolved records and sources with their indexes (the data structure only;
knowledge/build.py fills it)."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .quotes import Match, SourceText
from .read.load import RawRecord
from .read.models import Citation, Loc, Record, Source
from .read.positions import Document


@dataclass
class Entry:
    record: Record
    path: str  # the YAML file, relative to the repository root
    doc: Document
    # What is worked out from the record and read by several stages (values.claims_of: validation,
    # the badges, the statements), kept with it: the edit loop's BuildCache keeps an unchanged
    # file's entry, so a save works it out again only for what changed. Never compared.
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

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

    @functools.cached_property  # read for every relation on every overview
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

    def forget_documents(self) -> None:
        """Let go of each file's parsed document (its data and where each value stands), which only
        diagnostics read: a one-shot site build, once the data is valid, renders from the records
        (at 10,000 records the documents are a third of the knowledge base's memory)."""
        empty = Document()
        for e in self.entries.values():
            e.doc = empty
        for s in self.sources.values():
            s.doc = empty

    def forget_memos(self) -> None:
        """Let go of what was worked out and kept for the next rebuild (Entry.memo, SourceText.memo):
        a one-shot build, once its pages are made, has no next rebuild."""
        for e in self.entries.values():
            e.memo.clear()
        for s in self.sources.values():
            s.text.memo.clear()

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
