"""Find record and source files in a stable order and read each one into a positioned document."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from frontmatter.default_handlers import YAMLHandler

from .diagnostics import Diagnostic, Pos, error
from .models import FOLDERS
from .positions import MAX_BYTES, Document, decode, read_yaml
from .suggest import closest

MAX_FILES = 20_000


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


def _regular_files(folder: Path, root: Path, diags: list[Diagnostic]) -> list[Path]:
    """Entries of a folder that are plain files; links and other kinds are refused."""
    out: list[Path] = []
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        diags.append(error("file-unreadable", f"cannot read: {exc.strerror}", Pos(display_path(folder, root))))
        return out
    for entry in entries:
        if entry.name.startswith("."):
            continue
        shown = display_path(entry, root)
        try:
            mode = entry.lstat().st_mode
        except FileNotFoundError:
            continue  # removed while we looked (an editor's temporary file)
        except OSError as exc:
            diags.append(error("file-unreadable", f"cannot read: {exc.strerror}", Pos(shown)))
            continue
        if stat.S_ISLNK(mode):
            diags.append(error("file-not-regular", "symbolic links are not read", Pos(shown), "commit the file itself"))
        elif stat.S_ISDIR(mode):
            out.append(entry)
        elif not stat.S_ISREG(mode):
            diags.append(error("file-not-regular", "not a regular file", Pos(shown)))
        else:
            out.append(entry)
    return out


def _read_bytes(path: Path, shown: str, diags: list[Diagnostic]) -> bytes | None:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            diags.append(error("file-too-large", f"file is {size:,} bytes, more than the limit of {MAX_BYTES:,}", Pos(shown), "split it or shorten it"))
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as fh:
            return fh.read(MAX_BYTES + 1)
    except OSError as exc:
        diags.append(error("file-unreadable", f"cannot read: {exc.strerror}", Pos(shown)))
        return None


def _folder_hint(name: str) -> str:
    """'organisation', 'Organizations' and 'person' all mean a folder that exists."""
    by_name = {f: f for f in FOLDERS} | {m.KIND: f for f, m in FOLDERS.items()}
    best = by_name.get(name.lower()) or by_name.get(closest(name.lower(), by_name) or "")
    return f"did you mean '{best}'?" if best else f"use one of: {', '.join(sorted(FOLDERS))}"


def _read_text(path: Path, shown: str, diags: list[Diagnostic]) -> str | None:
    """A file's text: bounded in size, strict UTF-8; problems go to ``diags``."""
    raw = _read_bytes(path, shown, diags)
    if raw is None:
        return None
    text, problems = decode(raw, shown)
    diags.extend(problems)
    return text


_PARSED: dict[tuple[str, str], tuple[Document | None, list[Diagnostic]]] = {}


def _read_yaml_once(text: str, shown: str) -> tuple[Document | None, list[Diagnostic]]:
    """read_yaml, remembered by file and text: the edit loop loads every record on every save,
    and parsing is most of loading (the documents are only read afterwards)."""
    key = (shown, text)
    if key not in _PARSED:
        if len(_PARSED) > 4 * MAX_FILES:
            _PARSED.clear()
        _PARSED[key] = read_yaml(text, shown)
    return _PARSED[key]


def load_records(data_dir: Path, root: Path, out: Loaded) -> None:
    if not data_dir.is_dir():
        out.diagnostics.append(error("path-missing", "no data folder here", Pos(display_path(data_dir, root)), "run from the repository root or name it: vnus-kb validate PATH"))
        return
    count = 0
    for folder in _regular_files(data_dir, root, out.diagnostics):
        shown = display_path(folder, root)
        if not folder.is_dir():
            if folder.suffix.lower() not in (".md", ".txt"):
                out.diagnostics.append(error("file-misplaced", "a record must live in a folder of its kind", Pos(shown), f"move it into one of: {', '.join(sorted(FOLDERS))}"))
            continue
        if folder.name not in FOLDERS:
            out.diagnostics.append(error("folder-unknown", f"'{folder.name}' is not a kind of record", Pos(shown), _folder_hint(folder.name)))
            continue
        for path in _regular_files(folder, root, out.diagnostics):
            shown = display_path(path, root)
            if path.is_dir():
                out.diagnostics.append(error("file-misplaced", "records are not read from sub-folders", Pos(shown), f"put the files directly in {folder.name}/"))
                continue
            if path.suffix != ".yaml":
                hint = f"rename it to {path.stem}.yaml" if path.suffix in (".yml", ".YAML", ".YML") else "records are .yaml files"
                out.diagnostics.append(error("file-misplaced", f"'{path.name}' is not a .yaml file", Pos(shown), hint))
                continue
            count += 1
            if count > MAX_FILES:
                out.diagnostics.append(error("too-many-files", f"more than {MAX_FILES:,} record files", Pos(shown)))
                return
            out.record_stems.add(path.stem)
            text = _read_text(path, shown, out.diagnostics)
            if text is None:
                continue
            doc, diags = _read_yaml_once(text, shown)
            out.diagnostics.extend(diags)
            if doc is not None:
                out.records.append(RawRecord(shown, folder.name, path.stem, doc))


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


def load_sources(seeds_dir: Path, root: Path, out: Loaded) -> None:
    if not seeds_dir.is_dir():
        out.diagnostics.append(error("path-missing", "no seeds folder here", Pos(display_path(seeds_dir, root)), "sources live in seeds/*.md"))
        return
    for path in _regular_files(seeds_dir, root, out.diagnostics):
        shown = display_path(path, root)
        if path.is_dir() or path.suffix != ".md":
            out.diagnostics.append(error("file-misplaced", f"'{path.name}' is not a source (.md file)", Pos(shown), "a source is seeds/<id>.md"))
            continue
        out.source_stems.add(path.stem)
        text = _read_text(path, shown, out.diagnostics)
        if text is None:
            continue
        parts = split_source(text)
        if parts is None:
            if YAMLHandler().detect(text):
                out.diagnostics.append(error("source-front-matter", "the front matter has no closing '---' line", Pos(shown, 1, 1), "end the metadata with a line of '---', then the article text"))
            else:
                out.diagnostics.append(error("source-front-matter", "no front matter", Pos(shown, 1, 1), "start the file with '---', the metadata (id, title, language, original_file), '---'"))
            continue
        fm, body, body_line = parts
        doc, diags = read_yaml(fm, shown)
        out.diagnostics.extend(diags)
        if doc is not None:
            out.sources.append(RawSource(shown, path.stem, doc, body, body_line))


def load(root: Path) -> Loaded:
    out = Loaded()
    for folder in (root / "seeds", root / "data"):
        if folder.is_symlink():
            out.diagnostics.append(error("file-not-regular", "symbolic links are not read", Pos(display_path(folder, root)),
                                         "commit the folder itself"))
            return out
    load_sources(root / "seeds", root, out)
    load_records(root / "data", root, out)
    return out
