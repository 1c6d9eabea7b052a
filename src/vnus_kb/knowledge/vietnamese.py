"""Is a word a Vietnamese syllable? For telling namesakes from typos.

Vietnamese names are made of syllables, and the common family and middle names recur: "Vũ Văn
Đức Hà" and "Vũ Văn Đức Thảo" are two people. A typo, by contrast, rarely yields a well-formed
syllable: "Thahn", "Nguyn", "Ngyuen" are none. The check works on folded text (lower case, no
diacritics, đ -> d), as names are compared in that form; it accepts every syllable of the
language (initial consonant, optional medial o/u, vowel nucleus, final consonant or glide) and
a few impossible ones too, which is the safe side: it is only asked "could this be a syllable?".
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .text import strip_accents

# Onsets, longest first ("qu" and "gi" count as onsets: "quang" is qu+ang, "giang" gi+ang).
_ONSETS = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|g|h|k|l|m|n|p|r|s|t|v|x"

# Each vowel nucleus (medial included, diacritics folded) and the endings it takes.
_RHYMES: dict[str, str] = {
    "a": " c ch i m n ng nh o p t u y",
    "e": " c ch m n ng nh o p t u",
    "i": " a c ch m n nh p t u",
    "ie": "c m n ng p t u",
    "ye": "m n t u",
    "y": " a",
    "o": " c i m n ng p t",
    "oo": "c ng",
    "u": " a c i m n ng p t u y",
    "uo": "c i m n ng p t u",
    "oa": " c ch i m n ng nh o p t y",
    "oe": " n o t",
    "ua": " c n ng nh t y",
    "ue": " ch nh",
    "uy": " a ch nh t u",
    "uye": "n t",
}
_RHYME_RE = "|".join(sorted((re.escape(n + c) for n, codas in _RHYMES.items() for c in codas.split(" ")),
                            key=len, reverse=True))
_SYLLABLE = re.compile(rf"(?:{_ONSETS})?(?:{_RHYME_RE})")


@functools.cache
def is_syllable(word: str) -> bool:
    """True for a folded word that could be one Vietnamese syllable ("thanh", "nguyen", "an")."""
    return _SYLLABLE.fullmatch(word) is not None


def differ_by_syllable(a: str, b: str) -> bool:
    """Two folded names of two or more words, the same but for whole words, each of them a
    different Vietnamese syllable in each name ("nguyen van an" / "nguyen van anh"): namesakes,
    not typos. A typo or a spacing variant leaves a word that is no syllable, or another count
    of words ("nguyen van thahn", "nguyenvan thanh")."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or len(wa) < 2:
        return False
    diff = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    return bool(diff) and all(is_syllable(x) and is_syllable(y) for x, y in diff)


def differ_in_marks(a: str, b: str) -> bool:
    """Two names written with diacritics, whose words differ only where both carry marks ("Trần
    Minh Hùng" / "Trần Minh Hưng"): different given names, though they fold to one key. A word
    written without its marks ("Thành" / "Thanh") is a spelling of the same name, not another."""
    wa, wb = _words(a), _words(b)
    if len(wa) != len(wb):
        return False
    diff = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    return bool(diff) and all(strip_accents(x) != x and strip_accents(y) != y for x, y in diff)


def _words(name: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", name).casefold())
