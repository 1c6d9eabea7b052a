"""Rendering in forked worker processes (site/workers.py) gives the pages one process gives."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from pathlib import Path

import pytest

from vnus_kb.knowledge.build import build
from vnus_kb.site import workers
from vnus_kb.site.page import Page
from vnus_kb.site.pages import render

from .conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from synthetic import make_kb

needs_fork = pytest.mark.skipif(not workers.can_fork(), reason="no fork start method here")


@needs_fork
def test_pages_rendered_by_two_workers_are_those_of_one_process(tmp_path: Path) -> None:
    kb, _ = build(make_kb(tmp_path, 600))  # past 250 records a task: several record tasks
    alone = render(kb, workers=1)
    shared = render(kb, workers=2)
    assert list(shared) == list(alone)
    assert [p for p in alone if shared[p] != alone[p]] == []
    assert len(alone) > 600


@needs_fork
def test_a_worker_that_dies_costs_no_page(caplog: pytest.LogCaptureFixture) -> None:
    here = os.getpid()

    def dies_in_a_worker() -> dict[str, Page]:
        if os.getpid() != here:
            os.kill(os.getpid(), signal.SIGKILL)
        return {"b.md": Page("# B\n")}

    with caplog.at_level(logging.WARNING):
        made = workers.run([lambda: {"a.md": Page("# A\n")}, dies_in_a_worker], workers=2)
    assert [{p: pg.markdown for p, pg in m.items()} for m in made] == [{"a.md": "# A\n"}, {"b.md": "# B\n"}]
    assert "a render worker stopped" in caplog.text


@needs_fork
def test_an_error_in_a_worker_reaches_the_caller() -> None:
    def clash() -> dict[str, Page]:
        raise ValueError("two pages would be written to x.md; one of them would vanish")

    with pytest.raises(ValueError, match=r"two pages would be written to x\.md"):
        workers.run([lambda: {}, clash], workers=2)


def test_with_another_thread_running_the_work_stays_in_this_process() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not workers.can_fork()  # forking a process with threads can copy a held lock
        made = workers.run([lambda: {"pid.md": Page(str(os.getpid()))}] * 2, workers=2)
        assert {m["pid.md"].markdown for m in made} == {str(os.getpid())}
    finally:
        stop.set()
        thread.join()


@needs_fork
def test_tasks_named_here_run_in_this_process_and_the_others_in_workers() -> None:
    def where() -> dict[str, Page]:
        return {"pid.md": Page(str(os.getpid()))}

    made = workers.run([where, where, where], workers=2, here=[1])
    pids = [m["pid.md"].markdown for m in made]
    assert pids[1] == str(os.getpid())
    assert str(os.getpid()) not in (pids[0], pids[2])
