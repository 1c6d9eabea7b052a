"""Figures in a sentence, as written: amounts of money, percentages, dates, counts."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
_NUM = r"\d+(?:[.,]\d+)*"
_SCALE = r"(?:\s?(?:million|billion|trillion|thousand|bn|mn|m|k)\b)"
_CURRENCY = r"(?:US\$|USD\s?|VND\s?|\$|€|£|¥)"
_CURRENCY_AFTER = r"(?:\s(?:US dollars|dollars|USD|VND|dong|đồng|euros?)\b)"
_WORD_NUMBER = (r"\b(?:three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|"
                r"hundred|dozens?|hundreds|thousands)\b")

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("date", re.compile(rf"\b{_MONTH}\s\d{{1,2}}(?:\s?[-–]\s?|\s(?:and|to)\s)\d{{1,2}}(?:,?\s\d{{4}})?\b")),  # a range
    ("date", re.compile(rf"\b{_MONTH}\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s\d{{4}})?\b|\b\d{{1,2}}\s{_MONTH}(?:\s\d{{4}})?\b"
                        rf"|\b{_MONTH},?\s\d{{4}}\b|\b\d{{4}}-\d{{2}}(?:-\d{{2}})?\b|\b\d{{1,2}}/\d{{1,2}}/\d{{4}}\b")),
    ("amount", re.compile(rf"{_CURRENCY}{_NUM}(?:-|\s)?{_SCALE}?|\b{_NUM}{_SCALE}?{_CURRENCY_AFTER}")),
    ("percentage", re.compile(rf"\b{_NUM}\s?(?:%|percent\b|per cent\b)")),
    ("date", re.compile(rf"\b{_MONTH}\b(?!\s\d)|\b(?:1[89]|20)\d\d\b(?![,.]?\d)")),
    ("count", re.compile(rf"\b{_NUM}(?:{_SCALE})?(?:-fold|\s[a-z][a-z-]+)?|{_WORD_NUMBER}(?:\s[a-z][a-z-]+)?")),
)
_NOT_COUNTED = re.compile(r"\s(?:and|or|of|in|to|the|a|by|for|at|on|from|with|as|is|was|were|are)$")


@dataclass(frozen=True)
class Figure:
    text: str  # as written
    kind: str  # amount, percentage, date, count
    start: int
    end: int


def figures(sentence: str) -> list[Figure]:
    """Every figure of the sentence, in reading order; an earlier pattern wins an overlap."""
    taken: list[tuple[int, int]] = []
    out: list[Figure] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(sentence):
            a, b = m.span()
            text = m.group().rstrip(" -")
            if kind == "count":
                text = _NOT_COUNTED.sub("", text)
                if re.fullmatch(r"[a-z]+", text):  # a bare number word ('two') is only a figure with a noun
                    continue
            b = a + len(text)
            if not text.strip() or any(x < b and a < y for x, y in taken):
                continue
            taken.append((a, b))
            out.append(Figure(text, kind, a, b))
    return sorted(out, key=lambda f: f.start)


def amount_value(text: str) -> dict[str, object] | None:
    """'$200 million' -> {'value': 200000000, 'currency': 'USD'}; None when it cannot tell."""
    m = re.search(_NUM, text)
    if not m:
        return None
    digits = m.group()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", digits) or "." not in digits:
        number = float(digits.replace(",", ""))
    else:
        number = float(digits.replace(",", ""))
    scale = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
             "trillion": 1e12}
    word = re.search(r"(thousand|million|billion|trillion|bn|mn|k|m)\b", text[m.end():])
    if word:
        number *= scale[word.group(1)]
    currency = "VND" if re.search(r"VND|dong|đồng", text) else "EUR" if re.search("€|euro", text) else \
        "USD" if re.search(r"\$|USD|dollar", text) else None
    if currency is None:
        return None
    value: float | int = int(number) if number.is_integer() else number
    return {"value": value, "currency": currency}


def iso_date(text: str, year_hint: str | None = None) -> str | None:
    """'September 22, 2024' -> '2024-09-22'; 'October 2023' -> '2023-10'; '2021' -> '2021'."""
    if re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", text):
        return text
    month = next((i + 1 for i, name in enumerate(_MONTHS) if name[:3] == text.lower()[:3]
                  or re.search(rf"\b{name[:3]}", text.lower())), None)
    year = re.search(r"\b(\d{4})\b", text)
    day = re.search(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\b(?!\d)", text.replace(year.group(1) if year else "####", ""))
    y = year.group(1) if year else year_hint
    if month is None or y is None:
        return None
    return f"{y}-{month:02d}-{int(day.group(1)):02d}" if day else f"{y}-{month:02d}"
