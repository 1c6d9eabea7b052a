"""Source pages: metadata, the article with known names linked and cited passages marked."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import TYPE_CHECKING

from ...knowledge.checks.coverage import share
from ...knowledge.text import WholeWords, strip_accents, whole_words
from ..markup import formatting as fmt
from ..markup.labels import KIND_LABELS
from ..markup.markdown import Md, ext_link, link, table, text
from ..markup.page import Page, anchor, front_matter, page_of, source_label, source_page

if TYPE_CHECKING:
    from ...knowledge.kb import SourceEntry
    from .records import Renderer

_MARK_CHANGE = re.compile(rb"(?=\x00\x01|\x01\x00)")  # in the marked bytes: the next one differs


def _name_links(r: Renderer) -> tuple[WholeWords | None, dict[str, str]]:
    target: dict[str, str] = {}
    for e in r.kb.entries.values():
        if e.kind in ("discrepancy", "indicator", "target", "investment"):
            continue
        for n in e.record.all_names():
            if len(n) >= 3:
                target.setdefault(n, e.id)
                target.setdefault(strip_accents(n), e.id)
    return whole_words(target), target


def annotate(r: Renderer, src: SourceEntry, here: str,
             names: tuple[WholeWords | None, dict[str, str]] | None = None) -> Md:
    """The article text, one paragraph per line: cited passages marked and anchored, names linked.
    ``names``: _name_links(r), computed once for all the sources."""
    body = src.text.body
    cites = r.kb.cites_in(src.id)
    starts: dict[int, list[str]] = {}
    for c in cites:
        starts.setdefault(c.match.start, [])
        if anchor(c) not in starts[c.match.start]:
            starts[c.match.start].append(anchor(c))
    marked = bytearray(len(body) + 1)
    for c in cites:
        marked[c.match.start : c.match.end] = b"\x01" * (c.match.end - c.match.start)
    pattern, targets = names or _name_links(r)
    links = {m.start(): (m.end(), targets[m.group()]) for m in pattern.finditer(body)} if pattern else {}

    def in_mark(i: int) -> bool:
        return bool(marked[i])

    # where a piece of text ends: an anchor, a link start, a change of marking (sorted)
    breaks = sorted({*starts, *links, *(m.start() + 1 for m in _MARK_CHANGE.finditer(marked))})
    anchored = sorted(starts)

    paras: list[str] = []
    offset = 0
    for line in body.splitlines(keepends=True):
        start, end = offset, offset + len(line.rstrip())
        offset += len(line)
        if not line.strip():
            continue
        if src.text.in_chrome(start):
            continue
        pieces: list[tuple[bool, str]] = []  # (marked, markdown)
        i = start
        while i < end and body[i].isspace():
            i += 1
        while i < end:
            # the next boundary: an anchor, a link start, or a change of marking
            if i in links:
                j = min(links[i][0], end)
                e = r.kb.entries[links[i][1]]
                piece: str = link(body[i:j], here, page_of(e.kind, e.id))
            else:
                k = bisect_right(breaks, i)
                j = min(breaks[k], end) if k < len(breaks) else end
                piece = text(body[i:j], strip=False)
            # every anchor that starts within this piece (a quote may start inside a linked name)
            ids = [a for k in anchored[bisect_left(anchored, i):bisect_left(anchored, j)] for a in starts[k]]
            pieces.append((in_mark(i), "".join(f'<a id="{a}"></a>' for a in ids) + piece))
            i = j
        out: list[str] = []
        for k, (is_marked, piece) in enumerate(pieces):
            before = pieces[k - 1][0] if k else False
            after = pieces[k + 1][0] if k + 1 < len(pieces) else False
            out.append(("<mark>" if is_marked and not before else "") + piece + ("</mark>" if is_marked and not after else ""))
        paras.append("".join(out))
    return Md("\n\n".join(paras))


def source_pages(r: Renderer, only: Callable[[str], bool] | None = None) -> dict[str, Page]:
    """The page of each source; with ``only``, of the sources whose page path it accepts (the edit
    loop renders again the few a change reaches: an article is the largest page to annotate)."""
    pages = {}
    wanted = [s for s in r.kb.sources.values() if only is None or only(source_page(s.id))]
    names = _name_links(r) if wanted else None
    for src in wanted:
        here = source_page(src.id)
        m = src.meta
        rows = [[Md("Title"), text(m.title or "(no headline on the page)")]]
        for label, v in (("Publisher", m.publisher), ("Author", m.author), ("Published", m.published and fmt.date(m.published)),
                         ("Language", m.language), ("Original file", m.original_file)):
            rows.append([Md(label), text(v) if v else Md("not stated in the text")])
        if m.url:
            rows.append([Md("Address"), ext_link(m.url, m.url)])
        items = r.coverage[src.id]
        rows.append([Md("Coverage"), text(f"{share(items):.0%} of {len(items)} sentences are cited by a record")])
        citing = sorted({c.record for c in r.kb.cites_in(src.id)}, key=lambda i: r.kb.entries[i].record.name.casefold())
        by_kind: dict[str, list[str]] = {}
        for i in citing:
            e = r.kb.entries[i]
            by_kind.setdefault(KIND_LABELS[e.kind][1], []).append(link(e.record.name, here, page_of(e.kind, i)))
        record_links = "\n".join(f"- **{text(kind)}:** {', '.join(links)}" for kind, links in sorted(by_kind.items()))
        chrome = " Page chrome (navigation, share buttons, teasers of other stories) is left out." if m.chrome else ""
        body = [f"# {text(source_label(src))}", table(["About the article", ""], rows),
                f"## Records citing this source\n\n{record_links or 'None yet.'}",
                "## The article", text("Highlighted passages are cited; names link to their records." + chrome),
                annotate(r, src, here, names)]
        pages[here] = Page(front_matter(source_label(src)) + "\n\n".join(body) + "\n", src.path)
    return pages


def source_index(r: Renderer) -> Page:
    here = "sources/index.md"
    rows = []
    for src in sorted(r.kb.sources.values(), key=lambda s: (s.meta.published or "", s.id)):
        items = r.coverage[src.id]
        rows.append([link(source_label(src), here, source_page(src.id)), text(src.meta.publisher or "—"),
                     text(fmt.date(src.meta.published)) if src.meta.published else Md("—"),
                     text(str(len({c.record for c in r.kb.cites_in(src.id)}))), text(f"{share(items):.0%}")])
    body = ["# Sources", text("The articles every fact rests on, with their text annotated."),
            table(["Article", "Publisher", "Published", "Records citing", "Sentences cited"], rows)]
    return Page(front_matter("Sources") + "\n\n".join(body) + "\n")
