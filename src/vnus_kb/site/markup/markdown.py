"""The one place where data text becomes Markdown: everything from data is escaped here.

`Md` marks a string as Markdown the renderer built itself; anything else is data text and
goes through `text()`, which turns every character that Markdown, HTML or a Markdown
extension could read as syntax into a numeric character reference. Data text can therefore
never open a tag, a link, an attribute list, an emphasis or a block.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Iterable, Sequence
from urllib.parse import quote

# Every ASCII character with a meaning in Markdown, HTML or the extensions in use
# (attr_list braces, tables' pipe, footnotes' caret, emoji colons, abbr asterisks, ...).
_SPECIAL = "\\`*_{}[]()#+-.!|<>&\"'~^=:@$%;/"
_SPACE = re.compile(r"\s+")
_REFERENCE = {c: f"&#{ord(c)};" for c in _SPECIAL}
_FIND_SPECIAL = re.compile("[" + re.escape(_SPECIAL) + "]")


class Md(str):
    """Markdown built by the renderer: trusted, not escaped again."""

    __slots__ = ()


def text(value: object, strip: bool = True) -> Md:
    """Data text as inert inline Markdown: one paragraph, every special character escaped."""
    if isinstance(value, Md):
        return value
    s = str(value)
    # A name is escaped again for every link to its record (a hub's, thousands of times): short
    # texts are remembered (a fifth of the time of the overviews at 1,000 records; at 10,000,
    # 12,000 texts and 4 MB, bounded by the cache's size).
    return _escaped_short(s, strip) if len(s) <= _SHORT else _escaped(s, strip)


_SHORT = 120


def _escaped(s: str, strip: bool) -> Md:
    s = _SPACE.sub(" ", s)
    s = s.strip() if strip else s
    # (a regular expression beats str.translate here, which looks up every character of the text)
    return Md(_FIND_SPECIAL.sub(lambda m: _REFERENCE[m.group()], s) if _FIND_SPECIAL.search(s) else s)


_escaped_short = functools.lru_cache(maxsize=1 << 16)(_escaped)



def paragraphs(value: str) -> Md:
    """Multi-line data text: paragraphs kept (blank lines), all else inline."""
    parts = [p for p in re.split(r"\n\s*\n", value) if p.strip()]
    return Md("\n\n".join(text(p) for p in parts))


def html_attr(value: str) -> str:
    """For attribute values the renderer writes in raw HTML (ids, classes, titles)."""
    return re.sub(r"""[&<>"'`=]""", lambda m: f"&#{ord(m.group())};", value)


def url(value: str) -> str:
    """An http(s) URL made safe inside Markdown link parentheses."""
    if not re.match(r"https?://", value):
        raise ValueError(f"refusing a non-http(s) URL: {value!r}")
    return quote(value, safe=":/?#@!$&*+,;=%~-._")


def rel(from_page: str, to_page: str) -> str:
    """Relative link between two page paths (both relative to the docs root)."""
    return _rel(posixpath.dirname(from_page) or ".", to_page)


def _rel(base: str, to_page: str) -> str:
    """posixpath.relpath(to_page, base) for normalised relative paths, without its abspath calls
    (a quarter of a million links at 10,000 records)."""
    if base == ".":
        return to_page
    b, t = base.split("/"), to_page.split("/")
    i = 0
    while i < len(b) and i < len(t) and b[i] == t[i]:
        i += 1
    return "/".join([".."] * (len(b) - i) + t[i:]) or "."


def link(label: object, from_page: str, to_page: str, anchor: str = "") -> Md:
    target = rel(from_page, to_page) + (f"#{anchor}" if anchor else "")
    return Md(f"[{text(label)}]({target})")


def ext_link(label: object, href: str) -> Md:
    return Md(f"[{text(label)}]({url(href)})")


def join(items: Iterable[str], sep: str = ", ") -> Md:
    return Md(sep.join(text(i) for i in items))


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> Md:
    """A pipe table; cells are escaped unless they are Md already."""
    if not rows:
        return Md("")
    def row(cells: Sequence[str]) -> str:
        return "| " + " | ".join(text(c) for c in cells) + " |"
    lines = [row(header), "| " + " | ".join("---" for _ in header) + " |", *(row(r) for r in rows)]
    return Md("\n".join(lines))


class Footnotes:
    """Citations of one page, numbered in order of first use."""

    def __init__(self) -> None:
        self._keys: dict[str, int] = {}
        self._notes: list[str] = []

    def cite(self, key: str, note: Md) -> Md:
        n = self._keys.get(key)
        if n is None:
            n = self._keys[key] = len(self._notes) + 1
            self._notes.append(note)
        return Md(f"[^{n}]")

    def render(self) -> Md:
        return Md("\n".join(f"[^{i}]: {note}" for i, note in enumerate(self._notes, 1)))
