"""Folding of names and passages."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vnus_kb.knowledge.text import (
    _normalise_any,
    _normalise_ascii,
    fold_name,
    normalise_passage,
    strip_accents,
)


@given(st.text(alphabet=st.characters(max_codepoint=127, blacklist_characters="`")))
def test_ascii_fast_path_agrees_with_the_general_one(text: str) -> None:
    assert _normalise_ascii(text) == _normalise_any(text)


def test_passages_fold_quotes_dashes_space_and_case() -> None:
    assert normalise_passage("Vietnam’s  “Make in\nVietnam” — chip") == normalise_passage("vietnam's \"make in vietnam\" - CHIP")


def test_names_fold_accents_lookalikes_and_suffixes() -> None:
    assert strip_accents("Phạm Minh Chính") == "Pham Minh Chinh"
    assert strip_accents("Đà Nẵng") == "Da Nang"
    assert fold_name("Synopsys Inc.") == fold_name("SYNOPSYS") == fold_name("Synopsуs")  # Cyrillic у
    assert fold_name("FPT Group") == fold_name("FPT") != fold_name("FPT University")
