"""Rendering in forked worker processes (vnus_kb/workers.py) gives the pages one process gives.

The fork path runs only in a process with no other thread; the test session has some (the
browser tests' servers), so each of these checks runs in a fresh Python process of its own."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from vnus_kb import workers
from vnus_kb.site.markup.page import Page

from .conftest import REPO

needs_fork = pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(),
                                reason="no fork start method here")


def in_a_fresh_process(check: str) -> None:
    done = subprocess.run([sys.executable, "-c", f"from tests.test_workers import {check}; {check}()"],
                          cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr


def same_pages_from_two_workers() -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from synthetic import make_kb

    from vnus_kb.knowledge.build import build
    from vnus_kb.site.pages import render

    assert workers.can_fork()
    with tempfile.TemporaryDirectory() as tmp:
        kb, _ = build(make_kb(Path(tmp), 600))  # past 250 records a task: several record tasks
    alone = render(kb, workers=1)
    shared = render(kb, workers=2)
    assert list(shared) == list(alone)
    assert [p for p in alone if shared[p] != alone[p]] == []
    assert len(alone) > 600


def a_dead_worker_costs_no_page() -> None:
    assert workers.can_fork()
    here = os.getpid()
    said: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: said.append(record.getMessage())  # type: ignore[method-assign]
    logging.getLogger(workers.__name__).addHandler(handler)

    def dies_in_a_worker() -> dict[str, Page]:
        if os.getpid() != here:
            os.kill(os.getpid(), signal.SIGKILL)
        return {"b.md": Page("# B\n")}

    made = workers.run([lambda: {"a.md": Page("# A\n")}, dies_in_a_worker], workers=2)
    assert [{p: pg.markdown for p, pg in m.items()} for m in made] == [{"a.md": "# A\n"}, {"b.md": "# B\n"}]
    assert any("a worker process stopped" in s for s in said), said


def an_error_in_a_worker_reaches_the_caller() -> None:
    assert workers.can_fork()

    def clash() -> dict[str, Page]:
        raise ValueError("two pages would be written to x.md; one of them would vanish")

    with pytest.raises(ValueError, match=r"two pages would be written to x\.md"):
        workers.run([lambda: {}, clash], workers=2)


def tasks_named_here_run_here() -> None:
    assert workers.can_fork()

    def where() -> dict[str, Page]:
        return {"pid.md": Page(str(os.getpid()))}

    made = workers.run([where, where, where], workers=2, here=[1])
    pids = [m["pid.md"].markdown for m in made]
    assert pids[1] == str(os.getpid())
    assert str(os.getpid()) not in (pids[0], pids[2])


def validation_in_workers_gives_what_one_process_gives() -> None:
    """A large knowledge base's record files are read over the cores (knowledge/read/ahead.py), and
    its near-duplicate check runs beside the other checks (knowledge/checks/run.py): the same
    records, data, places and diagnostics, also for files the careful walk must read again."""
    import shutil

    from vnus_kb.knowledge.build import build
    from vnus_kb.knowledge.checks import run as checks
    from vnus_kb.knowledge.read import ahead as reading

    assert workers.can_fork()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "kb"
        shutil.copytree(REPO / "tests" / "fixtures" / "kb", root)
        people = root / "data" / "people"
        (people / "tabbed.yaml").write_text("id: tabbed\nname:\tTab\n")
        (people / "latin1.yaml").write_bytes(b"id: latin1\nname: Nguy\xe9n\n")
        (people / "bom.yaml").write_bytes("\ufeffid: bom\nname: Phạm Bom\nkind_note: [\n".encode())
        (people / "twice.yaml").write_text("id: twice\nname: A\nname: B\n")
        biden = (people / "joe-biden.yaml").read_text()
        (people / "joe-bidden.yaml").write_text(biden.replace("id: joe-biden", "id: joe-bidden").replace("name: Joe Biden", "name: Joe Bidden"))
        runs: list[int] = []
        real_run = workers.run

        def counted(tasks: list[workers.Task], *args: object, **kw: object) -> list[object]:
            runs.append(len(tasks))
            return real_run(tasks, *args, **kw)  # type: ignore[arg-type]

        workers.run = counted  # type: ignore[assignment]
        reading.FROM_FILES = checks.APART_RECORDS = 10**9
        alone, alone_diags = build(root)
        assert runs == []
        reading.FROM_FILES = checks.APART_RECORDS = 1
        reading.CHUNK = 2  # files claimed at a time: the worker and this process both claim some
        started = reading.ReadAhead(root)
        assert started._worker is not None
        ahead, ahead_diags = build(root, ahead=started)
        assert runs == [2]  # the near-duplicate check beside the others
    assert [d.text() for d in ahead_diags] == [d.text() for d in alone_diags]
    said = "\n".join(d.text() for d in ahead_diags)
    assert "data/people/tabbed.yaml:2:6: error[yaml-tab]" in said  # read again by the careful walk, with its place
    assert "data/people/joe-bidden.yaml:2:7: warning[duplicate-name]: 'Joe Bidden' is nearly the same as 'Joe Biden'" in said
    assert list(ahead.entries) == list(alone.entries) and len(alone.entries) > 10
    for rid, e in alone.entries.items():
        assert ahead.entries[rid].record == e.record
        assert ahead.entries[rid].doc.where == e.doc.where


def what_the_workers_hold_is_let_go_of_here() -> None:
    """A Held value released here once the workers forked: they still have it; a task that must be
    done here after all (its worker died) stops with a clear error instead."""
    assert workers.can_fork()
    here = os.getpid()
    held = workers.Held("the knowledge base")

    def read() -> str:
        value: str = held.get()
        return value

    def dies_in_a_worker() -> str:
        if os.getpid() != here:
            os.kill(os.getpid(), signal.SIGKILL)
        return read()

    running = workers.Running([read, read], workers=2)
    held.release()
    assert [running.result(0), running.result(1)] == ["the knowledge base"] * 2
    running.close()
    held = workers.Held("the knowledge base")
    running = workers.Running([read, dies_in_a_worker], workers=2)
    held.release()
    with pytest.raises(RuntimeError, match=r"a worker process stopped \(killed, or out of memory\) .* build again"):
        running.result(1)
    running.close()


@needs_fork
@pytest.mark.parametrize("check", ["validation_in_workers_gives_what_one_process_gives", "what_the_workers_hold_is_let_go_of_here",
                                   "same_pages_from_two_workers", "a_dead_worker_costs_no_page",
                                   "an_error_in_a_worker_reaches_the_caller", "tasks_named_here_run_here"])
def test_forked_workers(check: str) -> None:
    in_a_fresh_process(check)


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


_BUILD = r"""
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from vnus_kb import plugin
from vnus_kb.site import pages
if sys.argv[3] == "one-process":
    pages.PARALLEL_FROM = 10**9
if sys.argv[3] == "fails":
    import os
    parent, made = os.getpid(), pages._record_pages
    def failing(r, entries):
        if os.getpid() != parent:
            raise ValueError("a page the worker could not make")
        return made(r, entries)
    pages._record_pages = failing
later = []
render_with = plugin.render_with
def noted(*args, **kw):
    made = render_with(*args, **kw)
    later.append(any(isinstance(page, pages.PendingPage) for page in made[0].values()))
    return made
plugin.render_with = noted
build(load_config(sys.argv[1], site_dir=sys.argv[2], strict=True))
print("made later:", any(later))
"""


@needs_fork
@pytest.mark.slow
@pytest.mark.skipif(workers.cores() < 2, reason="one core: pages are made in the build's own process")
def test_a_site_whose_pages_workers_make_while_mkdocs_reads_is_the_site_made_at_once(tmp_path: Path) -> None:
    """A one-shot build of a large knowledge base leaves record and source pages to the workers
    while MkDocs reads the ones made (pages.PendingPage): every file of the site is the same."""
    import shutil

    sys.path.insert(0, str(REPO / "benchmarks"))
    from synthetic import make_kb

    root = make_kb(tmp_path / "kb", 600)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    said = {}
    for how in ("later", "one-process"):
        done = subprocess.run([sys.executable, "-c", _BUILD, str(root / "mkdocs.yml"), str(tmp_path / how), how],
                              cwd=root, capture_output=True, text=True, timeout=600,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        assert done.returncode == 0, done.stdout + done.stderr
        said[how] = done.stdout.strip()
    assert said == {"later": "made later: True", "one-process": "made later: False"}
    # A page a worker cannot make stops the build with its error, as soon as MkDocs reads it.
    failed = subprocess.run([sys.executable, "-c", _BUILD, str(root / "mkdocs.yml"), str(tmp_path / "fails"), "fails"],
                            cwd=root, capture_output=True, text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert failed.returncode != 0
    assert "ValueError: a page the worker could not make" in failed.stderr
    files = {how: {p.relative_to(tmp_path / how).as_posix(): p.read_bytes() for p in (tmp_path / how).rglob("*") if p.is_file()}
             for how in said}
    assert len(files["later"]) > 600
    assert sorted(files["later"]) == sorted(files["one-process"])
    assert [p for p in files["later"] if files["later"][p] != files["one-process"][p]] == []


def files_read_ahead_that_no_one_reads_end_with_the_command(root: str) -> None:
    """A command that ends before it reads the files read ahead (it found an error first) leaves
    no worker behind waiting to hand them over."""
    from vnus_kb.knowledge.read import ahead as reading

    assert workers.can_fork()
    reading.FROM_FILES = 1
    started = reading.ReadAhead(Path(root))
    assert started._worker is not None
    print(started._worker.pid, flush=True)
    os._exit(0)  # as the console script ends


@needs_fork
def test_a_read_ahead_worker_ends_with_its_command(tmp_path: Path) -> None:
    import time

    (tmp_path / "data" / "people").mkdir(parents=True)
    for i in range(200):  # more than a pipe holds: the worker must wait for a reader to take them
        (tmp_path / "data" / "people" / f"p{i}.yaml").write_text(f"id: p{i}\nname: Person {i}\ndescription: {'x' * 2000}\n")
    check = f"from tests.test_workers import files_read_ahead_that_no_one_reads_end_with_the_command as f; f({str(tmp_path)!r})"
    done = subprocess.run([sys.executable, "-c", check], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    pid = int(done.stdout.split()[0])
    for _ in range(100):  # gone within 10 s (a zombie until reaped counts as gone)
        try:
            state = Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0]
        except (FileNotFoundError, IndexError):
            break
        if state == "Z":
            break
        time.sleep(0.1)
    else:
        os.kill(pid, signal.SIGKILL)
        raise AssertionError("the read-ahead worker was still waiting after its command ended")
