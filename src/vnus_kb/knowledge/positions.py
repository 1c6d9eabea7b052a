"""A safe YAML reader that keeps the line and column of every key and value.

The tree is built straight from libyaml's event stream, so limits (size, depth, count)
are checked before anything deep is built, and no constructor ever runs: anchors,
aliases, merge keys and tags are refused, duplicate keys are refused, and scalars are
resolved by the YAML 1.2 core schema (``no`` stays text, dates stay text).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

import yaml

from .diagnostics import Diagnostic, Pos, error

try:  # libyaml is ~14x faster; depth is bounded below before it could matter
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1 << 20
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


@dataclass
class Document:
    """Plain values (dict/list/str/int/float/bool/None) and where each one stands."""

    data: Any = None
    where: dict[Path, Pos] = field(default_factory=dict)
    key_where: dict[Path, Pos] = field(default_factory=dict)

    def pos(self, path: Path) -> Pos:
        """The nearest known place for ``path``: the value, else its key, else its parent."""
        p = tuple(path)
        while True:
            if p in self.where:
                return self.where[p]
            if p in self.key_where:
                return self.key_where[p]
            if not p:
                return Pos("")
            p = p[:-1]


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


def _pos(path: str, mark: Any, starts: list[int]) -> Pos:
    line = bisect_right(starts, mark.index)
    return Pos(path, line, mark.index - starts[line - 1] + 1)


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


def decode(raw: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Strict UTF-8 with size bound; a byte-order mark is dropped."""
    if len(raw) > MAX_BYTES:
        return None, [error("file-too-large", f"file is {len(raw):,} bytes, more than the limit of {MAX_BYTES:,}", Pos(path), "split it or shorten it")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8").removeprefix("\ufeff")
        return None, [error("encoding", f"invalid UTF-8 byte 0x{raw[exc.start]:02x}", _offset_pos(path, good, len(good)), "save the file as UTF-8")]
    return text.removeprefix("\ufeff"), []


def read_yaml(text: str, path: str) -> tuple[Document | None, list[Diagnostic]]:
    """Parse one YAML document that must be a mapping. Never raises for bad input."""
    diags: list[Diagnostic] = []
    text = text.removeprefix("\ufeff")  # libyaml skips it without counting it
    starts = _line_starts(text)
    tab = text.find("\t")
    if tab >= 0:
        diags.append(error("yaml-tab", "tab character", _offset_pos(path, text, tab), "indent and separate with spaces"))
        return None, diags
    doc = Document()
    stack: list[tuple[Any, Path, set[str] | None]] = []  # (container, its path, keys seen)
    pending_key: list[str | None] = []
    docs = 0
    nodes = 0

    def place(value: Any, mark: Any, is_key_ok: bool = True) -> tuple[Path, bool]:
        """Put a value into the current container; returns its path and whether it is a key."""
        if not stack:
            doc.data = value
            doc.where[()] = _pos(path, mark, starts)
            return (), False
        container, cpath, _seen = stack[-1]
        if isinstance(container, list):
            p = (*cpath, len(container))
            container.append(value)
            doc.where[p] = _pos(path, mark, starts)
            return p, False
        key = pending_key[-1]
        if key is None:
            return cpath, True
        p = (*cpath, key)
        container[key] = value
        doc.where[p] = _pos(path, mark, starts)
        pending_key[-1] = None
        return p, False

    def fail(code: str, msg: str, mark: Any, hint: str = "") -> None:
        """A problem after which the file cannot be read further."""
        diags.append(error(code, msg, _pos(path, mark, starts), hint))
        raise _Stop

    def refuse(code: str, msg: str, mark: Any, hint: str = "") -> None:
        """A problem that refuses the file, but reading on finds the others in the same run
        (each different one once, and no more than MAX_PROBLEMS of them)."""
        if any(d.code == code and d.message == msg for d in diags):
            return
        diags.append(error(code, msg, _pos(path, mark, starts), hint))
        if len(diags) >= MAX_PROBLEMS:
            fail("yaml-too-many-problems", f"{MAX_PROBLEMS} problems; the rest of the file is not read", mark,
                 "mend these first")

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
                if stack and isinstance(stack[-1][0], dict) and pending_key[-1] is None:
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
                if stack and isinstance(stack[-1][0], dict) and pending_key[-1] is None:
                    key = ev.value
                    seen = stack[-1][2]
                    assert seen is not None
                    kpath = (*stack[-1][1], key)
                    if key == "<<" and ev.implicit[0]:
                        refuse("yaml-merge", "merge key '<<' is not allowed", ev.start_mark, "write the keys out in full")
                    if key in seen:
                        first = doc.key_where[kpath]
                        refuse("yaml-duplicate-key", f"duplicate key '{key}' (first at line {first.line})", ev.start_mark, "keep one of them")
                        key = f"\x00duplicate {len(diags)}"  # read on; the file is refused anyway
                        kpath = (*stack[-1][1], key)
                    seen.add(key)
                    doc.key_where[kpath] = _pos(path, ev.start_mark, starts)
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
                if stack and isinstance(stack[-1][0], dict) and pending_key[-1] is None:
                    fail("yaml-key", "a key must be plain text, not a list or mapping", ev.start_mark)
                is_map = isinstance(ev, yaml.MappingStartEvent)
                container: Any = {} if is_map else []
                p, _ = place(container, ev.start_mark)
                stack.append((container, p, set() if is_map else None))
                pending_key.append(None)
            elif isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                stack.pop()
                pending_key.pop()
    except _Stop:
        return None, diags
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        pos = _pos(path, mark, starts) if mark is not None else Pos(path)
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
    if docs == 0 or doc.data is None:
        diags.append(error("yaml-empty", "the file holds no record", Pos(path, 1, 1), "write the record's fields, starting with 'id:'"))
        return None, diags
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        diags.append(error("yaml-not-mapping", f"the top level is {kind}, not a mapping of fields", doc.where[()], "write 'field: value' lines"))
        return None, diags
    return doc, diags


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "quote the value if it contains ': '"
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return "check the indentation of this line and the one above"
    if "found character" in problem and "cannot start any token" in problem:
        return "quote the value"
    return ""
