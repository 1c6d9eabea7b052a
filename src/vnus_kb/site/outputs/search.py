"""The site's search index: Pagefind, run over the built HTML after the build.

Pagefind splits its index into chunks and page fragments, so a query in the browser loads only
what it needs (about 100-300 KB), not the whole index as lunr does (16.7 MB at 10,000 records).
The binary comes from PyPI (`pagefind[bin]`); nothing is fetched at build or search time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

# What Pagefind reads of a page: the article (Material's content area) without the heading
# permalinks and the edit button. Headings weigh more by default (h1 7, h2 6, ...); the names line
# of a record page carries data-pagefind-weight (see records.names_line).
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDE = (".headerlink", ".md-content__button", ".footnote-backref")
BUNDLE = "pagefind"  # the folder, inside the site, that holds the index and pagefind.js


# The background run starts at the lowest priority, all its threads with it (a priority set once
# it runs would reach only the threads it had made by then). Without `nice`, at the usual priority.
_NICE: tuple[str, ...] = (nice, "-n", "19") if (nice := shutil.which("nice")) else ()


class SearchIndexError(RuntimeError):
    pass


def executable() -> Path:
    try:
        from pagefind_bin import get_executable  # type: ignore[import-untyped]
    except ImportError as e:  # pragma: no cover - a broken install
        raise SearchIndexError("the pagefind binary is missing: install 'pagefind[bin]'") from e
    return Path(get_executable())


def index_site(site_dir: Path, started: Callable[[subprocess.Popen[str]], None] | None = None,
               lowest: bool = False) -> str:
    """Index the built site in ``site_dir`` into ``site_dir/pagefind``; returns Pagefind's summary.
    The new index is written beside and then swapped in, so that a reader searching meanwhile
    (the edit loop indexes in the background) meets the old index or the new, not half of one.
    ``started``: told the Pagefind process once it runs (Background stops it for a rebuild);
    ``lowest``: run it at the lowest priority, all its threads with it."""
    site_dir = site_dir.resolve()
    fresh = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=site_dir.parent))
    try:
        cmd = [*(_NICE if lowest else ()), str(executable()), "--site", str(site_dir),
               "--output-path", str(fresh / BUNDLE), "--root-selector", ROOT_SELECTOR, "--force-language", "en"]
        for sel in EXCLUDE:
            cmd += ["--exclude-selectors", sel]
        with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
            if started is not None:
                started(proc)
            try:
                out, err = proc.communicate(timeout=600)
            except subprocess.TimeoutExpired:
                proc.kill()
                raise SearchIndexError("pagefind ran for more than 600 s; stopped") from None
        if proc.returncode != 0:
            raise SearchIndexError(f"pagefind failed ({proc.returncode}):\n{out}\n{err}")
        target, old = site_dir / BUNDLE, fresh / "old"
        if target.exists():
            os.replace(target, old)
        os.replace(fresh / BUNDLE, target)
        return out
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


class Background:
    """Indexes in a thread, one run at a time; a request during a run starts one more run after it
    (the edit loop: the page reloads at once, the search index follows a moment later).

    Pagefind uses every core for seconds (3 s at 1,000 records on two cores). So that it does not
    slow the next rebuild, nor the browser reloading the page, it runs at the lowest priority, and
    ``hold()`` (a rebuild starts) stops a run at once; the rebuild's ``request()`` starts another
    on the new site. A stopped run leaves the last complete index in place."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: Path | None = None
        self._thread: threading.Thread | None = None
        self._running: subprocess.Popen[str] | None = None
        self._site: Path | None = None  # the site the run under way indexes
        self._held = False
        self._stopped = False  # the run under way was stopped by hold(): its failure is no error
        self.last_error: str | None = None

    def request(self, site_dir: Path) -> None:
        with self._lock:
            self._pending, self._held = site_dir, False
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="pagefind", daemon=True)
                self._thread.start()

    def hold(self) -> None:
        """Stop the run under way, if any, and start none until the next ``request()``. A site with
        no index yet keeps its first run: its search would answer nothing until one completes."""
        with self._lock:
            self._held = True
            running = self._running if (self._site is not None and (self._site / BUNDLE).is_dir()) else None
        if running is not None and running.poll() is None:
            self._stopped = True
            running.kill()

    def wait(self, timeout: float | None = None) -> None:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _started(self, proc: subprocess.Popen[str]) -> None:
        with self._lock:
            self._running = proc
            held = self._held and (site_dir := self._site) is not None and (site_dir / BUNDLE).is_dir()
        if held:
            self._stopped = True
            proc.kill()

    def _run(self) -> None:
        while True:
            with self._lock:
                site_dir, self._pending = self._pending, None
                if site_dir is None or self._held:
                    self._thread = None
                    return
                self._site = site_dir
            try:
                # Lowest priority, but not the first run of a site: its search answers nothing
                # until that one is done, and a busy machine would hardly run it.
                index_site(site_dir, started=self._started, lowest=(site_dir / BUNDLE).is_dir())
                self.last_error = None
            except (SearchIndexError, OSError, subprocess.SubprocessError) as e:
                if not self._stopped:  # else stopped for a rebuild, which asks for the next run
                    self.last_error = str(e)
                    print(f"vnus-kb: the search index was not updated: {e}", file=sys.stderr, flush=True)
            finally:
                with self._lock:
                    self._running, self._stopped = None, False
