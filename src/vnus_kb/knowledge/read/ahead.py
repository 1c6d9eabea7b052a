"""A large knowledge base's record files read ahead, over the machine's cores.

A forked worker starts reading and parsing the files as soon as a command knows its repository,
while this process loads the rest of the program (pydantic's models, numpy: a quarter of a
second); when this process gets to the files, it claims the ones no worker has taken yet, a
hundred at a time, from a counter they share. The worker's results come back marshalled (plain
data: bytes, dicts, lists, strings, numbers; unmarshalled three times faster than unpickled).

Only files that read without any problem are read ahead; load.py reads every other file (and
every file a worker that died had taken) again itself, with the careful walk that says what is
wrong and where. Which files are records is load.py's to decide: a file read ahead that it does
not take is never used. Imports little, so that a command can start it before the rest.
"""

from __future__ import annotations

import marshal
import multiprocessing
import os
from pathlib import Path
from typing import Any

from ... import workers
from .yamlread import decode, read_bounded, read_data

Read = tuple[bytes, dict[str, Any]]  # a file's bytes, and its data
FROM_FILES = 2_000  # fewer files are read in one process: a fork costs about 20 ms, a file about 65 µs
CHUNK = 100  # files claimed at a time


def record_paths(data_dir: Path) -> list[str]:
    """Every .yaml file in a folder of ``data_dir``, sorted as load.py lists them, by the path
    load.py opens them by (links and other kinds of entry skipped: load.py refuses them)."""
    paths: list[str] = []
    try:
        with os.scandir(str(data_dir)) as it:
            folders = sorted((e for e in it if not e.name.startswith(".") and e.is_dir(follow_symlinks=False)),
                             key=lambda e: e.name)
        for folder in folders:
            with os.scandir(folder.path) as it:
                files = sorted((e for e in it if e.name.endswith(".yaml") and not e.name.startswith(".")
                                and e.is_file(follow_symlinks=False)), key=lambda e: e.name)
            paths.extend(e.path for e in files)
    except OSError:
        pass  # load.py says what cannot be read
    return paths


def read_clean(path: str) -> Read | None:
    """The file's bytes and data where it reads without a problem (within the size limit, UTF-8,
    no rule of the YAML reader broken), else None: load.py reads it again and says what is wrong."""
    try:
        raw = read_bounded(path)
    except OSError:
        return None
    text = decode(raw, path)[0]
    data = read_data(text) if text is not None else None
    return (raw, data) if data is not None else None


class ReadAhead:
    """The record files of ``root`` being read by a forked worker (from FROM_FILES files, on a
    machine of more than one core, where forking is safe); `read()` joins in and returns them."""

    def __init__(self, root: Path) -> None:
        self.paths = record_paths(root / "data")
        self._worker: Any = None
        if len(self.paths) < FROM_FILES or workers.cores() < 2 or not workers.can_fork():
            return
        fork = multiprocessing.get_context("fork")
        self._next = fork.Value("q", 0)  # the first path no one has claimed yet
        self._results, sender = fork.Pipe(duplex=False)
        self._worker = fork.Process(target=self._work, args=(sender,), daemon=True, name="vnus-kb read-ahead")
        self._worker.start()
        sender.close()

    def _claim(self) -> range | None:
        with self._next.get_lock():
            start = self._next.value
            if start >= len(self.paths):
                return None
            self._next.value = start + CHUNK
        return range(start, min(start + CHUNK, len(self.paths)))

    def _read_claimed(self, got: dict[str, Read]) -> None:
        while (claimed := self._claim()) is not None:
            for i in claimed:
                done = read_clean(self.paths[i])
                if done is not None:
                    got[self.paths[i]] = done

    def _work(self, sender: Any) -> None:  # in the worker
        # Its copy of the other end closed: if the command ends without reading the files, the
        # send below fails and the worker ends, instead of waiting for a reader that never comes.
        self._results.close()
        got: dict[str, Read] = {}
        self._read_claimed(got)
        try:
            sender.send_bytes(marshal.dumps(got))
            sender.close()
        except OSError:
            pass  # no one reads them: the command ended without the files (it found an error first)

    def read(self) -> dict[str, Read]:
        """Every file that read without a problem, by path: the ones the worker has not claimed
        are read here meanwhile. Once only."""
        got: dict[str, Read] = {}
        if self._worker is None:
            for path in self.paths:
                done = read_clean(path)
                if done is not None:
                    got[path] = done
            return got
        self._read_claimed(got)
        try:
            got.update(marshal.loads(self._results.recv_bytes()))
        except (EOFError, OSError, ValueError):
            pass  # the worker died: load.py reads its files itself
        finally:
            self._results.close()
            self._worker.join()
            self._worker = None
        return got
