"""Watching data/ and seeds/ under `mkdocs serve` with the operating system's change notices.

MkDocs watches by polling every half second: a save waits a quarter of a second on average before
the rebuild starts, and every poll lists and stats every file (10,000 records: a tenth of a second
of a core, twice a second). The native observer (inotify on Linux, FSEvents on macOS,
ReadDirectoryChangesW on Windows) hears a save at once and costs nothing in between. Where there is
none, or it refuses the folder (inotify's watch limit), MkDocs' own polling watch is used.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("mkdocs.plugins.vnus_kb")

# Reading a file is an event too (opened, closed_no_write): the build reads every record, and a
# rebuild on those would never end. Only what changes a file's content or its presence counts.
CHANGES = frozenset({"created", "modified", "deleted", "moved", "closed"})
# How long the server waits for a burst of changes to end before it rebuilds. MkDocs waits 0.1 s,
# made for polling; a save's native notices (written, closed, renamed into place) come within a
# few milliseconds, so a shorter wait still makes one rebuild of a save, and the page comes sooner.
QUIET = 0.03


class _Rebuild(FileSystemEventHandler):
    def __init__(self, server: Any) -> None:
        self.server = server

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type not in CHANGES:
            return
        # What LiveReloadServer.watch's own callback does (mkdocs/livereload/__init__.py).
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()


class NativeWatch:
    """Folders watched natively for one dev server; `stop()` at shutdown."""

    def __init__(self) -> None:
        self.observer: Any = None

    def watch(self, server: Any, folder: Path) -> None:
        """Watch ``folder`` (recursively) for ``server``: natively if possible, else as MkDocs does."""
        if Observer is PollingObserver or not hasattr(server, "_rebuild_cond"):
            server.watch(str(folder))
            return
        try:
            if self.observer is None:
                self.observer = Observer()
                self.observer.daemon = True
                self.observer.start()
            self.observer.schedule(_Rebuild(server), str(folder), recursive=True)
            server.build_delay = min(getattr(server, "build_delay", QUIET), QUIET)
        except OSError as e:  # e.g. inotify's limit on watches reached
            log.info("vnus-kb: watching %s by polling (%s)", folder, e)
            server.watch(str(folder))

    def stop(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer.join(timeout=5)
            self.observer = None
