"""Find record and source files in a stable order and read each one into a positioned document."""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

from frontmatter.default_handlers import YAMLHandler

from ..diagnostics import Diagnostic, Pos, error
from ..suggest import closest
from .ahead import Read, ReadAhead
from .models import FOLDERS
from .positions import Document
from .yamlread import MAX_BYTES, decode, read_bounded, read_yaml

MAX_FILES = 20_000

T = TypeVar("T")


@dataclass
class RawRecord:
    path: str  # as shown in diagnostics
    folder: str
    stem: str
    doc: Document


@dataclass
class RawSource:
    path: str
    stem: str
    doc: Document  # the front matter, lines numbered as in the file
    body: str  # the article text, verbatim
    body_line: int  # the file line on which the body starts


@dataclass
class Loaded:
    records: list[RawRecord] = field(default_factory=list)
    sources: list[RawSource] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # the stems of every record and source file found, read or not: a reference to one of
    # them that does not resolve is a consequence of that file's own error, not a new one
    record_stems: set[str] = field(default_factory=set)
    source_stems: set[str] = field(default_factory=set)


def display_path(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


class FileSig(NamedTuple):
    """What a file's lstat says of its content: a file whose signature is the same as when it was
    read is taken as unchanged (unless it was "racy" then: see FileCache)."""

    size: int
    mtime_ns: int
    ctime_ns: int  # changes on every write and rename, and cannot be set back (touch, rsync -t, cp -p set mtime)
    inode: int  # an editor that saves by renaming a new file over the old one makes a new inode


class _File(NamedTuple):
    """An entry of a folder: its name, the path to open, the path shown in diagnostics, its mode."""

    name: str
    path: str
    shown: str
    mode: int
    sig: FileSig


def _suffix(name: str) -> str:
    """PurePath(name).suffix, without making a path."""
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def _stem(name: str) -> str:
    """PurePath(name).stem, without making a path."""
    i = name.rfind(".")
    return name[:i] if 0 < i < len(name) - 1 else name


def _regular_files(folder: str, shown_folder: str, diags: list[Diagnostic]) -> list[_File]:
    """Entries of a folder that are plain files or folders, sorted by name (each lstat'ed once);
    links and other kinds are refused. ``shown_folder``: the folder as diagnostics show it."""
    out: list[_File] = []
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        diags.append(error("file-unreadable", f"cannot read: {exc.strerror}", Pos(shown_folder)))
        return out
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        shown = f"{shown_folder}/{name}"
        try:
            st = entry.stat(follow_symlinks=False)
        except FileNotFoundError:
            continue  # removed while we looked (an editor's temporary file)
        except OSError as exc:
            diags.append(error("file-unreadable", f"cannot read: {exc.strerror}", Pos(shown)))
            continue
        mode = st.st_mode
        if stat.S_ISLNK(mode):
            diags.append(error("file-not-regular", "symbolic links are not read", Pos(shown), "commit the file itself"))
        elif stat.S_ISDIR(mode) or stat.S_ISREG(mode):
            out.append(_File(name, entry.path, shown, mode, FileSig(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)))
        else:
            diags.append(error("file-not-regular", "not a regular file", Pos(shown)))
    return out


def _read_bytes(f: _File, diags: list[Diagnostic]) -> bytes | None:
    if f.sig.size > MAX_BYTES:
        diags.append(error("file-too-large", f"file is {f.sig.size:,} bytes, more than the limit of {MAX_BYTES:,}", Pos(f.shown),
                           "split it or shorten it"))
        return None
    try:
        return read_bounded(f.path, f.sig.size)
    except OSError as exc:
        diags.append(error("file-unreadable", f"cannot read: {exc.strerror}", Pos(f.shown)))
        return None


def _folder_hint(name: str) -> str:
    """'organisation', 'Organizations' and 'person' all mean a folder that exists."""
    by_name = {f: f for f in FOLDERS} | {m.KIND: f for f, m in FOLDERS.items()}
    best = by_name.get(name.lower()) or by_name.get(closest(name.lower(), by_name) or "")
    return f"did you mean '{best}'?" if best else f"use one of: {', '.join(sorted(FOLDERS))}"


def _read_text(raw: bytes | None, shown: str, diags: list[Diagnostic]) -> str | None:
    """A file's text: bounded in size, strict UTF-8; problems go to ``diags``."""
    if raw is None:
        return None
    text, problems = decode(raw, shown)
    diags.extend(problems)
    return text


# A file modified this close (ns) to the time it was read may be written again with the same
# mtime (timestamps have a granularity: a few ms on Linux, 2 s on FAT; clocks of network file
# systems differ): such a "racy" file is not trusted by its signature alone (git's rule).
RACY_NS = 2_000_000_000


@dataclass
class _Known(Generic[T]):
    sig: FileSig
    digest: bytes  # of the bytes read, compared when the file was racy
    racy: bool
    value: T


class FileCache(Generic[T]):
    """What reading each file gave, by the path shown, with the signature it had then."""

    def __init__(self) -> None:
        self.known: dict[str, _Known[T]] = {}
        self.seen: set[str] = set()
        self.reused = self.parsed = 0

    def get(self, f: _File) -> tuple[T | None, bytes | None]:
        """The value remembered for an unchanged file; else None, and the file's bytes when they
        had to be read to tell (a racy file: its content is compared)."""
        self.seen.add(f.shown)
        known = self.known.get(f.shown)
        if known is None or known.sig != f.sig:
            return None, None
        if known.racy:
            raw = _read_bytes(f, [])
            if raw is None or _digest(raw) != known.digest:
                return None, raw
            known.racy = _is_racy(f.sig)
        self.reused += 1
        return known.value, None

    def put(self, f: _File, raw: bytes, value: T) -> None:
        self.parsed += 1
        self.known[f.shown] = _Known(f.sig, _digest(raw), _is_racy(f.sig), value)

    def prune(self) -> None:
        """Forget the files not seen since the last prune (removed or renamed)."""
        for gone in self.known.keys() - self.seen:
            del self.known[gone]
        self.seen = set()


def _digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


def _is_racy(sig: FileSig) -> bool:
    return max(sig.mtime_ns, sig.ctime_ns) >= time.time_ns() - RACY_NS


@dataclass
class LoadCache:
    """The files read by earlier loads (see knowledge.build.BuildCache)."""

    records: FileCache[tuple[Document | None, list[Diagnostic]]] = field(default_factory=FileCache)
    sources: FileCache[tuple[RawSource | None, list[Diagnostic]]] = field(default_factory=FileCache)


def _record_file(f: _File, cache: LoadCache | None, diags: list[Diagnostic],
                 clean: Read | None = None) -> tuple[Document | None, list[Diagnostic]] | None:
    """The document of a record file and its problems; None when it cannot be read (said in
    ``diags``). ``clean``: the file's bytes and data, read without a problem ahead (ahead.py)."""
    if clean is not None:
        return read_yaml(clean[0].decode("utf-8"), f.shown, clean[1])
    raw = None
    if cache is not None:
        hit, raw = cache.records.get(f)
        if hit is not None:
            return hit
    if raw is None:
        raw = _read_bytes(f, diags)
    text = _read_text(raw, f.shown, diags)
    if text is None or raw is None:
        return None
    got = read_yaml(text, f.shown)
    if cache is not None:
        cache.records.put(f, raw, got)
    return got


def _record_files(data_dir: Path, root: Path, diags: list[Diagnostic]) -> list[tuple[_File, str, str]]:
    """(file, folder, stem) of every record file, in order; what is misplaced goes to ``diags``."""
    files: list[tuple[_File, str, str]] = []
    for folder in _regular_files(str(data_dir), display_path(data_dir, root), diags):
        if not stat.S_ISDIR(folder.mode):
            if _suffix(folder.name).lower() not in (".md", ".txt"):
                diags.append(error("file-misplaced", "a record must live in a folder of its kind", Pos(folder.shown), f"move it into one of: {', '.join(sorted(FOLDERS))}"))
            continue
        if folder.name not in FOLDERS:
            diags.append(error("folder-unknown", f"'{folder.name}' is not a kind of record", Pos(folder.shown), _folder_hint(folder.name)))
            continue
        for f in _regular_files(folder.path, folder.shown, diags):
            if stat.S_ISDIR(f.mode):
                diags.append(error("file-misplaced", "records are not read from sub-folders", Pos(f.shown), f"put the files directly in {folder.name}/"))
                continue
            suffix, stem = _suffix(f.name), _stem(f.name)
            if suffix != ".yaml":
                hint = f"rename it to {stem}.yaml" if suffix in (".yml", ".YAML", ".YML") else "records are .yaml files"
                diags.append(error("file-misplaced", f"'{f.name}' is not a .yaml file", Pos(f.shown), hint))
                continue
            if len(files) == MAX_FILES:
                diags.append(error("too-many-files", f"more than {MAX_FILES:,} record files", Pos(f.shown)))
                return files
            files.append((f, folder.name, stem))
    return files


def load_records(data_dir: Path, root: Path, out: Loaded, cache: LoadCache | None = None,
                 ahead: ReadAhead | None = None) -> None:
    if not data_dir.is_dir():
        out.diagnostics.append(error("path-missing", "no data folder here", Pos(display_path(data_dir, root)), "run from the repository root or name it: vnus-kb validate PATH"))
        return
    files = _record_files(data_dir, root, out.diagnostics)
    # With a cache (the edit loop) only what changed is read; without one, every file, ahead and
    # over the machine's cores (read/ahead.py; started by the command already, where it could).
    read = (ahead or ReadAhead(root)).read() if cache is None else {}
    for f, folder, stem in files:
        out.record_stems.add(stem)
        got = _record_file(f, cache, out.diagnostics, read.get(f.path))
        if got is None:
            continue
        doc, diags = got
        out.diagnostics.extend(diags)
        if doc is not None:
            out.records.append(RawRecord(f.shown, folder, stem, doc))


def split_source(text: str) -> tuple[str, str, int] | None:
    """Front matter, verbatim body and the body's first line, or None without front matter.

    The front matter starts with the line break that ends the opening '---', so its line
    numbers are the file's."""
    handler = YAMLHandler()
    if not handler.detect(text):
        return None
    try:
        fm, _ = handler.split(text)
    except ValueError:  # an opening '---' and no closing one
        return None
    end = text.index(fm, 3) + len(fm)  # just before the closing '---' line
    close = text.find("\n", end + 1)
    body_start = len(text) if close < 0 else close + 1
    return fm, text[body_start:], text.count("\n", 0, body_start) + 1


def _source_file(f: _File, text: str) -> tuple[RawSource | None, list[Diagnostic]]:
    stem, shown = _stem(f.name), f.shown
    parts = split_source(text)
    if parts is None:
        if YAMLHandler().detect(text):
            return None, [error("source-front-matter", "the front matter has no closing '---' line", Pos(shown, 1, 1), "end the metadata with a line of '---', then the article text")]
        return None, [error("source-front-matter", "no front matter", Pos(shown, 1, 1), "start the file with '---', the metadata (id, title, language, original_file), '---'")]
    fm, body, body_line = parts
    doc, diags = read_yaml(fm, shown)
    return (RawSource(shown, stem, doc, body, body_line) if doc is not None else None), diags


def load_sources(seeds_dir: Path, root: Path, out: Loaded, cache: LoadCache | None = None) -> None:
    if not seeds_dir.is_dir():
        out.diagnostics.append(error("path-missing", "no seeds folder here", Pos(display_path(seeds_dir, root)), "sources live in seeds/*.md"))
        return
    for f in _regular_files(str(seeds_dir), display_path(seeds_dir, root), out.diagnostics):
        if stat.S_ISDIR(f.mode) or _suffix(f.name) != ".md":
            out.diagnostics.append(error("file-misplaced", f"'{f.name}' is not a source (.md file)", Pos(f.shown), "a source is seeds/<id>.md"))
            continue
        out.source_stems.add(_stem(f.name))
        got, raw = cache.sources.get(f) if cache is not None else (None, None)
        if got is None:
            if raw is None:
                raw = _read_bytes(f, out.diagnostics)
            text = _read_text(raw, f.shown, out.diagnostics)
            if text is None or raw is None:
                continue
            got = _source_file(f, text)
            if cache is not None:
                cache.sources.put(f, raw, got)
        source, diags = got
        out.diagnostics.extend(diags)
        if source is not None:
            out.sources.append(source)


def load(root: Path, cache: LoadCache | None = None, ahead: ReadAhead | None = None) -> Loaded:
    """Every source and record file under ``root``, read. With ``cache``, a file whose signature
    is unchanged since the cache last saw it is not read again: what reading it gave is reused.
    ``ahead``: the record files of ``root`` being read already (without a cache)."""
    out = Loaded()
    for folder in (root / "seeds", root / "data"):
        if folder.is_symlink():
            out.diagnostics.append(error("file-not-regular", "symbolic links are not read", Pos(display_path(folder, root)),
                                         "commit the folder itself"))
            return out
    if cache is not None:
        cache.records.reused = cache.records.parsed = cache.sources.reused = cache.sources.parsed = 0
    load_sources(root / "seeds", root, out, cache)
    load_records(root / "data", root, out, cache, ahead)
    if cache is not None:
        cache.records.prune()
        cache.sources.prune()
    return out
