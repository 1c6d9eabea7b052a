"""The one entry point that loads, validates and resolves a repository into a KnowledgeBase."""

from __future__ import annotations

from pathlib import Path

from .checks import run_checks
from .diagnostics import Diagnostic, Pos, error, ordered, warning
from .kb import Entry, KnowledgeBase, Link, SourceEntry
from .load import RawRecord, RawSource, load
from .models import FOLDERS, KINDS, Loc, iter_raw_refs, iter_refs
from .positions import Document
from .quotes import SourceText, chrome_spans
from .reserved import SOURCES_FOLDER, replaced_by
from .suggest import closest_id
from .text import fold_name
from .validate import to_model, to_source


def _records(raws: list[RawRecord], diags: list[Diagnostic], refused: list[RawRecord]) -> list[Entry]:
    """Valid records; the ones their schema refuses go to ``refused``."""
    out = []
    for raw in raws:
        reserved = _reserved(raw.folder, "record", raw.doc, diags)
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
        if reserved:
            refused.append(raw)
            continue
        out.append(Entry(record, raw.path, raw.doc))
    return out


def _sources(raws: list[RawSource], diags: list[Diagnostic]) -> dict[str, SourceEntry]:
    out: dict[str, SourceEntry] = {}
    for raw in raws:
        reserved = _reserved(SOURCES_FOLDER, "source", raw.doc, diags)
        meta, errs = to_source(raw.doc)
        diags.extend(errs)
        if meta is None:
            continue
        if meta.id != raw.stem:
            diags.append(error("id-mismatch", f"id '{meta.id}' differs from the file name '{raw.stem}.md'", raw.doc.pos(("id",)),
                               f"make them the same: rename the file or write id: {raw.stem}"))
            continue
        if reserved:
            continue
        spans, missing = chrome_spans(raw.body, meta.chrome)
        for n in missing:
            diags.append(error("chrome-not-found", "this chrome span's start or end is not a whole line of the text",
                               raw.doc.pos(("chrome", n)), "copy the line exactly as it stands in the article"))
        out[meta.id] = SourceEntry(meta, raw.path, SourceText(raw.body, spans), raw.doc, raw.body_line)
    return out


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

