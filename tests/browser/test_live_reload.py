"""`mkdocs serve --livereload --dirty` (as `make serve` runs it) on a copy of the fixture knowledge base: an open page shows an edited
YAML value without anyone reloading it, and invalid data keeps the last good site served while the
server's output names the problem."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .conftest import (
    ARTIFACTS,
    FIXTURES,
    copy_project,
    free_port,
    http_get,
    recording,
    wait_until_answers,
)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(240)]

OLD = "An American semiconductor packaging and test company."
NEW = "Live reload marker, an edited description of Amkor."
RECORD = Path("data/organizations/amkor.yaml")
PAGE = "organizations/amkor/"


@dataclass
class Server:
    root: Path
    url: str  # the mount URL, ends with '/'
    log: Path
    process: subprocess.Popen[bytes]

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = copy_project(tmp_path_factory.mktemp("live-reload") / "project", FIXTURES / "kb")
    port = free_port()
    log = root.parent / "mkdocs-serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "--livereload", "--dirty"],  # as make serve
            cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        try:
            url = wait_until_answers(f"http://127.0.0.1:{port}/", timeout=90, alive=lambda: process.poll() is None)
        except (TimeoutError, RuntimeError) as e:
            pytest.fail(f"mkdocs serve did not come up: {e}\n{log.read_text(errors='replace')}")
        yield Server(root, url if url.endswith("/") else url + "/", log, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def body_text(page: Any) -> str:
    with contextlib.suppress(Exception):  # the page may be in the middle of reloading
        return str(page.inner_text("body", timeout=2_000))
    return ""


def wait_for(predicate: Any, timeout: float, step: float = 0.1) -> float | None:
    """Seconds until ``predicate()`` held, or None after ``timeout``."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if predicate():
            return time.monotonic() - start
        time.sleep(step)
    return None


def test_live_reload_shows_an_edit_and_survives_invalid_data(server: Server, browser: Any) -> None:
    record = server.root / RECORD
    original = record.read_text(encoding="utf-8")
    assert OLD in original
    with recording(browser) as rec:
        page = rec.new_page()
        response = rec.goto(page, server.url + PAGE)
        assert response is not None and response.status == 200
        assert OLD in body_text(page)
        page.evaluate("() => { window.__notReloaded = true; }")

        # 1. a valid edit appears on the open page, reloaded by the livereload script
        record.write_text(original.replace(OLD, NEW), encoding="utf-8")
        written = time.monotonic()
        deadline = written + 60
        while time.monotonic() < deadline and NEW not in body_text(page):
            page.wait_for_timeout(100)
        elapsed = time.monotonic() - written
        assert NEW in body_text(page), (
            f"the page did not show the edit within 60 s\n--- mkdocs serve output ---\n{server.output()[-4000:]}")
        assert page.evaluate("() => window.__notReloaded === undefined"), "the page changed without a reload?"
        report = f"live reload: {elapsed:.2f} s from writing {RECORD} to the new text on {PAGE}"
        print(f"\n{report}")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "live-reload.txt").write_text(report + "\n", encoding="utf-8")

        # 2. invalid data: a reference to a record that does not exist
        before = len(server.output())
        record.write_text(original.replace(OLD, NEW) + "parent: no-such-company\n", encoding="utf-8")
        took = wait_for(lambda: "error[ref-unknown]" in server.output()[before:], timeout=60)
        out = server.output()[before:]
        assert took is not None, f"no error[ref-unknown] in the server's output within 60 s:\n{out[-4000:]}"
        assert "amkor.yaml" in out and "no-such-company" in out, out[-4000:]
        wait_for(lambda: "Building documentation" in server.output()[before:] and
                 ("Reloading browsers" in server.output()[before:] or "error happened" in server.output()[before:]
                  or "Aborted" in server.output()[before:]), timeout=30)
        time.sleep(1)
        assert server.process.poll() is None, "mkdocs serve exited on invalid data"
        status, html = http_get(server.url + PAGE)
        assert status == 200, (
            f"after invalid data, GET {PAGE} answered {status} ({html[:200]!r}) instead of the last good page; "
            f"mkdocs serve output since the edit:\n{server.output()[before:][-3000:]}")
        assert NEW in html.decode("utf-8"), "the last good page is no longer served"
        status, _ = http_get(server.url)
        assert status == 200
        page.wait_for_timeout(500)
        assert NEW in body_text(page), "the open page lost the last good content"

        # 3. fixing the data brings the site back
        before = len(server.output())
        record.write_text(original, encoding="utf-8")
        took = wait_for(lambda: "Reloading browsers" in server.output()[before:], timeout=60)
        assert took is not None, server.output()[before:][-3000:]
        status, html = http_get(server.url + PAGE)
        assert status == 200 and OLD in html.decode("utf-8")
