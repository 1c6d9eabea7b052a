"""What a generated page is, and where each page of the site lives: paths, anchors, labels, front matter."""

from __future__ import annotations

import html
import itertools
import zlib
from typing import Any

import yaml

from ...knowledge.kb import Cite, SourceEntry
from ...knowledge.read.models import KINDS
from . import formatting as fmt

# libyaml's emitter when PyYAML has it (five times faster, the same text), else PyYAML's own
_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# The placeholder id of a provenance badge's explanation: site/views/provenance.py writes it, and a Page
# numbers the badges it holds (why-1, why-2, ...), since only the whole page knows their order.
TIP = "why-#"
_TIP_VALUE = f'="{TIP}"'


def number_tips(markdown: str) -> str:
    """Give each badge's explanation an id of its own on its page: why-1, why-2, ... (each badge's
    aria-describedby names the explanation that follows it). Split at the placeholder: a regular
    expression for the attribute names tried every 'a' and 'i' of the page (0.45 s at 10,000 records)."""
    if TIP not in markdown:
        return markdown
    parts = markdown.split(_TIP_VALUE)
    out = [parts[0]]
    n = 0
    for before, after in itertools.pairwise(parts):
        if before.endswith("aria-describedby"):
            n += 1
            out.append(f'="why-{n}"')
        elif before.endswith("id"):
            out.append(f'="why-{n}"')
        else:
            out.append(_TIP_VALUE)
        out.append(after)
    return "".join(out)


def pack(data: str | bytes) -> bytes:
    """Text held compressed: zlib's fastest level, a quarter of the bytes in about 10 ms a MB, and
    the same bytes for the same text. Text as UTF-8 (one Vietnamese letter makes Python store a
    whole str at 2 bytes a character)."""
    return zlib.compress(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data, 1)


def unpack(packed: bytes) -> bytes:
    return zlib.decompress(packed)


class Page:
    """A generated page: its Markdown, and the repository file a reader would edit to change it.

    The Markdown is held packed (`pack`). A large knowledge base's pages are all made before MkDocs reads the
    first one, while the knowledge base is still held: at 10,000 records their Markdown is over
    100 MB as UTF-8 (twice that as str, which stores a whole page at 2 bytes a character for one
    Vietnamese letter)."""

    __slots__ = ("edit_path", "packed")
    packed: bytes
    edit_path: str | None

    def __init__(self, markdown: str, edit_path: str | None = None) -> None:
        markdown = number_tips(markdown)
        object.__setattr__(self, "packed", pack(markdown))
        object.__setattr__(self, "edit_path", edit_path)

    @classmethod
    def from_packed(cls, packed: bytes, edit_path: str | None = None) -> Page:
        """The page whose ``packed`` bytes these are (made in another process: vnus_kb/workers.py)."""
        page = cls.__new__(cls)
        object.__setattr__(page, "packed", packed)
        object.__setattr__(page, "edit_path", edit_path)
        return page

    @property
    def utf8(self) -> bytes:
        return unpack(self.packed)

    @property
    def markdown(self) -> str:
        return self.utf8.decode("utf-8", "surrogatepass")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a Page does not change; make a new one (setting {name})")

    def __reduce__(self) -> tuple[Any, tuple[bytes, str | None]]:  # from a render worker, still packed
        return Page.from_packed, (self.packed, self.edit_path)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Page):
            return NotImplemented
        # zlib at one level gives the same bytes for the same text: equal texts, equal packed bytes
        return (self.packed, self.edit_path) == (other.packed, other.edit_path)

    def __hash__(self) -> int:
        return hash((self.packed, self.edit_path))

    def __repr__(self) -> str:
        return f"Page(markdown={self.markdown[:60]!r}..., edit_path={self.edit_path!r})"


def page_of(kind: str, rid: str) -> str:
    return f"{KINDS[kind].FOLDER}/{rid}.md"


def source_page(sid: str) -> str:
    return f"sources/{sid}.md"


def anchor(cite: Cite) -> str:
    return f"q-{cite.match.start}-{cite.match.end}"


def source_label(src: SourceEntry) -> str:
    m = src.meta
    if m.title:
        return m.title
    return ", ".join(x for x in (m.publisher, m.published and fmt.date(m.published)) if x) or m.id


def front_matter(title: str, **meta: Any) -> str:
    # Titles reach <title>, the navigation and the search index unescaped by the theme.
    data = {"title": html.escape(title, quote=True), **{k: v for k, v in meta.items() if v}}
    return "---\n" + yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n"
