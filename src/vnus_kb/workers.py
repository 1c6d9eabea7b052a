"""Tasks spread over the machine's cores: forked worker processes that share the knowledge base
as it is in memory (nothing is pickled but each task's number and its result). They read a large
knowledge base's record files (knowledge/read/load.py) and render its pages (site/pages.py).

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
    if workers <= 1 or len(tasks) <= 1 or not can_fork():
        return [task() for task in tasks]
    global _TASKS
    order = [i for i in (*first, *range(len(tasks))) if i not in here]
    order = list(dict.fromkeys(order))
    _TASKS = tasks
    # Out of the collector's reach while the workers run: a collection in a worker would write to
    # the header of every object it inspects, copying the knowledge base's memory page by page.
    gc.freeze()
    try:
        with ProcessPoolExecutor(min(workers, len(tasks)), mp_context=multiprocessing.get_context("fork")) as pool:
            futures = {i: pool.submit(_task, i) for i in order}
            done = {i: tasks[i]() for i in here}
            return [done[i] if i in done else _result(futures[i], tasks[i]) for i in range(len(tasks))]
    finally:
        gc.unfreeze()
        _TASKS = ()


def _task(i: int) -> Any:  # in a worker
    return _TASKS[i]()


def _result(future: Future[Any], task: Task) -> Any:
    try:
        return future.result()
    except BrokenProcessPool:
        log.warning("vnus-kb: a worker process stopped (killed, or out of memory); doing its work here")
        return task()
