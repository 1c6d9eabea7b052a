"""A safe YAML reader that keeps the line and column of every key and value.

The tree is built straight from libyaml's event stream, so limits (size, depth, count)
are checked before anything deep is built, and no constructor ever runs: anchors,
aliases, merge keys and tags are refused, duplicate keys are refused, and scalars are
resolved by the YAML 1.2 core schema (``no`` stays text, dates stay text).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from typing import Any

import yaml

from ..diagnostics import Diagnostic, Pos, error

try:  # libyaml is ~14x faster; depth is bounded below before it could matter
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 24
MAX_NODES = 50_000
MAX_NUMBER_CHARS = 40
MAX_PROBLEMS = 20  # per file, for the problems after which reading goes on

Path = tuple[str | int, ...]

_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL_FLOAT = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


class _Lines:
    """Turns character offsets of one text into lines and columns (the line starts are found
    the first time a place is asked for: most documents are never asked)."""

    __slots__ = ("path", "starts", "text")

    def __init__(self, path: str, text: str) -> None:
        self.path, self.text = path, text
        self.starts: list[int] | None = None

    def pos(self, offset: int) -> Pos:
        starts = self.starts
        if starts is None:
            starts = self.starts = _line_starts(self.text)
        line = bisect_right(starts, offset)
        return Pos(self.path, line, offset - starts[line - 1] + 1)


class _Places(Mapping[Path, Pos]):
    """A read-only mapping path -> Pos over character offsets, each Pos made when asked for."""

    __slots__ = ("_lines", "_offsets")

    def __init__(self, offsets: dict[Path, int], lines: _Lines) -> None:
        self._offsets, self._lines = offsets, lines

    def __getitem__(self, path: Path) -> Pos:
        return self._lines.pos(self._offsets[path])

    def get(self, path: Path, default: Any = None) -> Any:
        offset = self._offsets.get(path)
        return default if offset is None else self._lines.pos(offset)

    def __contains__(self, path: object) -> bool:
        return path in self._offsets

    def __iter__(self) -> Iterator[Path]:
        return iter(self._offsets)

    def __len__(self) -> int:
        return len(self._offsets)


class Document:
    """Plain values (dict/list/str/int/float/bool/None) and where each one stands.

    ``where`` (values) and ``key_where`` (keys) map a path such as ("roles", 0, "title") to its
    Pos. For a document read from text they are worked out the first time either is asked for,
    by reading the text again with positions (read_yaml's careful walk): a valid file, whose
    places no diagnostic needs, is read once, without them."""

    __slots__ = ("_key_where", "_lines", "_where", "data")

    def __init__(self, data: Any = None, where: Mapping[Path, Pos] | None = None,
                 key_where: Mapping[Path, Pos] | None = None, *, lines: _Lines | None = None) -> None:
        self.data = data
        self._lines = lines  # set: the text to read the places from, when first asked
        self._where: Mapping[Path, Pos] | None = where if where is not None or lines else {}
        self._key_where: Mapping[Path, Pos] | None = key_where if key_where is not None or lines else {}

    def _locate(self) -> None:
        assert self._lines is not None
        doc, diags = _walk(self._lines.text, self._lines.path)
        assert doc is not None and not diags, "a document read without problems reads again the same"
        self._where, self._key_where = doc._where, doc._key_where

    @property
    def where(self) -> Mapping[Path, Pos]:
        if self._where is None:
            self._locate()
        assert self._where is not None
        return self._where

    @property
    def key_where(self) -> Mapping[Path, Pos]:
        if self._key_where is None:
            self._locate()
        assert self._key_where is not None
        return self._key_where

    def places_only(self) -> Document:
        """This document without its data, the places of its keys and values still found when
        asked: once a record is made from the data, only diagnostics read its document, for
        places (at 10,000 records the data would be 30 MB kept for nothing)."""
        return Document(None, self._where, self._key_where, lines=self._lines)

    def pos(self, path: Path) -> Pos:
        """The nearest known place for ``path``: the value, else its key, else its parent."""
        where, key_where = self.where, self.key_where
        p = tuple(path)
        while True:
            if p in where:
                return where[p]
            if p in key_where:
                return key_where[p]
            if not p:
                return Pos("")
            p = p[:-1]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        if self.data != other.data:
            return False
        if self._lines and other._lines and (self._lines.path, self._lines.text) == (other._lines.path, other._lines.text):
            return True  # the same text: the same places, without working them out
        return dict(self.where) == dict(other.where) and dict(self.key_where) == dict(other.key_where)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Document(data={self.data!r})"

    def __getstate__(self) -> tuple[Any, Any, Any, Any]:
        return self.data, self._where, self._key_where, self._lines

    def __setstate__(self, state: tuple[Any, Any, Any, Any]) -> None:
        self.data, self._where, self._key_where, self._lines = state


class _Stop(Exception):
    """Raised inside the event walk once a file cannot be read further."""


def _line_starts(text: str) -> list[int]:
    """Offsets at which lines begin, lines ending at '\\n' only: libyaml also breaks lines at
    a lone CR, NEL, U+2028 and U+2029, which git and GitHub's line numbers do not count."""
    starts = [0]
    i = text.find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


def _offset_pos(path: str, text: str, offset: int) -> Pos:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Pos(path, line, col)


def resolve_scalar(value: str, plain: bool) -> Any:
    """YAML 1.2 core schema for plain scalars; anything quoted is text."""
    if not plain:
        return value
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if _INT.fullmatch(value):
        if len(value) > MAX_NUMBER_CHARS:
            raise ValueError(f"number of {len(value)} digits is too long")
        return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
    if value.lower() in _SPECIAL_FLOAT:
        return _SPECIAL_FLOAT[value.lower()]
    if _FLOAT.fullmatch(value):
        if len(value) > MAX_NUMBER_CHARS:
            raise ValueError(f"number of {len(value)} characters is too long")
        return float(value)
    return value


def _walk(text: str, path: str) -> tuple[Document | None, list[Diagnostic]]:
    """The careful walk: every problem of the file, each with its place; and for a file without
    problems, the place of every key and value (as character offsets, lines worked out later)."""
    diags: list[Diagnostic] = []
    lines = _Lines(path, text)
    tab = text.find("\t")
    if tab >= 0:
        diags.append(error("yaml-tab", "tab character", _offset_pos(path, text, tab), "indent and separate with spaces"))
        return None, diags
    data: Any = None
    where: dict[Path, int] = {}
    key_where: dict[Path, int] = {}
    stack: list[tuple[Any, Path]] = []  # (container, its path)
    pending_key: list[str | None] = []
    docs = 0
    nodes = 0

    def place(value: Any, mark: Any) -> Path:
        """Put a value into the current container; returns its path."""
        nonlocal data
        if not stack:
            data = value
            where[()] = mark.index
            return ()
        container, cpath = stack[-1]
        if isinstance(container, list):
            p = (*cpath, len(container))
            container.append(value)
            where[p] = mark.index
            return p
        key = pending_key[-1]
        assert key is not None  # a value in a mapping comes after its key
        p = (*cpath, key)
        container[key] = value
        where[p] = mark.index
        pending_key[-1] = None
        return p

    def fail(code: str, msg: str, mark: Any, hint: str = "") -> None:
        """A problem after which the file cannot be read further."""
        diags.append(error(code, msg, lines.pos(mark.index), hint))
        raise _Stop

    def refuse(code: str, msg: str, mark: Any, hint: str = "") -> None:
        """A problem that refuses the file, but reading on finds the others in the same run
        (each different one once, and no more than MAX_PROBLEMS of them)."""
        if any(d.code == code and d.message == msg for d in diags):
            return
        diags.append(error(code, msg, lines.pos(mark.index), hint))
        if len(diags) >= MAX_PROBLEMS:
            fail("yaml-too-many-problems", f"{MAX_PROBLEMS} problems; the rest of the file is not read", mark,
                 "mend these first")

    def awaiting_key() -> bool:
        return bool(stack) and isinstance(stack[-1][0], dict) and pending_key[-1] is None

    try:
        for ev in yaml.parse(text, Loader=_Loader):
            if isinstance(ev, yaml.DocumentStartEvent):
                docs += 1
                if docs > 1:
                    fail("yaml-multi-doc", "more than one YAML document in the file", ev.start_mark, "keep one record per file and remove the '---' separator")
                continue
            if isinstance(ev, yaml.AliasEvent):
                nodes += 1
                if nodes > MAX_NODES:
                    fail("yaml-too-large", f"more than {MAX_NODES:,} values in one file", ev.start_mark, "split the record")
                refuse("yaml-alias", f"alias '*{ev.anchor}' is not allowed", ev.start_mark, "write the value out in full")
                if awaiting_key():
                    fail("yaml-key", "a key must be plain text", ev.start_mark)
                place(None, ev.start_mark)
                continue
            if isinstance(ev, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                nodes += 1
                if nodes > MAX_NODES:
                    fail("yaml-too-large", f"more than {MAX_NODES:,} values in one file", ev.start_mark, "split the record")
                if ev.anchor is not None:
                    refuse("yaml-anchor", f"anchor '&{ev.anchor}' is not allowed", ev.start_mark, "write each value out in full")
                if ev.tag is not None:
                    refuse("yaml-tag", f"tag '{ev.tag}' is not allowed", ev.start_mark, "remove the tag; values are plain text, numbers, lists and mappings")
            if isinstance(ev, yaml.ScalarEvent):
                if awaiting_key():
                    key = ev.value
                    mapping, mpath = stack[-1]
                    kpath = (*mpath, key)
                    if key == "<<" and ev.implicit[0]:
                        refuse("yaml-merge", "merge key '<<' is not allowed", ev.start_mark, "write the keys out in full")
                    if key in mapping:  # every key read so far has its value in the mapping by now
                        first = lines.pos(key_where[kpath])
                        refuse("yaml-duplicate-key", f"duplicate key '{key}' (first at line {first.line})", ev.start_mark, "keep one of them")
                        key = f"\x00duplicate {len(diags)}"  # read on; the file is refused anyway
                        kpath = (*mpath, key)
                    key_where[kpath] = ev.start_mark.index  # type: ignore[union-attr]
                    pending_key[-1] = key
                    continue
                try:
                    value = resolve_scalar(ev.value, bool(ev.implicit[0]))
                except ValueError as exc:
                    refuse("yaml-number", str(exc), ev.start_mark, "quote it if it is text")
                    value = None
                place(value, ev.start_mark)
            elif isinstance(ev, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    fail("yaml-too-deep", f"nesting deeper than {MAX_DEPTH} levels", ev.start_mark, "flatten the structure")
                if awaiting_key():
                    fail("yaml-key", "a key must be plain text, not a list or mapping", ev.start_mark)
                container: Any = {} if isinstance(ev, yaml.MappingStartEvent) else []
                p = place(container, ev.start_mark)
                stack.append((container, p))
                pending_key.append(None)
            elif isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                stack.pop()
                pending_key.pop()
    except _Stop:
        return None, diags
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        pos = lines.pos(mark.index) if mark is not None else Pos(path)
        diags.append(error("yaml-syntax", f"invalid YAML: {problem}", pos, _syntax_hint(problem)))
        return None, diags
    except yaml.YAMLError as exc:  # ReaderError: a character YAML does not allow
        offset = getattr(exc, "position", 0) or 0
        if _Loader.__name__.startswith("C"):  # libyaml's reader counts bytes of UTF-8, not characters
            offset = len(text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "ignore"))
        pos = _offset_pos(path, text, offset)
        diags.append(error("yaml-syntax", f"invalid YAML: {getattr(exc, 'reason', exc)}", pos, "remove control characters"))
        return None, diags
    except (ValueError, RecursionError, OverflowError, MemoryError) as exc:  # belt and braces
        diags.append(error("yaml-syntax", f"unreadable YAML: {type(exc).__name__}", Pos(path)))
        return None, diags

    if diags:  # refused, with every problem found
        return None, diags
    if docs == 0 or data is None:
        diags.append(error("yaml-empty", "the file holds no record", Pos(path, 1, 1), "write the record's fields, starting with 'id:'"))
        return None, diags
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        diags.append(error("yaml-not-mapping", f"the top level is {kind}, not a mapping of fields", lines.pos(where[()]), "write 'field: value' lines"))
        return None, diags
    return Document(data, _Places(where, lines), _Places(key_where, lines)), diags


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "quote the value if it contains ': '"
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return "check the indentation of this line and the one above"
    if "found character" in problem and "cannot start any token" in problem:
        return "quote the value"
    return ""
