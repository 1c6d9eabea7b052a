"""The Pagefind index of the edit loop (site/search.py Background): a rebuild stops the run under
way, quietly, and the last complete index stays in place until the next run replaces it."""

from __future__ import annotations

import shutil
import stat
import sys
import time
from pathlib import Path

import pytest

from vnus_kb.site.outputs import search
from vnus_kb.site.outputs.search import BUNDLE, Background


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / BUNDLE).mkdir(parents=True)
    (site / BUNDLE / "pagefind.js").write_text("the last complete index", encoding="utf-8")
    (site / "index.html").write_text("<html><body><article class='md-content__inner'><h1>Hanoi</h1>"
                                     "</article></body></html>", encoding="utf-8")
    return site


def _slow_pagefind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in that would run for a minute: the run is under way when the rebuild starts."""
    script = tmp_path / "pagefind"
    script.write_text("#!/bin/sh\nexec sleep 60\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(search, "executable", lambda: script)
    return script


def _until(condition: object, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not condition():  # type: ignore[operator]
        time.sleep(0.02)


def test_a_rebuild_stops_the_run_quietly_and_keeps_the_last_index(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    site = _site(tmp_path)
    _slow_pagefind(tmp_path, monkeypatch)
    bg = Background()
    bg.request(site)
    _until(lambda: bg._running is not None)
    assert bg._running is not None, "the run did not start"
    bg.hold()  # a rebuild starts
    bg.wait(timeout=20)
    assert bg._thread is None, "the stopped run still holds the thread"
    assert bg.last_error is None
    assert "not updated" not in capsys.readouterr().err
    assert (site / BUNDLE / "pagefind.js").read_text(encoding="utf-8") == "the last complete index"
    assert not list(tmp_path.glob(".pagefind-*")), "the stopped run left its half-written index behind"


def test_a_hold_before_the_run_starts_still_stops_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path)
    _slow_pagefind(tmp_path, monkeypatch)
    bg = Background()
    bg.request(site)
    bg.hold()  # at once: the process may not have started yet
    bg.wait(timeout=20)
    assert bg._thread is None and bg.last_error is None


def test_the_rebuilds_request_indexes_the_new_site(tmp_path: Path) -> None:
    site = _site(tmp_path)
    bg = Background()
    bg.hold()  # the rebuild
    bg.request(site)  # its end
    bg.wait(timeout=120)
    assert bg.last_error is None
    assert (site / BUNDLE / "pagefind-entry.json").is_file()
    assert (site / BUNDLE / "pagefind.js").read_text(encoding="utf-8") != "the last complete index"


def test_a_failing_run_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    site = _site(tmp_path)
    script = tmp_path / "pagefind"
    script.write_text("#!/bin/sh\necho 'no such selector' >&2\nexit 3\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(search, "executable", lambda: script)
    bg = Background()
    bg.request(site)
    bg.wait(timeout=20)
    assert bg.last_error is not None and "pagefind failed (3)" in bg.last_error and "no such selector" in bg.last_error
    assert "vnus-kb: the search index was not updated: pagefind failed (3)" in capsys.readouterr().err


@pytest.mark.skipif(search._NICE == () or not Path("/proc/self/stat").is_file(), reason="no `nice` or no /proc here")
def test_the_background_run_starts_at_the_lowest_priority(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path)
    seen = tmp_path / "niceness"
    script = tmp_path / "pagefind"
    script.write_text(f"#!/bin/sh\ncut -d' ' -f19 /proc/$$/stat > '{seen}'\nexit 1\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(search, "executable", lambda: script)
    bg = Background()
    bg.request(site)
    bg.wait(timeout=20)
    assert seen.read_text(encoding="utf-8").strip() == "19"


def test_a_site_without_an_index_keeps_its_first_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stopped, the first run would leave the search answering nothing while saves keep coming."""
    site = _site(tmp_path)
    shutil.rmtree(site / BUNDLE)
    script = tmp_path / "pagefind"
    script.write_text(f"#!{sys.executable}\nimport pathlib, sys, time\ntime.sleep(1)\n"
                      "out = pathlib.Path(sys.argv[sys.argv.index('--output-path') + 1])\n"
                      "out.mkdir(parents=True)\n(out / 'pagefind.js').write_text('the first index')\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(search, "executable", lambda: script)
    bg = Background()
    bg.request(site)
    _until(lambda: bg._running is not None)
    bg.hold()  # a rebuild starts while the first run is under way
    bg.wait(timeout=20)
    assert bg.last_error is None
    assert (site / BUNDLE / "pagefind.js").read_text(encoding="utf-8") == "the first index"
