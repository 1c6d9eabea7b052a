"""The edit loop at 1,000 synthetic records, under `mkdocs serve --livereload --dirty` (as `make serve`
runs it): renaming a record reaches its open page, a page that refers to it, its overview, the
search index; a removed record's page goes. Only the pages the edit changed are rebuilt, so the
rest of the site must still be there and right."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from ..conftest import REPO
from .conftest import ARTIFACTS, free_port, http_get, recording, wait_until_answers

sys.path.insert(0, str(REPO / "benchmarks"))
from synthetic import make_kb

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

RECORDS = 1000


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, subprocess.Popen[bytes], Path]]:
    root = tmp_path_factory.mktemp("edit-loop") / "project"
    make_kb(root, RECORDS)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    port = free_port()
    log = root.parent / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "--livereload", "--dirty"],
            cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        try:
            url = wait_until_answers(f"http://127.0.0.1:{port}/", timeout=600, alive=lambda: process.poll() is None)
        except (TimeoutError, RuntimeError) as e:
            pytest.fail(f"mkdocs serve did not come up: {e}\n{log.read_text(errors='replace')[-3000:]}")
        yield root, url if url.endswith("/") else url + "/", process, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def referred(root: Path) -> tuple[Path, str, str]:
    """An organization that an investment names as investor: (its file, its id, the investment's id)."""
    for f in sorted((root / "data" / "investments").glob("*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        for org in data.get("investors") or []:
            path = root / "data" / "organizations" / f"{org}.yaml"
            if path.is_file():
                return path, org, data["id"]
    raise AssertionError("no investment names an organization")


def text_of(page: Any) -> str:
    with contextlib.suppress(Exception):
        return str(page.inner_text("article", timeout=2_000))
    return ""


def test_an_edit_reaches_every_page_that_shows_the_record(served: tuple[Path, str, subprocess.Popen[bytes], Path],
                                                          browser: Any) -> None:
    root, url, process, log = served
    path, org, investment = referred(root)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    new_name = "Zenith Quasar Fabrication"
    with recording(browser) as rec:
        page = rec.new_page()
        rec.goto(page, url + f"organizations/{org}/")
        assert data["name"] in text_of(page)
        page.evaluate("() => { window.__notReloaded = true; }")
        path.write_text(yaml.safe_dump({**data, "name": new_name}, sort_keys=False), encoding="utf-8")
        start = time.monotonic()
        while time.monotonic() - start < 120 and new_name not in text_of(page):
            page.wait_for_timeout(50)
        took = time.monotonic() - start
        assert new_name in text_of(page), f"the open page did not show the edit\n{log.read_text(errors='replace')[-3000:]}"
        assert page.evaluate("() => window.__notReloaded === undefined"), "the page changed without a reload?"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "live-reload-1000.txt").write_text(
            f"{RECORDS} records: {took:.2f} s from the save to the new name on the open page\n", encoding="utf-8")

        # every page that shows the record shows the new name; the others are still served
        for shows in (f"investments/{investment}/",):  # (the overview paginates: its page is not known here)
            status, html = http_get(url + shows)
            assert status == 200 and new_name in html.decode("utf-8"), shows
            links = re.findall(rf'<a [^>]*href="[^"]*organizations/{org}/"[^>]*>(.*?)</a>', html.decode("utf-8"))
            assert links and all(data["name"] not in x for x in links), f"{shows} still links the old name: {links}"
        other = next(f for f in sorted((root / "data" / "organizations").glob("*.yaml")) if f.stem != org)
        status, html = http_get(url + f"organizations/{other.stem}/")  # not rebuilt, still served
        assert status == 200 and yaml.safe_load(other.read_text(encoding="utf-8"))["id"] == other.stem

        # the search index follows (built in the background after the reload)
        deadline = time.monotonic() + 180
        found: list[str] = []
        while time.monotonic() < deadline:
            search = rec.new_page()
            rec.goto(search, url + "timeline/")
            search.keyboard.press("/")
            search.locator("#vnus-search-input").fill(new_name)
            search.wait_for_function("() => document.getElementById('vnus-search-status').textContent !== ''")
            found = search.eval_on_selector_all(".vnus-search__link", "els => els.map(e => e.getAttribute('href'))")
            search.close()
            if found and found[0].rstrip("/").endswith(f"organizations/{org}"):
                break
            time.sleep(2)
        assert found and found[0].rstrip("/").endswith(f"organizations/{org}"), found

        # a removed record's page goes (a dirty build would leave it behind)
        victim = root / "data" / "investments" / f"{investment}.yaml"
        victim.unlink()
        before = len(log.read_text(errors="replace"))
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and "Reloading browsers" not in log.read_text(errors="replace")[before:]:
            time.sleep(0.2)
        status, _ = http_get(url + f"investments/{investment}/")
        assert status == 404, f"investments/{investment}/ answered {status} after its record was removed"
        assert process.poll() is None
        assert not rec.problems(("page-error", "external-request")), rec.problems()
