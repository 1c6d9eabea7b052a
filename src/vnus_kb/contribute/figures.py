"""Figures in a sentence, as written: amounts of money, percentages, dates, counts.

The written forms are parsed by knowledge/checks/forms.py (the parser the validator reads quotes with); this
module only chooses among overlapping mentions and extends a count to the noun it counts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..knowledge.checks import forms
from ..knowledge.checks.mentions import Mention, mentions


@dataclass(frozen=True)
class Figure:
    text: str  # as written
    kind: str  # amount, percentage, date, count
    start: int
    end: int
    value: float | None = None  # what it says: a number (a percentage: 30), or None for a date
    currency: str | None = None
    date: forms.Date | None = None
    unit: str | None = None  # what a count counts, as written ('semiconductor professionals')


# What wins an overlap: a date with its month, then money, a share, a year, a count; the longer first.
_RANK = {"amount": 1, "percentage": 2, "count": 4, "multiple": 4}
# Words after a number that are not what it counts: where its noun phrase ends.
_NOT_COUNTED = frozenset([
    "and", "or", "of", "in", "to", "the", "a", "an", "by", "for", "at", "on", "from", "with", "as", "is", "was", "were",
    "are", "than", "that", "which", "who", "had", "has", "have", "will", "would", "said", "says", "per", "each", "over",
    "under", "up", "down"])
_WORD = re.compile(r"[ -]([a-z][a-z-]*)\b")


def _rank(m: Mention) -> int:
    if m.kind == "date":
        return 3 if m.date and m.date[1] is None else 0
    return _RANK.get(m.kind, 9)


def _noun(sentence: str, end: int) -> int:
    """Where the words after a number that name what it counts end: up to three lower-case words, ending at
    the first plural ('10,000 semiconductor professionals', 'four key sectors'), else the one word after it."""
    first, at = end, end
    for _ in range(3):
        m = _WORD.match(sentence, at)
        if not m or m.group(1) in _NOT_COUNTED:
            break
        at = m.end()
        first = first if first > end else at
        w = m.group(1)
        if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
            return at
    return first


def figures(sentence: str) -> list[Figure]:
    """Every figure of the sentence, in reading order; where two overlap, a full date beats money, money a
    share, a share a year, a year a count, and the longer the shorter. Ranks ('first', 'No. 1') are no figures."""
    found = sorted((m for m in mentions(sentence) if _rank(m) < 9),
                   key=lambda m: (_rank(m), m.start - m.end, m.start))
    taken: list[tuple[int, int]] = []
    out: list[Figure] = []
    for m in found:
        if any(x < m.end and m.start < y for x, y in taken):
            continue
        unit, end = None, m.end
        if m.kind == "count":
            end = _noun(sentence, m.end)
            unit = sentence[m.end:end].strip(" -") or None
            if m.words and (unit is None or not unit.endswith("s") or (m.value or 0) < 3):
                continue  # 'one of', 'a decade ago', 'the two countries': a number word counts only a plural
        if m.kind == "date" and sentence[end - 1] == "." and sentence[m.start:end - 1].split()[-1].lower() in forms.MONTHS:
            end -= 1  # "in September.": the full stop ends the sentence
        taken.append((m.start, end))
        kind = "count" if m.kind == "multiple" else m.kind
        out.append(Figure(sentence[m.start:end], kind, m.start, end, m.value, m.currency, m.date, unit))
    return sorted(out, key=lambda f: f.start)


def amount_value(figure: Figure) -> dict[str, object] | None:
    """'$200 million' -> {'value': 200000000, 'currency': 'USD'}; None for a figure that is no amount."""
    if figure.kind != "amount" or figure.value is None or figure.currency is None:
        return None
    return {"value": number(figure.value), "currency": figure.currency}


def number(value: float) -> float | int:
    return int(value) if value.is_integer() else value


def iso_date(figure: Figure, year_hint: str | None = None) -> str | None:
    """'September 22, 2024' -> '2024-09-22'; 'October 2023' -> '2023-10'; '2021' -> '2021'; 'September 22'
    -> the hint's year."""
    if figure.date is None:
        return None
    y, m, d = figure.date
    year = str(y) if y is not None else year_hint
    if year is None:
        return None
    return year + (f"-{m:02d}" if m else "") + (f"-{d:02d}" if m and d else "")
