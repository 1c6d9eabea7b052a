"""Incremental regeneration for the edit loop: from the previous knowledge base and its pages to the
new one's, rendering again only the pages an edit can change. Knows nothing of MkDocs.

What a page shows, and so what can change it:
- a record's page: the record, the names and kinds of the records it links to and that link to it
  (relations, the picture), the sources it cites (labels, quote anchors); the complete lists of a
  hub's relations (site/views/relations.py) depend on the same and are rendered with it;
- a source's page: its records' citations (coverage, the records citing it) and the names of
  records that its article contains (they are linked);
- the overviews (home, timeline, explore, one per kind, the source index): any record; an overview
  that splits (a kind's index_2.md, the timeline's year pages, Explore's list pages) is rendered whole.
So a changed record (added, removed or with any field changed) changes its own page, its
neighbours' pages before and after the edit, the pages of the sources it cites before and after,
the pages of the sources whose text holds its old or new names if they changed, and the overviews. A changed source (seeds/) changes
everything. The result equals a full render (tests/test_incremental.py checks it edit by edit).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..knowledge.kb import KnowledgeBase
from ..knowledge.read.models import RECORD_TYPES
from ..knowledge.text import strip_accents
from .markup.page import Page, page_of, source_page
from .pages import render
from .views.relations import owner


def overviews() -> set[str]:
    return {"index.md", "timeline.md", "explore.md", "sources/index.md",
            *(f"{t.FOLDER}/index.md" for t in RECORD_TYPES)}


def all_paths(kb: KnowledgeBase) -> set[str]:
    """The paths of every page `render(kb)` makes, but for the pages made with another (an overview's
    numbered pages, a record's complete lists of relations: relations.owner)."""
    return (overviews() | {page_of(e.kind, e.id) for e in kb.entries.values()}
            | {source_page(s) for s in kb.sources})


def _names(kb: KnowledgeBase, rid: str) -> object:
    e = kb.entries.get(rid)
    if e is None:
        return None
    r = e.record
    return (e.kind, r.name, tuple(r.aliases), r.name_vi)


def sources_changed(old: KnowledgeBase, new: KnowledgeBase) -> bool:
    if old.sources.keys() != new.sources.keys():
        return True
    return any(s.meta != new.sources[k].meta or s.text.body != new.sources[k].text.body or s.path != new.sources[k].path
               for k, s in old.sources.items())


def changed_records(old: KnowledgeBase, new: KnowledgeBase) -> set[str]:
    """Ids of records added, removed, or changed in any field or file."""
    ids = old.entries.keys() ^ new.entries.keys()
    for rid in old.entries.keys() & new.entries.keys():
        a, b = old.entries[rid], new.entries[rid]
        if a.record != b.record or a.path != b.path or a.kind != b.kind:
            ids.add(rid)
    return ids


def affected(old: KnowledgeBase, new: KnowledgeBase) -> set[str] | None:
    """Paths of the pages of ``new`` that may differ from those of ``old``; None: all of them."""
    if sources_changed(old, new):
        return None
    changed = changed_records(old, new)
    if not changed:
        return set()
    paths = overviews()
    for kb in (old, new):
        for rid in changed:
            e = kb.entries.get(rid)
            if e is None:
                continue
            paths.add(page_of(e.kind, rid))
            for other in [lk.target for lk in kb.outgoing(rid)] + [lk.source for lk in kb.incoming(rid)]:
                if other in kb.entries:
                    paths.add(page_of(kb.entries[other].kind, other))
            paths.update(source_page(c.citation.source) for c in kb.cites_of(rid))
    renamed = [rid for rid in changed if _names(old, rid) != _names(new, rid)]
    if renamed:  # source pages link the names they contain (sources.annotate): old and new names
        words = {w for kb in (old, new) for rid in renamed if rid in kb.entries
                 for n in kb.entries[rid].record.all_names() for w in (n, strip_accents(n))}
        paths.update(source_page(s.id) for s in new.sources.values() if any(w in s.text.body for w in words))
    return paths & all_paths(new)


def update(old: KnowledgeBase, old_pages: dict[str, Page], new: KnowledgeBase) -> tuple[dict[str, Page], set[str]]:
    """The pages of ``new``, rendering again only what ``affected`` names; and the paths whose
    Markdown differs from ``old_pages`` (added pages included, removed ones not)."""
    paths = affected(old, new)
    if paths is None:
        pages = render(new)
    elif not paths:
        pages = dict(old_pages)
    else:  # the overviews (all their pages, paginated or not) are always among those rendered again
        fresh = render(new, only=paths.__contains__)  # a record's page with its complete lists
        keep = all_paths(new) - overviews() - paths
        pages = dict(sorted({**{p: pg for p, pg in old_pages.items() if owner(p) in keep}, **fresh}.items()))
    return pages, differing(old_pages, pages)


def differing(before: dict[str, Page], after: dict[str, Page], among: Iterable[str] | None = None) -> set[str]:
    return {p for p in (after if among is None else among) if p in after and before.get(p) != after[p]}
