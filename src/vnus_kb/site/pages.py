"""Everything the site is made of, independent of the generator: pages, downloads, assets."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

from ..knowledge.kb import Entry, KnowledgeBase
from ..knowledge.read.models import RECORD_TYPES
from ..knowledge.read.reserved import address
from ..workers import Held, Running, Task, can_fork, cores
from .markup.markdown import link, table, text
from .markup.page import Page, front_matter, page_of, source_page
from .outputs import feed
from .outputs.export import Dumps, exports
from .outputs.feed import History
from .views import overviews as ov
from .views import relations
from .views.explore import explore
from .views.home import home
from .views.records import Renderer
from .views.sources import source_index, source_pages
from .views.timeline import timeline

ASSETS = ("assets/vnus-kb.css", "assets/vnus-kb.js", "assets/views.css", "assets/explore.js", "assets/vnus-search.js")
THEME_ASSETS = ("assets/vnus-palette.js",)  # linked by the theme overrides (src/vnus_kb/overrides), not on every page


def render(kb: KnowledgeBase, only: Callable[[str], bool] | None = None, workers: int | None = None) -> dict[str, Page]:
    """Every generated page, by path relative to the docs folder, in a stable order; with ``only``,
    just the pages whose path it accepts (site/incremental.py). ``workers``: processes to render
    in (vnus_kb/workers.py); by default one per core for a large knowledge base, else this one."""
    return render_with(kb, (), only, workers)[0]


def render_with(kb: KnowledgeBase, also: Sequence[Task], only: Callable[[str], bool] | None = None,
                workers: int | None = None, later: bool = False, after: Sequence[Task] = (),
                ) -> tuple[dict[str, Page], list[Any], list[Callable[[], Any]], Running]:
    """`render`, and the results of the tasks ``also`` (the downloads, the record heads: work a
    one-shot build would otherwise do alone, after the pages), done by the same workers.

    ``later``: the record pages and the source pages (nine in ten pages; their paths are known
    before they are made) are left to the workers while the caller goes on: they come back as
    PendingPages, which wait for their bytes when first read. A one-shot build reads them one
    by one, in the order of their paths, while the workers make the next ones on the core
    MkDocs leaves idle. ``after``: tasks whose results are wanted only after the pages are read
    (the record heads), done by the workers after them: each result comes back as a function
    that waits for it. Close the returned Running once every page and result is read (it is
    closed already unless ``later``)."""
    want = only or (lambda _: True)
    r = Renderer(kb)
    overview: dict[str, Task] = {  # timeline and Explore: with their pages when they split
        "index.md": lambda: {"index.md": home(r)}, "timeline.md": lambda: timeline(kb, marks=r.marks),
        "explore.md": lambda: explore(kb), "sources/index.md": lambda: {"sources/index.md": source_index(r)},
        **{f"{t.FOLDER}/index.md": partial(_kind_pages, r, t.KIND, t.FOLDER) for t in RECORD_TYPES}}
    paths = [path for path in overview if want(path)]
    overviews = [overview[path] for path in paths]
    if want("index.md"):  # the sectors pages go with the overviews
        overviews.append(partial(ov.sectors, r))  # a large knowledge base's sectors; a small one has tags_page()
    # in the order of their paths, the order in which MkDocs reads them
    entries = sorted((e for e in kb.entries.values() if want(page_of(e.kind, e.id))), key=lambda e: page_of(e.kind, e.id))
    chunks = [entries[i:i + _CHUNK] for i in range(0, len(entries), _CHUNK)]
    if workers is None:
        workers = cores() if len(entries) >= PARALLEL_FROM else 1
    later = later and workers > 1 and can_fork()
    # Later: this process lets go of the renderer and the records once the pages it waits for are made.
    held = Held((r, chunks))
    records: list[Task] = [partial(_record_pages, r, chunk) if not later else partial(_held_record_pages, held, k)
                           for k, chunk in enumerate(chunks)]
    sources_task = partial(source_pages, r, want) if not later else partial(_held_source_pages, held, want)
    # Later: each record's page is made by its task; the complete lists of a hub's relations
    # (paths known once made) by tasks of their own, done before the call returns.
    lists: list[Task] = [partial(_list_pages, r, chunk) for chunk in chunks] if later else []
    eager = [*overviews, *lists, *also]
    tasks: list[Task] = [*eager, *records, sources_task, *after]
    first_record = len(eager)
    sources = first_record + len(records)
    # Explore here, where its layout is cached for the edit loop's next render (explore.layout).
    explore_here = [paths.index("explore.md")] if "explore.md" in paths else []
    if later:  # what the call returns first, then the pages in the order MkDocs reads them
        first = [*range(len(overviews), len(eager)), *range(len(overviews))]
    else:  # the sources' pages and the other work first (the longest tasks)
        first = [sources, *range(len(overviews) + len(lists), len(eager))]
    running = Running(tasks, workers, first=first, here=explore_here)
    pages: dict[str, Page] = {}
    try:
        for i in range(len(overviews)):
            pages.update(running.result(i))
        if later:
            for i in range(len(overviews), len(overviews) + len(lists)):
                for path, page in running.result(i).items():
                    put(pages, path, page)
            for i, chunk in enumerate(chunks, first_record):
                for e in chunk:
                    put(pages, page_of(e.kind, e.id), PendingPage(running, i, page_of(e.kind, e.id), e.path))
            for src in kb.sources.values():
                if want(source_page(src.id)):
                    put(pages, source_page(src.id), PendingPage(running, sources, source_page(src.id), src.path))
        else:
            for i in range(first_record, sources + 1):
                for path, page in running.result(i).items():
                    put(pages, path, page)
        done = [running.result(i) for i in range(len(overviews) + len(lists), len(eager))]
        held.release()
        waits: list[Callable[[], Any]] = [partial(running.result, i) for i in range(sources + 1, len(tasks))]
        if not later:  # made already: the running is closed below
            waits = [partial(_made, wait()) for wait in waits]
    except BaseException:
        running.close()
        raise
    if not later:
        running.close()
    return dict(sorted(pages.items())), done, waits, running


def _held_record_pages(held: Held, k: int) -> dict[str, Page]:
    r, chunks = held.get()
    return _record_pages(r, chunks[k])


def _held_source_pages(held: Held, only: Callable[[str], bool]) -> dict[str, Page]:
    return source_pages(held.get()[0], only)


def _made(result: Any) -> Any:
    return result


class PendingPage(Page):
    """A page a worker is still making (render_with(later=True)): its bytes wait for the worker's
    task when first asked for. What it is made of is known: its path, and the file to edit."""

    __slots__ = ("_path", "_running", "_task")
    _running: Running
    _task: int
    _path: str

    def __init__(self, running: Running, task: int, path: str, edit_path: str | None) -> None:
        object.__setattr__(self, "_running", running)
        object.__setattr__(self, "_task", task)
        object.__setattr__(self, "_path", path)
        object.__setattr__(self, "edit_path", edit_path)

    @property
    def packed(self) -> bytes:  # type: ignore[override]
        made: dict[str, Page] = self._running.result(self._task)
        page = made.get(self._path)
        if page is None or page.edit_path != self.edit_path:
            raise ValueError(f"the worker made no page {self._path} (with {self.edit_path})")
        return page.packed


PARALLEL_FROM = 500  # records; below, forking costs more than it saves
_CHUNK = 250  # records a task: enough tasks that the cores finish together
_SPECIAL: dict[str, Callable[[Renderer], Page | dict[str, Page]]] = {
    "investment": ov.investments, "target": ov.targets, "agreement": ov.agreements, "programme": ov.programmes,
    "discrepancy": ov.discrepancies}


def _kind_pages(r: Renderer, kind: str, folder: str) -> dict[str, Page]:
    """A kind's overview, with all its pages when it paginates."""
    made = _SPECIAL[kind](r) if kind in _SPECIAL else ov.kind_index(r, kind)
    return made if isinstance(made, dict) else {f"{folder}/index.md": made}


def _list_pages(r: Renderer, entries: list[Entry]) -> dict[str, Page]:
    """The pages of the complete lists of each hub's relations (those its record page links to)."""
    pages: dict[str, Page] = {}
    for e in entries:
        for path, page in relations.lists(r, e).items():
            put(pages, path, page)
    return pages


def _record_pages(r: Renderer, entries: list[Entry]) -> dict[str, Page]:
    """Each record's page, with the complete lists of a hub's relations."""
    pages: dict[str, Page] = {}
    for e in entries:
        for path, page in r.record_pages(e).items():
            put(pages, path, page)
    return pages


def put(pages: dict[str, Page], path: str, page: Page) -> None:
    """Add a page; one that would take another's place stops the build (validation reports the id)."""
    if path in pages:
        raise ValueError(f"two pages would be written to {path}; one of them would vanish")
    pages[path] = page


def check_addresses(paths: Iterable[str]) -> None:
    """Every page and file at an address of its own: MkDocs serves `x.md` and `x/index.md` both at
    `x/`, and a page taking a generated page's place (knowledge/read/reserved.py) would hide it."""
    seen: dict[str, str] = {}
    for path in paths:
        at = address(path)
        if at in seen:
            raise ValueError(f"{seen[at]} and {path} would both be served at /{at}; one of them would vanish")
        seen[at] = path


def data_page(sizes: dict[str, int]) -> Page:
    """The downloads, with their sizes in bytes (of UTF-8), by path."""
    here = "data.md"
    rows = [[link(p.removeprefix("downloads/"), here, p), text(f"{n:,} bytes")] for p, n in sizes.items()]
    body = ["# Data", text("The whole knowledge base, free to reuse. Regenerated on every build from the YAML records."),
            table(["File", "Size"], rows),
            text("In the CSV files, lists are joined with '; ', nested values are JSON, and a cell that "
                 "would start like a spreadsheet formula is prefixed with a single quote."),
            "## Statements",
            text("statements.csv and statements.json hold every claimed value (dates, amounts, numbers, ranks, "
                 "statuses, places, Vietnamese names, countries) as one row per record, field and value, with "
                 "the columns record, kind, field, value, basis, source, quote and note. The basis says how the "
                 "value was obtained: quoted (it stands, in some usual written form, in the quote given), "
                 "inferred (a reader's step from the sources, explained in the note), outside (from no source "
                 "of this site, with the reason and a reference in the note) or uncited.")]
    return Page(front_matter("Data") + "\n\n".join(body) + "\n")


def tags_page() -> Page:
    return Page(front_matter("Sectors") + "# Sectors\n\nRecords by sector.\n\n<!-- material/tags -->\n")


def asset(name: str) -> str:
    return (resources.files("vnus_kb") / name).read_text(encoding="utf-8")


def site_files(kb: KnowledgeBase, history: History | None = None, site_url: str = "",
               site_name: str = "vnus-kb", rendered: dict[str, Page] | None = None, dumps: Dumps | None = None,
               ) -> tuple[dict[str, Page], dict[str, str]]:
    """Markdown pages, and other files (downloads, assets, the feed), by path relative to the docs
    root. ``history``: the repository's changes (feed.read_history), for What's new and the feed;
    ``rendered``: `render(kb)` already done, and ``dumps``: the records serialised by the last
    rebuild (the edit loop renders and serialises incrementally)."""
    files = exports(kb, dumps)
    pages, others = site_rest(kb, {p: len(c.encode()) for p, c in files.items()}, history, site_url, site_name,
                              render(kb) if rendered is None else rendered)
    others.update(files)
    check_addresses([*pages, *others])
    return pages, dict(sorted(others.items()))


def site_rest(kb: KnowledgeBase, sizes: dict[str, int], history: History | None, site_url: str, site_name: str,
              rendered: dict[str, Page]) -> tuple[dict[str, Page], dict[str, str]]:
    """The pages (``rendered``, the data page, the sectors, What's new) and the other files but the
    downloads (the feed, the assets), given the downloads' ``sizes``: a one-shot build has its
    downloads made and packed by the render workers (pages.render_with), never all as text at once."""
    pages = dict(rendered)
    pages["data.md"] = data_page(sizes)
    pages.setdefault("tags.md", tags_page())
    news = history or History(note="The repository's history was not read for this build.")
    others: dict[str, str] = {}
    pages[feed.PAGE], others[feed.FEED] = feed.whats_new(kb, news, site_url, site_name)
    for name in (*ASSETS, *THEME_ASSETS):
        others[name] = asset(name)
    return dict(sorted(pages.items())), others


def write_tree(out: Path, files: dict[str, str], protected: list[Path]) -> int:
    """Write files under ``out``; only when content changed. Returns how many were written."""
    out = out.resolve()
    for p in protected:
        p = p.resolve()
        if out == p or p in out.parents or out in p.parents:
            raise ValueError(f"refusing to write into {out}: it overlaps {p}")
    written = 0
    for rel, content in files.items():
        target = (out / rel).resolve()
        if out not in target.parents:
            raise ValueError(f"refusing to write outside {out}: {rel}")
        data = content.encode("utf-8")
        if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        written += 1
    return written

