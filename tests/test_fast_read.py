"""The shortcuts validation takes must not change what it says: the data-only YAML read agrees with
the careful walk, and text_problem's one-search answer with the full checks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vnus_kb.knowledge.read.load import split_source
from vnus_kb.knowledge.read.positions import _walk
from vnus_kb.knowledge.read.yamlread import _read_clean, read_yaml
from vnus_kb.knowledge.text import CONTROL, INVISIBLE, text_problem

from .conftest import FIXTURES, REPO
from .test_properties import PIECES, SETTINGS, texts, yaml_files


def agree(text: str) -> None:
    """_read_clean reads a text if and only if the careful walk finds nothing wrong with it, and
    then reads the same data; read_yaml gives the same answer either way, places included."""
    stripped = text.removeprefix("\ufeff")  # as read_yaml does first
    data = _read_clean(stripped)
    doc, diags = _walk(stripped, "f.yaml")
    assert (data is None) == (doc is None), (text, diags)
    if doc is not None:
        assert not diags
        assert repr(data) == repr(doc.data)  # repr: types kept apart (1, 1.0, True), nan equal to itself
        fast, none = read_yaml(text, "f.yaml")
        assert none == [] and fast is not None
        assert dict(fast.where) == dict(doc.where) and dict(fast.key_where) == dict(doc.key_where)
    else:
        assert read_yaml(text, "f.yaml") == (None, diags)


@SETTINGS
@given(texts)
def test_fast_read_agrees_on_any_text(text: str) -> None:
    agree(text)


@SETTINGS
@given(yaml_files())
def test_fast_read_agrees_on_record_like_yaml(text: str) -> None:
    agree(text)


def test_fast_read_agrees_on_every_file_of_the_repository_and_fixtures() -> None:
    paths = [*(REPO / "data").rglob("*.yaml"), *FIXTURES.rglob("*.yaml")]
    assert len(paths) > 150
    for path in paths:
        agree(path.read_bytes().decode("utf-8", errors="replace"))
    for path in [*(REPO / "seeds").glob("*.md"), *(FIXTURES / "kb" / "seeds").glob("*.md")]:
        parts = split_source(path.read_text(encoding="utf-8"))
        assert parts is not None
        agree(parts[0])


def test_fast_read_refuses_what_the_walk_refuses() -> None:
    deep = "a: " + "[" * 30 + "]" * 30 + "\n"
    many = "a: [" + ", ".join(["1"] * 50_001) + "]\n"
    for text in ["a: &x 1\nb: *x\n", "a: !!str 1\n", "<<: {a: 1}\n", "a: 1\na: 2\n", "a: 1\n---\nb: 2\n",
                 "a: " + "9" * 41 + "\n", deep, many, "[1, 2]\n", "", "# nothing\n", "a:\n\tb: 1\n", "? [a]\n: 1\n",
                 "a: b: c\n", "'<<': 1\n"]:
        agree(text)


def old_text_problem(value: str, single_line: bool) -> str | None:
    """text_problem as it was before its one-search shortcut."""
    if single_line and ("\n" in value or "\r" in value):
        return "must be a single line"
    if single_line and ("<" in value or ">" in value):
        return "must not contain '<' or '>' (names and titles are plain text)"
    m = CONTROL.search(value.replace("\n", "") if not single_line else value)
    if m:
        return f"contains control character U+{ord(m.group()):04X}"
    m = INVISIBLE.search(value)
    if m:
        return f"contains invisible or direction-changing character U+{ord(m.group()):04X}"
    if value != value.strip():
        return "has leading or trailing white space"
    return None


SUSPECTS = [*PIECES, " ", "\t", "\n", "\r", "<", ">", "\x00", "\x0b", "\x1c", "\x7f", "\x85", "\x9f", "\xa0",
            "\u00ad", "\u200b", "\u2028", "\u202e", "\u3000", "\ufeff", "\uffa0", "a", "é"]


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(SUSPECTS), st.characters()), max_size=8).map("".join), st.booleans())
def test_text_problem_shortcut_changes_no_answer(value: str, single_line: bool) -> None:
    assert text_problem(value, single_line) == old_text_problem(value, single_line)
