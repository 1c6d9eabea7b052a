"""Overview pages that stay small however large the knowledge base grows.

An overview (a kind's index, the timeline, the investments table, the sectors) lists every record
on one page while it is short; past PER_PAGE rows it becomes a summary page linking to numbered
pages of PER_PAGE rows each (or to a page per year, per sector), so that no page outgrows what a
browser, the search index and a reader can take. The paths of the extra pages hold an underscore,
which no record id can (ids are slugs), so they can never clash with a record page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from .markdown import Footnotes, Md, link, table, text
from .page import Page, front_matter

T = TypeVar("T")

PER_PAGE = 200  # rows of a table page; a row is a few hundred bytes of HTML

# A table row builder: (page path the links are relative to, that page's footnotes) -> cells.
Row = Callable[[str, Footnotes], list[str]]


def numbered(here: str, n: int) -> str:
    """Path of page ``n`` (from 1) of the overview at ``here``: 'people/index.md' -> 'people/index_2.md'."""
    return here.removesuffix(".md") + f"_{n}.md"


def table_pages(here: str, title: str, intro: Md, header: Sequence[str], rows: Sequence[tuple[str, Row]],
                after: Callable[[str], list[str]] = lambda here: [], counted: bool = True,
                per_page: int = PER_PAGE) -> dict[str, Page]:
    """One page with every row while they fit; else a summary page at ``here`` linking to numbered
    pages of ``per_page`` rows. ``rows``: (label used for the page ranges, row builder), in order."""
    count = Md(f"{len(rows)} record{'s' if len(rows) != 1 else ''}.") if counted else Md("")
    if len(rows) <= per_page:
        notes = Footnotes()
        body = [f"# {text(title)}", intro, count, table(header, [row(here, notes) for _, row in rows]),
                *after(here), notes.render()]
        return {here: Page(front_matter(title) + "\n\n".join(b for b in body if b) + "\n")}
    pages: dict[str, Page] = {}
    items = []
    chunks = [rows[i : i + per_page] for i in range(0, len(rows), per_page)]
    for n, chunk in enumerate(chunks, 1):
        path = numbered(here, n)
        span = f"{chunk[0][0]} – {chunk[-1][0]}"
        sub = f"{title}, page {n} of {len(chunks)}"
        notes = Footnotes()
        nav = f"{link('All pages', path, here)} · {text(span)}"
        body = [f"# {text(sub)}", Md(nav), table(header, [row(path, notes) for _, row in chunk]), notes.render()]
        pages[path] = Page(front_matter(sub) + "\n\n".join(b for b in body if b) + "\n")
        items.append(f"- {link(f'Page {n}', here, path)}: {text(span)} ({len(chunk)})")
    body = [f"# {text(title)}", intro, Md(f"{len(rows):,} records on {len(chunks)} pages."), "\n".join(items), *after(here)]
    pages[here] = Page(front_matter(title) + "\n\n".join(b for b in body if b) + "\n")
    return pages


def chunk_by_size(items: Sequence[T], size: Callable[[T], int], budget: int) -> list[list[T]]:
    """``items`` in order, cut into runs of at most ``budget`` bytes (an item larger than the budget
    alone on its run): for pages whose rows differ much in length (a hub's relations, a busy year)."""
    chunks: list[list[T]] = []
    used = budget + 1
    for item in items:
        n = size(item)
        if used + n > budget:
            chunks.append([])
            used = 0
        chunks[-1].append(item)
        used += n
    return chunks
