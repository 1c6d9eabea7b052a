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
from pathlib import Path

# What Pagefind reads of a page: the article (Material's content area) without the heading
# permalinks and the edit button. Headings weigh more by default (h1 7, h2 6, ...); the names line
# of a record page carries data-pagefind-weight (see records.names_line).
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDE = (".headerlink", ".md-content__button", ".footnote-backref")
BUNDLE = "pagefind"  # the folder, inside the site, that holds the index and pagefind.js


class SearchIndexError(RuntimeError):
    pass


def executable() -> Path:
    try:
        from pagefind_bin import get_executable  # type: ignore[import-untyped]
    except ImportError as e:  # pragma: no cover - a broken install
        raise SearchIndexError("the pagefind binary is missing: install 'pagefind[bin]'") from e
    return Path(get_executable())


def index_site(site_dir: Path) -> str:
    """Index the built site in ``site_dir`` into ``site_dir/pagefind``; returns Pagefind's summary.
    The new index is written beside and then swapped in, so that a reader searching meanwhile
    (the edit loop indexes in the background) meets the old index or the new, not half of one."""
    site_dir = site_dir.resolve()
    fresh = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=site_dir.parent))
    try:
        cmd = [str(executable()), "--site", str(site_dir), "--output-path", str(fresh / BUNDLE),
               "--root-selector", ROOT_SELECTOR, "--force-language", "en"]
        for sel in EXCLUDE:
            cmd += ["--exclude-selectors", sel]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=600)
        if done.returncode != 0:
            raise SearchIndexError(f"pagefind failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        target, old = site_dir / BUNDLE, fresh / "old"
        if target.exists():
            os.replace(target, old)
        os.replace(fresh / BUNDLE, target)
        return done.stdout
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


class Background:
    """Indexes in a thread, one run at a time; a request during a run starts one more run after it
    (the edit loop: the page reloads at once, the search index follows a moment later)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: Path | None = None
        self._thread: threading.Thread | None = None
        self.last_error: str | None = None

    def request(self, site_dir: Path) -> None:
        with self._lock:
            self._pending = site_dir
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="pagefind", daemon=True)
                self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._lock:
                site_dir, self._pending = self._pending, None
                if site_dir is None:
                    self._thread = None
                    return
            try:
                index_site(site_dir)
                self.last_error = None
            except (SearchIndexError, OSError, subprocess.SubprocessError) as e:
                self.last_error = str(e)
                print(f"vnus-kb: the search index was not updated: {e}", file=sys.stderr, flush=True)
