"""Values as a reader wants to see them: dates in words, money in billions, codes as names."""

from __future__ import annotations

import calendar
import json
from typing import Any

import pycountry

from ...knowledge.read.models import Money

_SYMBOLS = {"USD": "US$", "EUR": "€", "VND": "VND ", "JPY": "¥", "GBP": "£"}


def date(value: str) -> str:
    parts = value.split("-")
    if len(parts) == 1:
        return value
    month = calendar.month_name[int(parts[1])]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def date_key(value: str | None) -> str:
    """Sorts dates of any precision; an undated item sorts last."""
    return value if value else "9999"


def number(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def amount(value: float) -> str:
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if value >= size:
            return f"{value / size:,.2f}".rstrip("0").rstrip(".") + f" {word}"
    return number(value)


def money(m: Money) -> str:
    symbol = _SYMBOLS.get(m.currency, m.currency + " ")
    text = f"{symbol}{amount(m.value)}"
    return vague(m.words, m.qualifier, text) if m.words else f"{m.qualifier} {text}" if m.qualifier else text


def vague(words: str, qualifier: str | None, figure: str) -> str:
    """The article's words for a vague quantity, with the number the data keeps labelled as a bound."""
    return f"{words} (bound: {qualifier or 'about'} {figure})"


def quantity(value: float, unit: str, qualifier: str | None = None, words: str | None = None) -> str:
    if words:
        return vague(words, qualifier, quantity(value, unit))
    if unit in _SYMBOLS:
        text = f"{_SYMBOLS[unit]}{amount(value)}"
    elif unit == "rank":
        text = f"No. {number(value)}"
    elif unit == "fold":
        text = f"{number(value)}-fold"
    else:
        text = f"{number(value)} {unit}"
    return f"{qualifier} {text}" if qualifier else text


def country(code: str) -> str:
    c = pycountry.countries.get(alpha_2=code)
    return str(getattr(c, "common_name", None) or c.name) if c else code


def label(value: str) -> str:
    """'memorandum-of-cooperation' -> 'Memorandum of cooperation'."""
    return value.replace("-", " ").replace("_", " ").capitalize()


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        text = "; ".join(value)
    elif isinstance(value, (dict, list)):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    else:
        text = str(value)
    # A spreadsheet would run a cell starting like a formula; a leading quote keeps it text.
    return "'" + text if text.startswith(_FORMULA) else text
