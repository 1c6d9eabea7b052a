"""Diagnostics: one line per problem, pointing at file:line:column, with a hint to mend it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum

# Characters that would break "one line per problem" or drive the terminal (ANSI escapes):
# data text quoted in a message is shown with these escaped, as Python would write them.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _one_line(text: str) -> str:
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Pos:
    """A 1-based place in a file; line and col 0 mean "the whole file"."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col}"
        return self.path


@dataclass(frozen=True)
class Diagnostic:
    level: Level
    code: str
    message: str
    pos: Pos
    hint: str = ""

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.pos.path, self.pos.line, self.pos.col, self.code, self.message)

    def text(self) -> str:
        msg = f"{self.message}; {self.hint}" if self.hint else self.message
        return _one_line(f"{self.pos}: {self.level.value}[{self.code}]: {msg}")


def error(code: str, message: str, pos: Pos, hint: str = "") -> Diagnostic:
    return Diagnostic(Level.ERROR, code, message, pos, hint)


def warning(code: str, message: str, pos: Pos, hint: str = "") -> Diagnostic:
    return Diagnostic(Level.WARNING, code, message, pos, hint)


def ordered(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sorted by file and place, duplicates dropped."""
    return sorted(set(diags), key=lambda d: d.sort_key)


def has_errors(diags: Iterable[Diagnostic]) -> bool:
    return any(d.level is Level.ERROR for d in diags)


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_text(diags: list[Diagnostic]) -> str:
    return "".join(d.text() + "\n" for d in diags)


def format_github(diags: list[Diagnostic]) -> str:
    """GitHub workflow commands, so each problem is annotated on its line in the pull request."""
    lines = []
    for d in diags:
        props = [f"file={_gh_escape(d.pos.path, True)}"]
        if d.pos.line:
            props += [f"line={d.pos.line}", f"col={d.pos.col}"]
        props.append(f"title={_gh_escape(d.code, True)}")
        msg = f"{d.message}; {d.hint}" if d.hint else d.message
        lines.append(f"::{d.level.value} {','.join(props)}::{_gh_escape(msg)}\n")
    return "".join(lines)


def format_json(diags: list[Diagnostic]) -> str:
    items = []
    for d in diags:
        item = asdict(d)
        item["level"] = d.level.value
        item.update(item.pop("pos"))
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}
