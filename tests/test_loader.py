"""The positioned YAML reader: where every key and value stands, and what each scalar becomes."""

from __future__ import annotations

import math

import pytest

from vnus_kb.knowledge.diagnostics import Pos
from vnus_kb.knowledge.read.load import split_source
from vnus_kb.knowledge.read.positions import Document, resolve_scalar
from vnus_kb.knowledge.read.yamlread import decode, read_yaml


def read(text: str) -> Document:
    doc, diags = read_yaml(text, "f.yaml")
    assert diags == [], [d.text() for d in diags]
    assert doc is not None
    return doc


def where(doc: Document) -> dict[tuple[str | int, ...], tuple[int, int]]:
    return {k: (p.line, p.col) for k, p in doc.where.items()}


def keys(doc: Document) -> dict[tuple[str | int, ...], tuple[int, int]]:
    return {k: (p.line, p.col) for k, p in doc.key_where.items()}


def problems(text: str) -> list[str]:
    doc, diags = read_yaml(text, "f.yaml")
    assert doc is None
    return [d.text() for d in diags]


# --- positions -----------------------------------------------------------------------------------


def test_positions_of_keys_and_values_are_one_based() -> None:
    doc = read("id: amkor\nname: Amkor Technology\namount:\n  value: 1600000000\n  currency: USD\n")
    assert keys(doc) == {
        ("id",): (1, 1),
        ("name",): (2, 1),
        ("amount",): (3, 1),
        ("amount", "value"): (4, 3),
        ("amount", "currency"): (5, 3),
    }
    assert where(doc) == {
        (): (1, 1),
        ("id",): (1, 5),
        ("name",): (2, 7),
        ("amount",): (4, 3),
        ("amount", "value"): (4, 10),
        ("amount", "currency"): (5, 13),
    }
    assert doc.data == {
        "id": "amkor",
        "name": "Amkor Technology",
        "amount": {"value": 1600000000, "currency": "USD"},
    }


def test_positions_in_lists_block_and_flow() -> None:
    doc = read(
        "sectors: [energy, trade]\nsources:\n  - source: a\n    quote: b c\n  - source: d\n    quote: e\n"
    )
    assert where(doc)[("sectors", 0)] == (1, 11)
    assert where(doc)[("sectors", 1)] == (1, 19)
    assert where(doc)[("sources", 0)] == (3, 5)  # a mapping stands where its first key does
    assert where(doc)[("sources", 1, "quote")] == (6, 12)
    assert keys(doc)[("sources", 1, "quote")] == (6, 5)


def test_columns_count_characters_not_bytes() -> None:
    """'Bắc Ninh' is 8 characters and 10 bytes in UTF-8: what follows it is not shifted."""
    doc = read("a: {name: Bắc Ninh, type: province}\nb: [Đà Nẵng, Hà Nội, x]\nc: 😀 😀\nd: 1\n")
    assert keys(doc)[("a", "type")] == (1, 21)
    assert where(doc)[("a", "type")] == (1, 27)
    assert where(doc)[("b", 1)] == (2, 14)
    assert where(doc)[("b", 2)] == (2, 22)
    assert keys(doc)[("d",)] == (4, 1)


def test_crlf_line_endings() -> None:
    doc = read("id: x\r\nname: X\r\nsectors:\r\n  - energy\r\n  - trade\r\n")
    assert keys(doc) == {("id",): (1, 1), ("name",): (2, 1), ("sectors",): (3, 1)}
    assert where(doc)[("sectors", 1)] == (5, 5)
    assert doc.data["name"] == "X"


def test_unicode_line_separators_do_not_count_as_lines() -> None:
    """libyaml breaks lines at NEL and U+2028; git, GitHub and editors count only '\\n'."""
    doc = read('a: "one\u2028two"\nb: "three\u0085four"\nc: 1\n')
    assert doc.data["a"] == "one\u2028two"
    assert keys(doc)[("b",)] == (2, 1)
    assert keys(doc)[("c",)] == (3, 1)


def test_byte_order_mark_is_accepted() -> None:
    text, diags = decode(b"\xef\xbb\xbfid: x\nname: X\n", "f.yaml")
    assert diags == []
    assert text == "id: x\nname: X\n"
    doc = read("\ufeffid: x\nname: X\n")
    assert keys(doc)[("id",)] == (1, 1)
    assert where(doc)[("name",)] == (2, 7)


def test_document_pos_falls_back_to_key_then_parent() -> None:
    doc = Document(
        data={},
        where={(): Pos("f", 1, 1), ("a",): Pos("f", 2, 4)},
        key_where={("a",): Pos("f", 2, 1), ("b",): Pos("f", 3, 1)},
    )
    assert doc.pos(("a",)) == Pos("f", 2, 4)  # the value
    assert doc.pos(("b",)) == Pos("f", 3, 1)  # no value: its key
    assert doc.pos(("a", "x", 0)) == Pos("f", 2, 4)  # unknown: the nearest parent
    assert doc.pos(("c",)) == Pos("f", 1, 1)
    assert Document().pos(("c",)) == Pos("")


def test_missing_field_points_at_its_mapping() -> None:
    doc = read("id: x\namount:\n  currency: USD\n")
    assert doc.pos(("amount", "value")) == Pos("f.yaml", 3, 3)


# --- what scalars become: YAML 1.2 core, no 1.1 surprises ---------------------------------------


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("NO", "NO"),  # Norway, not false
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("Yes", "Yes"),
        ("true", True),
        ("True", True),
        ("FALSE", False),
        ("2023-09-10", "2023-09-10"),  # dates stay text, of the precision written
        ("2023-09-10 10:00:00", "2023-09-10 10:00:00"),
        ("12:30", "12:30"),  # no base 60
        ("1_000", "1_000"),
        ("0b101", "0b101"),
        ("'1.10'", "1.10"),
        ('"1.10"', "1.10"),  # quoted is text
        ('"yes"', "yes"),
        ("'null'", "null"),
        ("'017'", "017"),
        ("1.10", 1.1),  # plain is a number
        ("42", 42),
        ("+1", 1),
        ("-7", -7),
        ("017", 17),  # decimal, not octal
        ("0o17", 15),
        ("0x1f", 31),
        ("1e3", 1000.0),
        (".5", 0.5),
        ("1.", 1.0),
        ("~", None),
        ("null", None),
        ("", None),
    ],
)
def test_scalars_stay_what_they_are_written_as(written: str, value: object) -> None:
    got = read(f"v: {written}\n").data["v"]
    assert got == value
    assert type(got) is type(value)


@pytest.mark.parametrize(
    ("written", "value"), [(".inf", math.inf), ("-.Inf", -math.inf), ("+.INF", math.inf)]
)
def test_infinities(written: str, value: float) -> None:
    assert read(f"v: {written}\n").data["v"] == value


def test_not_a_number() -> None:
    assert math.isnan(read("v: .nan\n").data["v"])


def test_block_scalars_are_text() -> None:
    doc = read("a: |\n  one\n  two\nb: >-\n  three\n  four\n")
    assert doc.data == {"a": "one\ntwo\n", "b": "three four"}
    assert where(doc)[("b",)] == (4, 4)


def test_keys_are_text_as_written() -> None:
    doc = read("1: a\ntrue: b\nnull: c\n'x': d\n")
    assert doc.data == {"1": "a", "true": "b", "null": "c", "x": "d"}


def test_number_too_long() -> None:
    assert resolve_scalar("9" * 40, True) == int("9" * 40)
    with pytest.raises(ValueError, match="number of 41 digits is too long"):
        resolve_scalar("9" * 41, True)
    assert resolve_scalar("9" * 41, False) == "9" * 41


# --- refused -------------------------------------------------------------------------------------


def test_duplicate_key_points_at_the_second_one() -> None:
    assert problems("a:\n  b: 1\n  c: 2\n  b: 3\n") == [
        "f.yaml:4:3: error[yaml-duplicate-key]: duplicate key 'b' (first at line 2); keep one of them"
    ]


def test_same_key_in_two_mappings_is_fine() -> None:
    assert read("a: {x: 1}\nb: {x: 2}\n").data == {"a": {"x": 1}, "b": {"x": 2}}


def test_complex_keys_are_refused() -> None:
    assert problems("? [a, b]\n: 1\n") == [
        "f.yaml:1:3: error[yaml-key]: a key must be plain text, not a list or mapping"
    ]
    assert problems("x: {{a: 1}: 2}\n") == [
        "f.yaml:1:5: error[yaml-key]: a key must be plain text, not a list or mapping"
    ]


def test_top_level_must_be_a_mapping() -> None:
    assert problems("- a\n- b\n") == [
        "f.yaml:1:1: error[yaml-not-mapping]: the top level is a list, not a mapping of fields; write 'field: value' lines"
    ]
    assert problems("# only a comment\n") == [
        "f.yaml:1:1: error[yaml-empty]: the file holds no record; write the record's fields, starting with 'id:'"
    ]


def test_tab_position() -> None:
    assert problems("a: 1\nb:\n\tc: 2\n") == [
        "f.yaml:3:1: error[yaml-tab]: tab character; indent and separate with spaces"
    ]


def test_control_character_is_a_syntax_error() -> None:
    [line] = problems("a: 1\nb: x\x01y\n")
    # libyaml says "control characters", the pure-Python reader "special characters"
    assert line.startswith("f.yaml:2:5: error[yaml-syntax]: invalid YAML: ")
    assert line.endswith(" characters are not allowed; remove control characters")


def test_control_character_column_counts_characters() -> None:
    """libyaml reports this one as a byte offset: 'ắ' is 3 bytes, 1 column."""
    [line] = problems("a: Bắc Ninh \x01\n")
    assert line.startswith("f.yaml:1:13: error[yaml-syntax]: ")


# --- bytes -------------------------------------------------------------------------------------


def test_invalid_utf8_points_at_the_bad_byte() -> None:
    text, diags = decode("a: 1\nb: Bắc \xff".encode()[:-2] + b"\xff", "f.yaml")
    assert text is None
    assert [d.text() for d in diags] == [
        "f.yaml:2:8: error[encoding]: invalid UTF-8 byte 0xff; save the file as UTF-8"
    ]


def test_invalid_utf8_after_a_byte_order_mark() -> None:
    """Editors hide the mark: it takes no column."""
    _, diags = decode(b"\xef\xbb\xbfa: \xff\n", "f.yaml")
    assert [d.text() for d in diags] == [
        "f.yaml:1:4: error[encoding]: invalid UTF-8 byte 0xff; save the file as UTF-8"
    ]


def test_decode_refuses_oversize(monkeypatch: pytest.MonkeyPatch) -> None:
    from vnus_kb.knowledge.read import yamlread

    monkeypatch.setattr(yamlread, "MAX_BYTES", 10)
    text, diags = decode(b"a: 12345678\n", "f.yaml")
    assert text is None
    assert [d.text() for d in diags] == [
        "f.yaml: error[file-too-large]: file is 12 bytes, more than the limit of 10; split it or shorten it"
    ]


# --- sources: front matter and body ------------------------------------------------------------


def test_front_matter_lines_are_the_file_lines() -> None:
    text = "---\nid: s\nlanguage: en\n---\nFirst line.\nSecond.\n"
    fm, body, body_line = split_source(text) or ("", "", 0)
    assert body == "First line.\nSecond.\n"
    assert body_line == 5
    doc = read(fm)
    assert keys(doc) == {("id",): (2, 1), ("language",): (3, 1)}


def test_front_matter_with_crlf_and_trailing_spaces() -> None:
    text = "--- \r\nid: s\r\n---  \r\nBody.\r\n"
    fm, body, body_line = split_source(text) or ("", "", 0)
    assert (body, body_line) == ("Body.\r\n", 4)
    assert keys(read(fm))[("id",)] == (2, 1)


@pytest.mark.parametrize("text", ["no front matter\n", "---\nid: s\n", "---", ""])
def test_no_or_unclosed_front_matter(text: str) -> None:
    assert split_source(text) is None
