"""Does a quote stand in its source? Where not, which passage comes closest?"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from .read.models import ChromeSpan
from .text import normalise_passage, normalise_with_map


@dataclass
class SourceText:
    """A source's article text, with page chrome told apart from the article."""

    body: str
    chrome: list[tuple[int, int]] = field(default_factory=list)  # [start, end) offsets in body
    norm: str = ""
    index: array[int] = field(default_factory=lambda: array("I"))  # normalise_with_map
    # What is worked out from the text alone (where a quote stands, the sentences), kept as long as
    # the text: the edit loop's BuildCache keeps an unchanged source's, so a save works out again
    # only what the saved record asks anew.
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.norm, self.index = normalise_with_map(self.body)

    def in_chrome(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.chrome)


def chrome_spans(body: str, spans: list[ChromeSpan]) -> tuple[list[tuple[int, int]], list[int]]:
    """Offsets of the chrome spans; and the indexes of spans whose start/end line was not found."""
    lines: list[tuple[int, int, str]] = []
    offset = 0
    for line in body.splitlines(keepends=True):
        lines.append((offset, offset + len(line), " ".join(line.split())))
        offset += len(line)
    found: list[tuple[int, int]] = []
    missing: list[int] = []
    for n, span in enumerate(spans):
        starts = [i for i, (_, _, t) in enumerate(lines) if t == " ".join(span.start.split())]
        if not starts:
            missing.append(n)
            continue
        first = starts[0]
        if span.to_end:
            found.append((lines[first][0], offset))
            continue
        end_text = " ".join((span.end or span.start).split())
        ends = [i for i in range(first, len(lines)) if lines[i][2] == end_text]
        if not ends:
            missing.append(n)
            continue
        found.append((lines[first][0], lines[ends[0]][1]))
    return found, missing


@dataclass(frozen=True)
class Match:
    found: bool
    in_chrome: bool = False
    start: int = 0  # offsets in the verbatim body
    end: int = 0
    score: float = 0.0
    closest: str = ""


def find_quote(quote: str, source: SourceText, closest: bool = True) -> Match:
    """Exact (normalised) lookup; with ``closest``, the nearest passage when absent. Where a quote
    stands is kept with the source (``SourceText.memo``); a quote not found is looked for again."""
    found: dict[str, Match] = source.memo.setdefault("found", {})
    m = found.get(quote)
    if m is None:
        m = _find(quote, source, closest)
        if m.found or m.in_chrome:
            found[quote] = m
    return m


def _find(quote: str, source: SourceText, closest: bool) -> Match:
    q = normalise_passage(quote)
    if not q:
        return Match(False)
    pos = source.norm.find(q)
    chrome_hit: Match | None = None
    while pos >= 0:
        start, end = source.index[pos], source.index[pos + len(q) - 1] + 1
        if not source.in_chrome(start):
            return Match(True, False, start, end, 100.0)
        chrome_hit = chrome_hit or Match(False, True, start, end, 100.0)
        pos = source.norm.find(q, pos + 1)
    if chrome_hit:
        return chrome_hit
    if not closest:
        return Match(False)
    al = fuzz.partial_ratio_alignment(q, source.norm)
    if al is None or al.dest_end <= al.dest_start:
        return Match(False)
    start, end = source.index[al.dest_start], source.index[al.dest_end - 1] + 1
    body = source.body
    while start > 0 and not body[start - 1].isspace():  # widen to whole words
        start -= 1
    while end < len(body) and not body[end].isspace():
        end += 1
    return Match(False, False, start, end, al.score, source.body[start:end])
