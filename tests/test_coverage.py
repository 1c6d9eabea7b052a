"""`vnus-kb coverage`: per source, the sentences no record cites."""

from __future__ import annotations

from pathlib import Path

from vnus_kb.knowledge.checks.coverage import sentences

from .conftest import FIXTURES, run_cli


def test_sentences_split_on_marks_but_not_abbreviations() -> None:
    body = "U.S. President Joe Biden came. Dr. Loi Nguyen said “yes.” Synopsys Inc. grew!\nA line without a stop"
    got = [body[a:b] for a, b in sentences(body)]
    assert got == ["U.S. President Joe Biden came.", "Dr. Loi Nguyen said “yes.”", "Synopsys Inc. grew!", "A line without a stop"]


def test_coverage_lists_uncited_sentences_with_their_line(kb_copy: Path) -> None:
    code, out, _ = run_cli("coverage", str(FIXTURES / "kb"))
    assert code == 0
    assert out.splitlines() == [
        "seeds/sample-2023.md: 92% of 12 sentences cited",
        "  seeds/sample-2023.md:13: uncited fact: Chips and talks in Hanoi",
        "total: 11/12 sentences cited (91.7%); factual sentences cited: 11/12",
    ]
    assert run_cli("coverage", str(FIXTURES / "kb"), "--check")[0] == 1


def test_coverage_tells_rhetoric_from_facts(kb_copy: Path) -> None:
    seed = kb_copy / "seeds" / "sample-2023.md"
    seed.write_text(seed.read_text(encoding="utf-8") + "This is a bright moment for everyone.\n", encoding="utf-8")
    _code, out, _ = run_cli("coverage", str(kb_copy))
    assert "uncited, no checkable fact (opinion or rhetoric): This is a bright moment for everyone." in out
