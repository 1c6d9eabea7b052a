"""Watching data/ and seeds/ under `mkdocs serve`: a save asks for a rebuild at once; reading the
files (every build does) does not."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from vnus_kb.livewatch import NativeWatch


class FakeServer:
    """What NativeWatch uses of MkDocs' LiveReloadServer."""

    def __init__(self) -> None:
        self._rebuild_cond = threading.Condition()
        self._want_rebuild = False
        self.build_delay = 0.1  # MkDocs' quiet period before a rebuild
        self.polled: list[str] = []

    def watch(self, path: str) -> None:
        self.polled.append(path)

    def wait(self, seconds: float) -> bool:
        with self._rebuild_cond:
            return self._rebuild_cond.wait_for(lambda: self._want_rebuild, timeout=seconds)


@pytest.fixture
def watched(tmp_path: Path):
    (tmp_path / "organizations").mkdir()
    record = tmp_path / "organizations" / "intel.yaml"
    record.write_text("id: intel\nname: Intel\n", encoding="utf-8")
    server, watch = FakeServer(), NativeWatch()
    watch.watch(server, tmp_path)
    time.sleep(0.2)  # the observer's watches are in place
    yield server, record
    watch.stop()


@pytest.mark.skipif(Observer is PollingObserver, reason="no native observer on this system")
def test_a_save_asks_for_a_rebuild_at_once(watched) -> None:
    server, record = watched
    assert server.polled == []  # watched natively, not by MkDocs' polling
    assert server.build_delay == 0.03  # a save's notices come together: no need to wait 0.1 s
    record.write_text("id: intel\nname: Intel Corporation\n", encoding="utf-8")
    assert server.wait(5)


@pytest.mark.skipif(Observer is PollingObserver, reason="no native observer on this system")
def test_reading_the_records_asks_for_nothing(watched) -> None:
    server, record = watched
    for _ in range(3):
        record.read_text(encoding="utf-8")
    assert not server.wait(0.5)


@pytest.mark.skipif(Observer is PollingObserver, reason="no native observer on this system")
def test_a_new_record_in_a_new_folder_is_heard(watched, tmp_path: Path) -> None:
    server, _ = watched
    (tmp_path / "people").mkdir()
    time.sleep(0.2)
    with server._rebuild_cond:
        server._want_rebuild = False  # the folder's creation itself is not what this test is about
    (tmp_path / "people" / "pham-minh-chinh.yaml").write_text("id: pham-minh-chinh\n", encoding="utf-8")
    assert server.wait(5)


def test_a_server_it_does_not_know_is_watched_by_polling(tmp_path: Path) -> None:
    class Other:
        def __init__(self) -> None:
            self.polled: list[str] = []

        def watch(self, path: str) -> None:
            self.polled.append(path)

    other = Other()
    NativeWatch().watch(other, tmp_path)
    assert other.polled == [str(tmp_path)]
