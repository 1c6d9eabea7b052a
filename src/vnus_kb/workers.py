"""Tasks spread over the machine's cores: forked worker processes that share the knowledge base
as it is in memory (nothing is pickled but each task's number and its result). They check a large
knowledge base's names for near-duplicates (knowledge/checks/run.py) and render its pages
(site/pages.py); knowledge/read/ahead.py forks its own reader, before the rest is loaded.

Rendering is pure Python, so threads would take turns; a forked process needs nothing sent to
it. Used only where forking is safe and pays: a POSIX system, more than one core, no other
thread in the process (`mkdocs serve` has several: its edit loop renders a few pages in-process),
and enough records. Each task's pages come back in the order the tasks were given, so the
result is the same as `[task() for task in tasks]`; a worker that dies (killed, out of memory)
costs time, not results: its tasks are done again here.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

log = logging.getLogger(__name__)

Task = Callable[[], Any]  # pages (dict[str, Page]), or other work done beside them (downloads, heads)
MAX_WORKERS = 4
_TASKS: Sequence[Task] = ()  # set before the workers fork; they read it, never anything sent


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def run(tasks: Sequence[Task], workers: int, first: Sequence[int] = (), here: Sequence[int] = ()) -> list[Any]:
    """Each task's result (pickled back from a worker: Pages travel packed), in the order of ``tasks``. ``workers`` processes (1: here, in turn);
    ``first``: the numbers of tasks to start before the others (the longest, so that none is
    left running alone at the end); ``here``: tasks this process does while the workers run
    the others (whatever they cache stays here, for the next render)."""
    running = Running(tasks, workers, first, here)
    try:
        return [running.result(i) for i in range(len(tasks))]
    finally:
        running.close()


class Held:
    """What tasks work on (a knowledge base, its renderer) that this process lets go of once the
    workers have forked with it (they keep their copy): while MkDocs reads the pages the workers
    are still making, this process need not hold tens of MB for them. A task that must then be
    done here after all (its worker died) cannot be, and says so: the build stops, no page lost."""

    def __init__(self, value: Any) -> None:
        self._value = value

    def get(self) -> Any:
        if self._value is None:
            raise RuntimeError("vnus-kb: a worker process stopped (killed, or out of memory) while MkDocs read the "
                               "pages it was making, and this process no longer holds what they are made from; "
                               "build again (with more memory)")
        return self._value

    def release(self) -> None:
        self._value = None


class Running:
    """Tasks started in worker processes as `run` starts them; each result when asked for, so that
    this process can go on with other work meanwhile. Where forking is unsafe or does not pay, a
    task is done here when its result is first asked for. ``close()`` when done."""

    def __init__(self, tasks: Sequence[Task], workers: int, first: Sequence[int] = (), here: Sequence[int] = ()) -> None:
        self._tasks: list[Task | None] = list(tasks)  # each let go of once its result is in
        self.waited = 0.0  # seconds result() spent waiting for workers (or working, here)
        self._done: dict[int, Any] = {}
        self._futures: dict[int, Future[Any]] = {}
        self._pool: ProcessPoolExecutor | None = None
        if workers <= 1 or len(tasks) <= 1 or not can_fork():
            return
        global _TASKS
        order = list(dict.fromkeys(i for i in (*first, *range(len(tasks))) if i not in here))
        _TASKS = tasks
        # Out of the collector's reach while the workers fork (at the first task given them, all
        # at once): a collection in a worker would write to the header of every object it
        # inspects, copying the knowledge base's memory page by page.
        gc.freeze()
        try:
            self._pool = ProcessPoolExecutor(min(workers, len(tasks)), mp_context=multiprocessing.get_context("fork"))
            self._futures = {i: self._pool.submit(_task, i) for i in order}
        finally:
            gc.unfreeze()
            _TASKS = ()  # the workers have their own copy
        for i in here:
            self._done[i] = tasks[i]()
            self._tasks[i] = None

    def result(self, i: int) -> Any:
        if i not in self._done:
            started = time.perf_counter()
            future, task = self._futures.pop(i, None), self._tasks[i]
            assert task is not None
            self._done[i] = _result(future, task) if future is not None else task()
            self._tasks[i] = None  # what it held (a renderer, say) may go
            self.waited += time.perf_counter() - started
        return self._done[i]

    def close(self) -> None:
        """Stop the workers (a task not yet started is dropped) and let go of the results."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._futures.clear()
        self._done.clear()
        self._tasks.clear()


def _task(i: int) -> Any:  # in a worker
    return _TASKS[i]()


def _result(future: Future[Any], task: Task) -> Any:
    try:
        return future.result()
    except BrokenProcessPool:
        log.warning("vnus-kb: a worker process stopped (killed, or out of memory); doing its work here")
        return task()
