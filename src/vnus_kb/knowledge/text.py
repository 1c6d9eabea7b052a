"""Text hygiene and folding shared by the models, the quote check and the duplicate check."""

from __future__ import annotations

import functools
import re
import unicodedata
from array import array
from collections.abc import Iterable, Iterator
from typing import NamedTuple

import numpy as np

# Invisible or direction-changing characters that can make two strings look alike
# or reorder what a reader sees (Trojan Source); never needed in this data.
INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Letters from other scripts that look like Latin ones (a small, common subset of
# Unicode's confusables.txt: Cyrillic and Greek look-alikes).
_CONFUSABLES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
    "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j", "ԁ": "d", "ɡ": "g", "ո": "n", "ս": "u",
    "А": "a", "В": "b", "Е": "e", "К": "k", "М": "m", "Н": "h", "О": "o", "Р": "p", "С": "c", "Т": "t",
    "Х": "x", "Ѕ": "s", "І": "i", "Ј": "j",
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "τ": "t", "ι": "i", "κ": "k", "Α": "a", "Β": "b", "Ε": "e",
    "Η": "h", "Ι": "i", "Κ": "k", "Μ": "m", "Ν": "n", "Ο": "o", "Ρ": "p", "Τ": "t", "Χ": "x", "Υ": "y", "Ζ": "z",
    "đ": "d", "Đ": "d", "ı": "i", "ł": "l", "ø": "o", "ß": "ss",
})
# Words a name may carry or drop and still be the same name
_SUFFIXES = frozenset({"inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "plc",
                       "group", "jsc", "jointstock", "holding", "holdings", "sa", "ag", "gmbh", "the"})
_WORD = re.compile(r"\w+")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
                         "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
                         "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
                         "\u00a0": " ", "…": "..."})


def strip_accents(text: str) -> str:
    """'Phạm Minh Chính' -> 'Pham Minh Chinh', 'Đà Nẵng' -> 'Da Nang'."""
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=1 << 16)
def fold_name(name: str) -> str:
    """A key under which spellings of one name meet: case, accents, look-alikes, suffixes, spacing."""
    if name.isascii():  # no accents, look-alikes or invisible characters to fold
        text = name.casefold()
    else:
        text = INVISIBLE.sub("", unicodedata.normalize("NFKC", name))
        text = strip_accents(text.translate(_CONFUSABLES)).casefold().translate(_CONFUSABLES)
    return " ".join(w for w in _WORD.findall(text) if w not in _SUFFIXES)


def normalise_with_map(text: str) -> tuple[str, array[int]]:
    """For quote lookup: same quotes, dashes and spacing, case-insensitive; with, for each
    character of the result, the index of the original character it came from (an array of
    4-byte offsets: a list would hold an int object of 28 bytes for each character past 256, and
    the sources of a large knowledge base are kept with their map for the whole build)."""
    if text.isascii() and "`" not in text:
        return _normalise_ascii(text)
    # Most text (Vietnamese included) is already NFKC, and folding it changes no character count:
    # then each character maps to one, and only the spacing needs the per-character walk.
    if unicodedata.is_normalized("NFKC", text) and not INVISIBLE.search(text):
        folded = text.translate(_QUOTES).casefold()
        if len(folded) == len(text):
            return _normalise_ascii(folded, lower=False)
    return _normalise_any(text)


# Whether each character up to U+3001 is one that str.isspace() (and so str.split() and re's \s)
# takes for white space; none past U+3000 is.
_IS_SPACE = np.array([chr(c).isspace() for c in range(0x3002)])


def _normalise_ascii(text: str, lower: bool = True) -> tuple[str, array[int]]:
    """The fast path for text whose characters fold one to one: only case and spacing to fold.
    Each character of the result maps to its own; each single space between words, to the first
    white space character after the word. Worked out on all characters at once (numpy): a walk
    word by word took 0.17 s for the 400 sources of a 10,000-record knowledge base."""
    words = (text.lower() if lower else text).split()
    if not words:
        return "", array("I")
    if text.isascii():
        codes = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    else:
        codes = np.minimum(np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32), 0x3001)
    space = _IS_SPACE[codes]
    keep = ~space
    # the first white space after a word, up to the last word
    gap = np.zeros_like(space)
    gap[1:] = space[1:] & keep[:-1]
    gap[int(np.flatnonzero(keep)[-1]):] = False
    where = array("I")
    where.frombytes(np.flatnonzero(keep | gap).astype(f"u{where.itemsize}").tobytes())
    return " ".join(words), where


def _normalise_any(text: str) -> tuple[str, array[int]]:
    out: list[str] = []
    where = array("I")
    for i, ch in enumerate(text):
        if INVISIBLE.match(ch):
            continue
        for c in unicodedata.normalize("NFKC", ch).translate(_QUOTES).casefold():
            if c.isspace():
                if not out or out[-1] == " ":
                    continue
                c = " "
            out.append(c)
            where.append(i)
    if out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


def normalise_passage(text: str) -> str:
    """normalise_with_map(text)[0], without building the map (for quotes, which need none)."""
    if text.isascii() and "`" not in text:
        return " ".join(text.lower().split())
    if unicodedata.is_normalized("NFKC", text) and not INVISIBLE.search(text):
        folded = text.translate(_QUOTES).casefold()
        if len(folded) == len(text):
            return " ".join(folded.split())
    return _normalise_any(text)[0]


class WordMatch(NamedTuple):
    """Where a name was found (the part of re.Match that callers use)."""

    begin: int
    finish: int
    text: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self) -> str:
        return self.text


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what \w matches


class WholeWords:
    r"""Finds any of many names as whole words, the longest where several start at one place: as the
    regular expression (?<!\w)(?:longest|...|shortest)(?!\w) would, but through an index by each
    name's first word, so that the cost does not grow with the number of names (thousands, for a
    large knowledge base): made in milliseconds, a few MB at 10,000 records (a character trie,
    before, took 0.3 s and 53 MB)."""

    def __init__(self, words: Iterable[str]) -> None:
        self.by_key: dict[str, list[str]] = {}
        for w in set(words):
            if w:
                self.by_key.setdefault(_key(w), []).append(w)
        for names in self.by_key.values():
            names.sort(key=len, reverse=True)

    def finditer(self, text: str) -> Iterator[WordMatch]:
        pos, n = 0, len(text)
        for m in _CANDIDATE.finditer(text):  # where a name may start: a word, or any other character
            i = m.start()
            names = self.by_key.get(m.group()) if i >= pos else None
            for name in names or ():
                end = i + len(name)
                if text.startswith(name, i) and (end == n or not _is_word(text[end])):
                    yield WordMatch(i, end, name)
                    pos = end
                    break

    def search(self, text: str) -> WordMatch | None:
        return next(self.finditer(text), None)


_CANDIDATE = re.compile(r"(?<!\w)(?:\w+|.)", re.S)


def _key(name: str) -> str:
    """A name's first word; its first character when that is no word character."""
    m = _CANDIDATE.match(name)
    return m.group() if m else name[0]


def whole_words(words: Iterable[str]) -> WholeWords | None:
    """A matcher finding any of ``words`` as whole words, longest first; None for no words."""
    found = WholeWords(words)
    return found if found.by_key else None


# Any character that text_problem below may object to: most text has none, and one search tells
# (the models check every name and text field of every record with it).
_SUSPECT_TEXT = re.compile("[" + CONTROL.pattern[1:-1] + INVISIBLE.pattern[1:-1] + "]")
_SUSPECT_LINE = re.compile("[\n\r<>" + CONTROL.pattern[1:-1] + INVISIBLE.pattern[1:-1] + "]")


def text_problem(value: str, single_line: bool) -> str | None:
    """Why a piece of data text is unsafe to show, or None."""
    if ((_SUSPECT_LINE if single_line else _SUSPECT_TEXT).search(value) is None
            and not value[:1].isspace() and not value[-1:].isspace()):
        return None  # none of the problems below
    if single_line and ("\n" in value or "\r" in value):
        return "must be a single line"
    if single_line and ("<" in value or ">" in value):
        return "must not contain '<' or '>' (names and titles are plain text)"
    m = CONTROL.search(value.replace("\n", "") if not single_line else value)
    if m:
        return f"contains control character U+{ord(m.group()):04X}"
    m = INVISIBLE.search(value)
    if m:
        return f"contains invisible or direction-changing character U+{ord(m.group()):04X}"
    if value != value.strip():
        return "has leading or trailing white space"
    return None
