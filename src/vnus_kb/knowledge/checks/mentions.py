"""Figures as written in a text, with their spans: the numbers and dates that knowledge/checks/forms.py parses
(the validator's reading of a quote), mapped back from the folded text to the text itself."""

from __future__ import annotations

from dataclasses import dataclass

from ..text import normalise_with_map
from . import forms


@dataclass(frozen=True)
class Mention:
    """A figure as written in a text: where it stands (``text[start:end]``) and what it says."""

    kind: str  # "amount", "percentage", "count", "multiple", "ordinal", "date"
    start: int
    end: int
    value: float | None = None  # a number's value (a percentage: 30 for "30 percent")
    currency: str | None = None
    date: forms.Date | None = None  # a date's (year, month, day); a range gives its first day
    words: bool = False  # written in words ("four", "a decade")


def mentions(text: str) -> list[Mention]:
    """Every number and date the text states, with its span in ``text``; overlapping ones included (the
    year in "October 2023" too), in the order found. Dates without a year are included."""
    norm, where = normalise_with_map(text)
    tokens = set(forms.TOKEN.findall(norm))

    def span(a: int, b: int) -> tuple[int, int]:
        return where[a], where[b - 1] + 1

    out: list[Mention] = []
    for f in forms.found_numbers(norm, tokens):
        n = f.number
        kind = ("percentage" if f.how == "percent" else "amount" if n.currency else
                "count" if n.kind == "count" else n.kind)
        out.append(Mention(kind, *span(f.start, f.end), value=n.value, currency=n.currency, words=f.how == "words"))
    seen: set[tuple[int, int]] = set()
    for date, a, b in forms.found_dates(norm, tokens, yearless=True):
        if date[0] is None and date[2] is None and not text[where[a]].isupper():
            continue  # "may", "march": a month alone is a month only with its capital
        if (a, b) not in seen:  # a range gives two days: its first stands for it
            seen.add((a, b))
            out.append(Mention("date", *span(a, b), date=date))
    return out
