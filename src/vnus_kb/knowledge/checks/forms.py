"""Written forms of values: what numbers, amounts, dates, ranks and statuses a quote states, and how a
value is usually written (for the diagnostic that lists the forms looked for).

A quote is parsed once (``parse``, cached) into its mentions; a value then stands in it when one
mention equals it. Numbers carry their scale ("1.6 billion") and currency ("US$"), so "1.6" in a quote
about something else never matches 1.6 billion, and a year is only a year when it is not part of
another number ("12030", "2,030", "$2030").

``found_numbers`` and ``found_dates`` give each mention with its span in the folded text: mentions.py maps
them back to the text as written (for `vnus-kb candidates`, which lists a sentence's figures): one parser.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import pycountry

from ..text import normalise_passage

_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINALS = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
             "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
             "eighteenth", "nineteenth", "twentieth"]
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "billion": 1e9,
           "bn": 1e9, "bln": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}
_WORD_VALUES = {w: i for i, w in enumerate(_SMALL)} | {w: 10 * i for i, w in enumerate(_TENS) if w}
_COUNTED = {"dozen": 12, "decade": 10, "century": 100}  # "a decade" of years, "two dozen" companies
_PLURALS = {"dozens": 12, "decades": 10, "centuries": 100}  # counted only after a number: "two decades"
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
_MONTH_OF = {m: i + 1 for i, m in enumerate(MONTHS)} | {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}

# Currency words before or after an amount, mapped to ISO 4217 codes.
_CUR_BEFORE = r"(?P<cur>us\$|usd ?|\$|vnd ?|€|eur ?|£|¥)"
_CUR_AFTER = r"(?P<cur2>usd|us dollars?|dollars?|vnd|dong|đồng|euros?)"
_CURRENCIES = {"us$": "USD", "usd": "USD", "$": "USD", "dollar": "USD", "dollars": "USD", "us dollar": "USD",
               "us dollars": "USD", "vnd": "VND", "dong": "VND", "đồng": "VND", "€": "EUR", "eur": "EUR",
               "euro": "EUR", "euros": "EUR", "£": "GBP", "¥": "JPY"}
_SCALE_RE = "|".join(sorted(_SCALES, key=len, reverse=True))
_NUMBER = re.compile(
    rf"{_CUR_BEFORE}?(?<![\w.,])(?P<int>\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}(?: \d{{3}})+(?![\d,])|\d+)(?:\.(?P<frac>\d+))?(?!\d)"
    rf"(?:(?P<ord>st|nd|rd|th)\b)?"
    rf"(?:\s?-?\s?(?P<scale>{_SCALE_RE})\b)?"
    rf"(?:(?P<pct>\s?%|\s?per ?cent\b)|\s?-?\s?(?P<mult>fold\b|times\b)|\s?-?\s?{_CUR_AFTER}\b)?")
_WORD_ALT = "|".join(sorted([*_SMALL, *[t for t in _TENS if t], "hundred", "thousand", "million", "billion",
                             "trillion", *_COUNTED, *_PLURALS], key=len, reverse=True))
_WORDS = re.compile(rf"\b(?:an?[ -])?(?:{_WORD_ALT})(?:(?:[ -]|[ ]and[ ])(?:{_WORD_ALT}))*\b"
                    rf"(?:\s?-?\s?(?P<mult>fold\b|times\b))?")
_ORDINAL_WORDS = re.compile(rf"\b(?:(?P<tens>{'|'.join(t for t in _TENS if t)})-)?(?P<ord>{'|'.join(_ORDINALS[1:])})\b")
_RANK_NO = re.compile(r"\b(?:no\.|number|#) ?(\d{1,3})\b")
_SUPERLATIVE = re.compile(r"\b(?:largest|biggest|greatest)\b")
_MONTH_RE = r"(?P<mon>" + "|".join(sorted([*MONTHS, *(m[:3] for m in MONTHS), "sept"], key=len, reverse=True)) + r")\.?"
_MDY = re.compile(rf"\b{_MONTH_RE} (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y>\d{{4}})\b")
_DMY = re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{_MONTH_RE},? (?P<y>\d{{4}})\b")
_RANGE = r" ?(?:-|and|to|through) ?"  # "September 10 and 11, 2023", "10-11 September 2023"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
# Without a year ("September 10-11", "on 22 September"): found for the figures of a sentence, never a date
# value's match (a value's year must stand in the quote).
_MDD = re.compile(rf"\b{_MONTH_RE} {_DAY}{_RANGE}(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b")
_MD = re.compile(rf"\b{_MONTH_RE} {_DAY}\b(?!\d)")
_DM = re.compile(rf"\b{_DAY} (?:of )?{_MONTH_RE}(?!\w)")
_M = re.compile(rf"\b{_MONTH_RE}(?!\w)")  # "in September": a month only where the text capitalises it ("may")
_MDDY = re.compile(rf"\b{_MONTH_RE} (?P<d>\d{{1,2}})(?:st|nd|rd|th)?{_RANGE}(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y>\d{{4}})\b")
_DDMY = re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?{_RANGE}(?P<d2>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{_MONTH_RE},? (?P<y>\d{{4}})\b")
_MY = re.compile(rf"\b{_MONTH_RE},? (?:of )?(?P<y>\d{{4}})\b")
_ISO = re.compile(r"(?<![\d.,$])(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?(?!\d)")
_YEAR = re.compile(r"(?<![\d.,$])(?P<y>1[89]\d\d|20\d\d)(?![\d]|[.,]\d|s\b)")


@dataclass(frozen=True)
class Number:
    value: float
    kind: str  # "count", "ordinal" (ranks), "multiple" ("275-fold")
    currency: str | None = None


@dataclass(frozen=True)
class Parsed:
    """What one quote states, found once."""

    norm: str  # normalise_passage: case, quotes, dashes and spacing folded
    exact: str  # NFC with white space folded (for names with diacritics)
    numbers: tuple[Number, ...]
    dates: frozenset[tuple[int, int | None, int | None]]


def _words_value(words: str) -> float | None:
    """'fifty thousand' -> 50000, 'a decade' -> 10, 'two hundred and five' -> 205."""
    total, current, seen = 0.0, 0.0, False
    for w in re.split(r"[ -]+", words):
        if w in ("a", "an", "and"):
            continue  # "a decade", "a million": a scale word without a number counts one
        elif w in _WORD_VALUES:
            current += _WORD_VALUES[w]
            seen = True
        elif w in _COUNTED:
            current = max(current, 1) * _COUNTED[w]
            seen = True
        elif w in _PLURALS:
            if current < 2:
                return None  # "decades of research" says no number
            current *= _PLURALS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
            seen = True
        elif w in _SCALES:
            total += max(current, 1) * _SCALES[w]
            current, seen = 0.0, True
    return total + current if seen else None


_NUMBER_WORDS = frozenset([*_SMALL, *(t for t in _TENS if t), "hundred", "thousand", "million", "billion", "trillion",
                           *_COUNTED, *_PLURALS, *_ORDINALS, "largest", "biggest", "greatest"])
_MONTH_WORDS = frozenset([*MONTHS, *(m[:3] for m in MONTHS), "sept"])
TOKEN = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Found:
    """A number found in folded text, where it stands there, and how it was written."""

    number: Number
    start: int
    end: int
    how: str  # "digits", "percent", "words", "rank"


def found_numbers(norm: str, tokens: set[str]) -> list[Found]:
    out: list[Found] = []
    ordinal_ends: list[int] = []  # where "7th" or "seventh" ends, so that "-largest" after it is not first
    if _DIGIT.search(norm):
        for m in _NUMBER.finditer(norm):
            digits = m.group("int").replace(",", "").replace(" ", "")
            value = float(f"{digits}.{m.group('frac')}" if m.group("frac") else digits)
            if m.group("scale"):
                value *= _SCALES[m.group("scale")]
            cur = m.group("cur") or m.group("cur2")
            currency = _CURRENCIES.get(cur.strip()) if cur else None
            kind = "ordinal" if m.group("ord") else "multiple" if m.group("mult") else "count"
            out.append(Found(Number(value, kind, currency), m.start(), m.end(),
                              "percent" if m.group("pct") else "digits"))
            if m.group("ord"):
                ordinal_ends.append(m.end("ord"))
        for m in _RANK_NO.finditer(norm):
            out.append(Found(Number(float(m.group(1)), "ordinal"), m.start(), m.end(), "rank"))
    if not tokens & _NUMBER_WORDS:
        return out
    for m in _WORDS.finditer(norm):
        said = _words_value(m.group(0).removesuffix(m.group("mult") or "").strip(" -"))
        if said is not None:
            out.append(Found(Number(said, "multiple" if m.group("mult") else "count"), m.start(), m.end(), "words"))
    for m in _ORDINAL_WORDS.finditer(norm):
        n = _ORDINALS.index(m.group("ord")) + (_TENS.index(m.group("tens")) * 10 if m.group("tens") else 0)
        out.append(Found(Number(float(n), "ordinal"), m.start(), m.end(), "rank"))
        ordinal_ends.append(m.end())
    for m in _SUPERLATIVE.finditer(norm):  # "the largest": first; "seventh-largest" was counted above
        if not any(0 <= m.start() - end <= 1 for end in ordinal_ends):
            out.append(Found(Number(1.0, "ordinal"), m.start(), m.end(), "rank"))
    return out


Date = tuple[int | None, int | None, int | None]  # year, month, day; the year None only in a sentence's figures


def found_dates(norm: str, tokens: set[str], yearless: bool = False) -> list[tuple[Date, int, int]]:
    out: list[tuple[Date, int, int]] = []
    if not _DIGIT.search(norm) and not yearless:
        return out
    for m in _YEAR.finditer(norm):
        out.append(((int(m.group("y")), None, None), m.start(), m.end()))
    for m in _ISO.finditer(norm):
        month = int(m.group("m"))
        if 1 <= month <= 12:
            out.append(((int(m.group("y")), month, int(m.group("d")) if m.group("d") else None), m.start(), m.end()))
    if not tokens & _MONTH_WORDS:
        return out
    for rx in (_MDY, _DMY, *((_MD, _DM) if yearless else ())):
        for m in rx.finditer(norm):
            y = int(m["y"]) if "y" in rx.groupindex else None
            out.append(((y, _MONTH_OF[m.group("mon")], int(m.group("d"))), m.start(), m.end()))
    for rx in (_MDDY, _DDMY, *((_MDD,) if yearless else ())):
        for m in rx.finditer(norm):
            y = int(m["y"]) if "y" in rx.groupindex else None
            for day in (m.group("d"), m.group("d2")):
                out.append(((y, _MONTH_OF[m.group("mon")], int(day)), m.start(), m.end()))
    for m in _MY.finditer(norm):
        out.append(((int(m.group("y")), _MONTH_OF[m.group("mon")], None), m.start(), m.end()))
    for m in _M.finditer(norm) if yearless else ():
        out.append(((None, _MONTH_OF[m.group("mon")], None), m.start(), m.end()))
    return out


def _numbers(norm: str, tokens: set[str]) -> list[Number]:
    return [f.number for f in found_numbers(norm, tokens)]


def _dates(norm: str, tokens: set[str]) -> set[tuple[int, int | None, int | None]]:
    return {(y, m, d) for (y, m, d), _, _ in found_dates(norm, tokens) if y is not None}


def exact_fold(text: str) -> str:
    """For names with diacritics: Unicode NFC and white space folded, nothing else."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def fold(text: str) -> str:
    """As the quote check folds text (text.normalise_with_map): case, quotes, dashes and spacing."""
    if text.isascii() and "`" not in text:
        return " ".join(text.lower().split())  # the same result as the general path, faster
    return normalise_passage(text)


@functools.lru_cache(maxsize=65536)
def parse(quote: str) -> Parsed:
    norm = fold(quote)
    tokens = set(TOKEN.findall(norm))
    return Parsed(norm, exact_fold(quote), tuple(_numbers(norm, tokens)), frozenset(_dates(norm, tokens)))


# --- matching ------------------------------------------------------------------------------------------


def same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


def has_number(p: Parsed, value: float, kinds: tuple[str, ...], currency: str | None = None) -> bool:
    return any(same(n.value, value) and n.kind in kinds and (currency is None or n.currency in (None, currency))
               for n in p.numbers)


def date_parts(value: str) -> tuple[int, int | None, int | None]:
    parts = [int(x) for x in value.split("-")]
    return parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None


def has_date(p: Parsed, value: str) -> bool:
    y, m, d = date_parts(value)
    return any(dy == y and (m is None or dm == m) and (d is None or dd == d) for dy, dm, dd in p.dates)


def has_words(p: Parsed, words: str) -> bool:
    """The words stand in the quote (case, quotes, dashes and spacing folded), as whole words."""
    w, text = fold(words), p.norm
    if not w:
        return False
    at = text.find(w)
    while at >= 0:
        end = at + len(w)
        if (at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_")) and (
                end == len(text) or not (text[end].isalnum() or text[end] == "_")):
            return True
        at = text.find(w, at + 1)
    return False


def has_exact(p: Parsed, text: str) -> bool:
    return exact_fold(text) in p.exact


# Status words: what a quote must say for an investment's status to stand in it.
STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "proposed": ("proposed", "proposal", "proposals", "proposes", "propose", "proposing"),
    "announced": ("announced", "announces", "announcement", "unveiled", "revealed"),
    "planned": ("plans", "planned", "plan", "planning", "will", "intends", "intend", "intention", "set to",
                "expected to", "aims to"),
    "committed": ("committed", "commits", "commitment", "commitments", "pledged", "pledges", "pledge"),
    "under-construction": ("began construction", "begun construction", "started construction",
                           "start construction", "under construction", "is building", "are building",
                           "being built", "broke ground", "groundbreaking", "construction began",
                           "construction started", "construction of"),
    "operating": ("operating", "operational", "opened", "in operation", "operates", "began operations",
                  "began operating", "commenced operations", "up and running"),
    "completed": ("completed", "finished", "inaugurated", "was built", "were built", "has been built"),
}
_STATUS_RE = {k: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in v) + r")(?!\w)") for k, v in STATUS_WORDS.items()}


def has_status(p: Parsed, status: str) -> bool:
    rx = _STATUS_RE.get(status)
    return rx is not None and rx.search(p.norm) is not None


# How a country is named in English text, besides its ISO names. Case matters ("US" is not "us").
_DEMONYMS: dict[str, tuple[str, ...]] = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "United States", "United States of America", "America",
           "American", "Americans"),
    "VN": ("Vietnam", "Viet Nam", "Vietnamese", "Việt Nam"),
    "KR": ("South Korea", "Korea", "Korean", "South Korean", "Republic of Korea"),
    "TW": ("Taiwan", "Taiwanese"),
    "CA": ("Canada", "Canadian"),
    "JP": ("Japan", "Japanese"),
    "CN": ("China", "Chinese"),
    "GB": ("UK", "U.K.", "Britain", "British", "United Kingdom"),
    "DE": ("Germany", "German"),
    "FR": ("France", "French"),
    "SG": ("Singapore", "Singaporean"),
    "IN": ("India", "Indian"),
    "AU": ("Australia", "Australian"),
    "NL": ("Netherlands", "Dutch"),
}


@functools.cache
def country_names(code: str) -> tuple[str, ...]:
    c = pycountry.countries.get(alpha_2=code)
    names = [getattr(c, a) for a in ("name", "common_name", "official_name") if c is not None and hasattr(c, a)]
    return tuple(dict.fromkeys([*_DEMONYMS.get(code, ()), *names]))


@functools.cache
def _country_re(code: str) -> re.Pattern[str]:
    names = sorted(country_names(code), key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w$]|\.\w)")


def has_country(p: Parsed, code: str) -> bool:
    return _country_re(code).search(p.exact) is not None


# --- forms looked for, as a reader would write them -----------------------------------------------------


def plain(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def spelled(n: int) -> str | None:
    """50000 -> 'fifty thousand' (up to the millions; None beyond)."""
    if n < 0 or n >= 1_000_000_000:
        return None
    if n < 20:
        return _SMALL[n]
    if n < 100:
        return _TENS[n // 10] + ("-" + _SMALL[n % 10] if n % 10 else "")
    if n < 1000:
        rest = spelled(n % 100) if n % 100 else None
        return _SMALL[n // 100] + " hundred" + (f" {rest}" if rest else "")
    for scale, word in ((1_000_000, "million"), (1000, "thousand")):
        if n >= scale:
            head, rest = spelled(n // scale), (spelled(n % scale) if n % scale else None)
            return f"{head} {word}" + (f" {rest}" if rest else "")
    return None


def scaled(value: float) -> str | None:
    """1.6e9 -> '1.6 billion'; None where no scale word fits."""
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if value >= scale and round(value / scale, 3) * scale == value:
            return f"{value / scale:g} {word}"
    return None


def number_forms(value: float, unit: str = "") -> list[str]:
    u = unit.lower()
    n = int(value)
    if u in ("rank", "position", "place"):
        ordinal = _ORDINALS[n] if n < len(_ORDINALS) else None
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return [f"{ordinal}-largest" if ordinal else "", f"{n}{suffix}", f"No. {n}"] + (["largest"] if n == 1 else [])
    if u in ("fold", "times", "multiple"):
        return [f"{plain(value)}-fold", f"{plain(value)} times"]
    forms = [plain(value)]
    if value == n and n >= 1000:
        forms.append(f"{n:,}".replace(",", " "))
    s = scaled(value)
    if s:
        forms.append(s)
    w = spelled(n) if value == n else None
    if w:
        forms.append(w)
    if u in ("years", "year") and n % 10 == 0 and n:
        forms.append("a decade" if n == 10 else f"{spelled(n // 10)} decades")
    return [f for f in forms if f]


def money_forms(value: float, currency: str) -> list[str]:
    s = scaled(value)
    if currency == "USD":
        forms = [f"${s}", f"US${s.replace(' ', '-')}", f"{s} USD"] if s else [f"${plain(value)}"]
    else:
        forms = [f"{s} {currency}"] if s else []
    return [*forms, plain(value) if currency == "USD" else f"{plain(value)} {currency}"]


def date_forms(value: str) -> list[str]:
    y, m, d = date_parts(value)
    if m is None:
        return [str(y)]
    month = MONTHS[m - 1].capitalize()
    short = month[:3] + "." if len(month) > 4 else month
    if d is None:
        return [f"{month} {y}", f"{short} {y}"]
    return [f"{month} {d}, {y}", f"{d} {month} {y}"]
