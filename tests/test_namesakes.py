"""The near-duplicate guard: quiet on Vietnamese namesakes, loud on typos, spacing and diacritics."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from vnus_kb.knowledge.vietnamese import is_syllable

from .conftest import run_cli

QUOTE = "Prime Minister Pham Minh Chinh met U.S. President Joe Biden"


def add_person(root: Path, rid: str, name: str) -> None:
    data = {"id": rid, "name": name, "sources": [{"source": "sample-2023", "quote": QUOTE}]}
    (root / "data" / "people" / f"{rid}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def validate(root: Path, a: str, b: str) -> list[str]:
    add_person(root, "person-a", a)
    add_person(root, "person-b", b)
    _, out, _ = run_cli("validate", str(root))
    return out.splitlines()


@pytest.mark.parametrize(("a", "b"), [
    ("Vu Van Duc Ha", "Vu Van Duc Thao"),  # the most common family and middle names, another given name
    ("Nguyen Van An", "Nguyen Van Anh"),  # An and Anh are two given names, not a typo of one another
    ("Nguyễn Văn Thành", "Nguyễn Văn Thanh Tùng"),  # not near enough to begin with
    ("Lê Thị Hương", "Lê Thị Phương"),
    ("Nguyen Thi Mai Lan", "Nguyen Thi Mai Linh"),
    ("Trần Minh Hùng", "Trần Minh Hưng"),  # one key once folded, but both written with their marks: two names
    ("Hoang Duc Minh Quan", "Hoang Duc Minh Quang"),
])
def test_namesakes_are_not_flagged(kb_copy: Path, a: str, b: str) -> None:
    assert validate(kb_copy, a, b) == []


def test_a_typo_in_the_given_name_is_flagged(kb_copy: Path) -> None:
    assert validate(kb_copy, "Nguyen Van Thanh", "Nguyen Van Thahn") == [
        "data/people/person-a.yaml:2:7: warning[duplicate-name]: 'Nguyen Van Thanh' is nearly the same as 'Nguyen Van Thahn' "
        "of person 'person-b' (data/people/person-b.yaml:2:7); merge the two records, or add 'distinct_from: [person-b]' "
        "if they are different things",
        "data/people/person-b.yaml:2:7: warning[duplicate-name]: 'Nguyen Van Thahn' is nearly the same as 'Nguyen Van Thanh' "
        "of person 'person-a' (data/people/person-a.yaml:2:7); merge the two records, or add 'distinct_from: [person-a]' "
        "if they are different things",
    ]


@pytest.mark.parametrize(("a", "b", "how"), [
    ("Nguyen Van Thanh", "Nguyễn Văn Thành", "error[duplicate-name]: 'Nguyen Van Thanh' is the same name as 'Nguyễn Văn Thành'"),
    ("Nguyễn Văn Thành", "Nguyễn Văn Thanh", "error[duplicate-name]: 'Nguyễn Văn Thành' is the same name as 'Nguyễn Văn Thanh'"),
    ("Nguyen Van Thanh", "NguyenVan Thanh", "warning[duplicate-name]: 'Nguyen Van Thanh' is nearly the same as 'NguyenVan Thanh'"),
    ("Nguyen Van Thanh", "Nguyen Van Thanhh", "warning[duplicate-name]: 'Nguyen Van Thanh' is nearly the same as 'Nguyen Van Thanhh'"),
    ("Nguyen Van Thanh", "Ngyuen Van Thanh", "warning[duplicate-name]: 'Nguyen Van Thanh' is nearly the same as 'Ngyuen Van Thanh'"),
    ("Vu Van Duc Ha", "Vu Van Duc Hha", "warning[duplicate-name]: 'Vu Van Duc Ha' is nearly the same as 'Vu Van Duc Hha'"),
])
def test_spelling_variants_of_one_name_are_flagged(kb_copy: Path, a: str, b: str, how: str) -> None:
    lines = validate(kb_copy, a, b)
    assert len(lines) == 2
    assert lines[0].startswith(f"data/people/person-a.yaml:2:7: {how} of person 'person-b'")


def test_syllables() -> None:
    for word in ("nguyen", "thanh", "an", "anh", "quang", "giang", "huong", "khuyen", "uyen", "huynh", "thuy", "xuan"):
        assert is_syllable(word), word
    for typo in ("thahn", "nguyn", "ngyuen", "nugyen", "thnah", "thanhh", "hha", "nguyenvan"):
        assert not is_syllable(typo), typo
