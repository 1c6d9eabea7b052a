"""Which sentences of each article does no record cite?"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..kb import KnowledgeBase, SourceEntry
from ..quotes import SourceText
from ..text import WholeWords, whole_words

# Abbreviations after which a full stop does not end a sentence.
_ABBREV = re.compile(r"\b(?:U\.S|U\.K|Dr|Mr|Mrs|Ms|Inc|Corp|Co|Ltd|Jr|St|No|vs|e\.g|i\.e)\.$")
_END = re.compile(r"[.!?][”\"’')\]]*(?=\s+|$)")
_FACT = re.compile(r"\d|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    covered: bool
    factual: bool  # states a name, number or date that could be checked


def sentences(body: str) -> list[tuple[int, int]]:
    """Sentence spans (offsets in ``body``): split on line breaks and sentence-ending marks."""
    spans = []
    offset = 0
    for line in body.splitlines(keepends=True):
        start = offset
        content_end = offset + len(line.rstrip())
        for m in _END.finditer(line):
            end = offset + m.end()
            if _ABBREV.search(body[start:end]):
                continue
            spans.append((start, end))
            start = end
        if body[start:content_end].strip():
            spans.append((start, content_end))
        offset += len(line)
    out = []
    for a, b in spans:
        while a < b and body[a].isspace():
            a += 1
        if a < b:
            out.append((a, b))
    return out


def coverage(kb: KnowledgeBase) -> dict[str, list[Sentence]]:
    """Each source's sentences outside the page chrome, and whether a record cites them."""
    names = whole_words(n for e in kb.entries.values() for n in e.record.all_names() if len(n) >= 3)
    return {sid: _source_coverage(kb, src, names) for sid, src in kb.sources.items()}


def _source_coverage(kb: KnowledgeBase, src: SourceEntry, names: WholeWords | None) -> list[Sentence]:
    cited = [(c.match.start, c.match.end) for c in kb.cites_in(src.id)]
    out = []
    for a, b, s, dated in _article_sentences(src.text):
        covered = any(x < b and a < y for x, y in cited)
        factual = dated or bool(names and names.search(s))
        out.append(Sentence(a, b, s, covered, factual))
    return out


def _article_sentences(text: SourceText) -> list[tuple[int, int, str, bool]]:
    """The sentences outside the page chrome, and whether each holds a number or a date: from the
    text alone, so kept with it (SourceText.memo)."""
    made: list[tuple[int, int, str, bool]] | None = text.memo.get("sentences")
    if made is None:
        made = text.memo["sentences"] = [(a, b, text.body[a:b], bool(_FACT.search(text.body[a:b])))
                                         for a, b in sentences(text.body) if not text.in_chrome(a)]
    return made


def share(items: list[Sentence]) -> float:
    return sum(s.covered for s in items) / len(items) if items else 1.0


def report(kb: KnowledgeBase) -> tuple[str, bool]:
    """The text report, and whether every factual sentence is covered."""
    lines = []
    all_ok = True
    total: list[Sentence] = []
    by_source = coverage(kb)
    for src in kb.sources.values():
        items = by_source[src.id]
        total.extend(items)
        factual = [s for s in items if not s.covered and s.factual]
        other = [s for s in items if not s.covered and not s.factual]
        all_ok &= not factual
        lines.append(f"{src.path}: {share(items):.0%} of {len(items)} sentences cited")
        for s in factual:
            lines.append(f"  {src.path}:{src.body_line + src.text.body.count(chr(10), 0, s.start)}: uncited fact: {s.text}")
        for s in other:
            lines.append(f"  {src.path}:{src.body_line + src.text.body.count(chr(10), 0, s.start)}: uncited, no checkable fact (opinion or rhetoric): {s.text}")
    covered = sum(s.covered for s in total)
    factual_total = [s for s in total if s.factual]
    lines.append(f"total: {covered}/{len(total)} sentences cited ({share(total):.1%}); "
                 f"factual sentences cited: {sum(s.covered for s in factual_total)}/{len(factual_total)}")
    return "\n".join(lines) + "\n", all_ok
