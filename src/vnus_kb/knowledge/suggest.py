"""'Did you mean' hints, computed when the error is made."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz, process

from .text import fold_name


def closest(word: str, choices: Iterable[str], cutoff: float = 70) -> str | None:
    found = process.extractOne(word, list(choices), scorer=fuzz.WRatio, score_cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str] | Mapping[str, object], cutoff: float = 70) -> str:
    best = closest(word, list(choices), cutoff)
    return f"did you mean '{best}'?" if best else ""


def closest_id(word: str, names: Mapping[str, str], cutoff: float = 75) -> str | None:
    """The id whose id, name or alias is nearest to ``word``; ``names`` maps folded name -> id."""
    key = fold_name(word.replace("-", " "))
    if key in names:
        return names[key]
    found = process.extractOne(key, list(names), scorer=fuzz.ratio, score_cutoff=cutoff)
    return names[found[0]] if found else None
