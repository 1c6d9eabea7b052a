"""Reading a record file: strict UTF-8 within the size limit, then YAML read for its data alone
(_read_clean, fast); only a file with something wrong is read again by the careful walk of
positions.py, which says what and where. Places are worked out only when a diagnostic asks."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import yaml

from ..diagnostics import Diagnostic, Pos, error
from .positions import (
    _BOOLS,
    _NULLS,
    MAX_DEPTH,
    MAX_NODES,
    Document,
    _Lines,
    _offset_pos,
    _walk,
    resolve_scalar,
)

try:  # the same loader as positions' careful walk: libyaml where PyYAML was built with it
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1 << 20


def read_bounded(path: str, size: int | None = None) -> bytes:
    """Up to MAX_BYTES + 1 bytes of the file at ``path`` (one more tells decode it is too large),
    a link not followed; asked for in ``size``, the size stat gave (else fstat's): a read of
    MAX_BYTES + 1 would allocate a megabyte for every file. Raises OSError as the system does."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        first = (os.fstat(fd).st_size if size is None else size) + 1
        chunks: list[bytes] = []
        left = MAX_BYTES + 1
        while left > 0:
            chunk = os.read(fd, min(left, first if not chunks else 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


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


def read_yaml(text: str, path: str, data: dict[str, Any] | None = None) -> tuple[Document | None, list[Diagnostic]]:
    """Parse one YAML document that must be a mapping. Never raises for bad input.

    A file is first read for its data alone (_read_clean); only a file that this finds anything
    wrong with is read again by the careful walk, which reports every problem with its place. The
    places of a clean file's keys and values are worked out when a diagnostic first asks
    (Document.where): on a valid knowledge base, never. ``data``: what read_data gave for this
    text, where it was read ahead (in a worker process)."""
    text = text.removeprefix("\ufeff")  # libyaml skips it without counting it
    if data is None:
        data = _read_clean(text)
    if data is not None:
        return Document(data, lines=_Lines(path, text)), []
    return _walk(text, path)


def read_data(text: str) -> dict[str, Any] | None:
    """The data of a document that breaks none of the rules (as read_yaml would read it), or None."""
    return _read_clean(text.removeprefix("\ufeff"))


# The event classes, compared by identity in the walks below (each event is exactly one of them).
_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_MAP_START, _SEQ_START = yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAP_END, _SEQ_END = yaml.MappingEndEvent, yaml.SequenceEndEvent
_DOC_START, _STREAM_END = yaml.DocumentStartEvent, yaml.StreamEndEvent
_NUMERIC_START = frozenset("+-.0123456789")  # what every int, float, .inf and .nan starts with
_CONSTANTS: dict[str, Any] = {**dict.fromkeys(_NULLS), **_BOOLS}


def _read_clean(text: str) -> dict[str, Any] | None:
    """The data of a document that breaks none of the rules, or None for any other (then the
    careful walk, _walk, reads it again and says what is wrong, and where).

    Every rule of _walk is kept (size of numbers, count of values, depth, one document, a
    mapping at the top; no tabs, anchors, aliases, tags, merge keys, duplicate or complex keys),
    and the data is the same; only the places are not noted, and the first problem ends it."""
    if "\t" in text:
        return None
    stack: list[tuple[Any, bool]] = []  # the open containers above the current one: (container, is a mapping)
    container: Any = None  # the innermost open mapping or list; None at the top level
    is_map = False
    key: str | None = None  # in a mapping, the key whose value comes next
    top: Any = None
    docs = nodes = 0
    try:
        get_event: Callable[[], Any] = _Loader(text).get_event  # (text that UTF-8 cannot hold raises here)
        while True:
            ev = get_event()
            cls = ev.__class__
            if cls is _SCALAR:
                nodes += 1
                if ev.anchor is not None or ev.tag is not None:
                    return None
                value = ev.value
                if is_map and key is None:
                    if value in container or (value == "<<" and ev.implicit[0]):
                        return None  # a duplicate key, or a merge key
                    key = value
                    continue
                if ev.implicit[0]:  # plain: YAML 1.2 core schema (resolve_scalar)
                    if value[:1] in _NUMERIC_START:
                        value = resolve_scalar(value, True)  # ValueError for a number too long
                    elif value in _CONSTANTS:
                        value = _CONSTANTS[value]
                if is_map:
                    container[key] = value
                    key = None
                elif container is not None:
                    container.append(value)
                else:
                    top = value
            elif cls is _MAP_START or cls is _SEQ_START:
                nodes += 1
                if ev.anchor is not None or ev.tag is not None or len(stack) >= MAX_DEPTH or (is_map and key is None):
                    return None
                new: Any = {} if cls is _MAP_START else []
                if is_map:
                    container[key] = new
                    key = None
                elif container is not None:
                    container.append(new)
                else:
                    top = new
                stack.append((container, is_map))
                container, is_map = new, cls is _MAP_START
            elif cls is _MAP_END or cls is _SEQ_END:
                container, is_map = stack.pop()
            elif cls is _DOC_START:
                docs += 1
                if docs > 1:
                    return None
            elif cls is _STREAM_END:
                break
            elif cls is _ALIAS:
                return None
            if nodes > MAX_NODES:
                return None
    except Exception:  # the careful walk reports it (or, for a bug here, raises it)
        return None
    return top if isinstance(top, dict) and docs == 1 else None
