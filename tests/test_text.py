"""Folding of names and passages."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from vnus_kb.knowledge.text import (
    _normalise_any,
    _normalise_ascii,
    fold_name,
    normalise_passage,
    normalise_with_map,
    strip_accents,
    whole_words,
)


@given(st.text(alphabet=st.characters(max_codepoint=127, blacklist_characters="`")))
def test_ascii_fast_path_agrees_with_the_general_one(text: str) -> None:
    assert _normalise_ascii(text) == _normalise_any(text)


_SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())


@given(st.text(alphabet=st.sampled_from("aAzZ09'-.,“”‘’—đĐơƯạẠễỄ" + _SPACES)))
def test_vietnamese_and_any_white_space_fast_path_agrees_with_the_general_one(text: str) -> None:
    """Vietnamese text is NFKC and folds one to one: the fast path, with every kind of white space."""
    assert normalise_with_map(text) == _normalise_any(text)


def test_passages_fold_quotes_dashes_space_and_case() -> None:
    assert normalise_passage("Vietnam’s  “Make in\nVietnam” — chip") == normalise_passage("vietnam's \"make in vietnam\" - CHIP")


def test_names_fold_accents_lookalikes_and_suffixes() -> None:
    assert strip_accents("Phạm Minh Chính") == "Pham Minh Chinh"
    assert strip_accents("Đà Nẵng") == "Da Nang"
    assert fold_name("Synopsys Inc.") == fold_name("SYNOPSYS") == fold_name("Synopsуs")  # Cyrillic у
    assert fold_name("FPT Group") == fold_name("FPT") != fold_name("FPT University")
    # suffixes are dropped as whole words only, in any case, between any punctuation
    assert fold_name("The Coca-Cola Company") == "coca cola"
    assert fold_name("Sacombank (Holdings), Ltd.") == fold_name("sacombank holding") == "sacombank"
    assert fold_name("Cohen Theory Sagittarius") == "cohen theory sagittarius"


_PIECES = st.sampled_from(["Intel", "Intel Products", "Viet", "Vietnam", "Việt Nam", "US$", "1.6", "(ASEAN)", "_x",
                           " ", " ", ".", "'s", "-", "\n", "ạ", "\u0301", "a"])
_PHRASES = st.lists(_PIECES, min_size=1, max_size=4).map("".join)


@given(st.lists(_PHRASES, min_size=1, max_size=8), st.lists(_PIECES, max_size=30).map("".join))
def test_whole_words_finds_what_the_regular_expression_finds(names: list[str], text: str) -> None:
    """The index by first word matches as the alternation of the names, longest first, would."""
    found = whole_words(names)
    wanted = sorted({n for n in names if n}, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, wanted)) + r")(?!\w)")
    expected = [(m.start(), m.end()) for m in pattern.finditer(text)]
    assert [(m.start(), m.end()) for m in (found.finditer(text) if found else [])] == expected
