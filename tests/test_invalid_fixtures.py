"""Every malformed or hostile record file gives exactly the expected diagnostics.

Each fixture under fixtures/invalid/<folder>/ is dropped into a copy of the valid fixture
knowledge base; fixtures/invalid/EXPECTED.txt holds, per fixture, the exit status and the
exact lines `vnus-kb validate` must print. Regenerate with VNUS_KB_UPDATE_GOLDEN=1 and review.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from .conftest import FIXTURES, REPO, run_cli

INVALID = FIXTURES / "invalid"
GOLDEN = INVALID / "EXPECTED.txt"
CASES = sorted(p.relative_to(INVALID).as_posix() for p in INVALID.rglob("*.yaml"))


def parse_golden() -> dict[str, tuple[int, list[str]]]:
    blocks: dict[str, tuple[int, list[str]]] = {}
    current = None
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        m = re.fullmatch(r"== (\S+) \(exit (\d)\)", line)
        if m:
            current = m.group(1)
            blocks[current] = (int(m.group(2)), [])
        elif line and current:
            blocks[current][1].append(line)
    return blocks


def run_case(case: str, root: Path) -> tuple[int, list[str]]:
    shutil.copy(INVALID / case, root / "data" / case)
    code, out, _ = run_cli("validate", str(root))
    return code, out.splitlines()


def test_golden_file_lists_every_fixture(tmp_path: Path) -> None:
    if os.environ.get("VNUS_KB_UPDATE_GOLDEN"):
        text = []
        for case in CASES:
            root = tmp_path / case.replace("/", "_")
            shutil.copytree(FIXTURES / "kb", root)
            code, lines = run_case(case, root)
            text.append(f"== {case} (exit {code})\n" + "".join(f"{x}\n" for x in lines))
        GOLDEN.write_text("\n".join(text), encoding="utf-8")
    assert sorted(parse_golden()) == CASES
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES)
def test_fixture_diagnostics(case: str, kb_copy: Path) -> None:
    expected_code, expected = parse_golden()[case]
    code, lines = run_case(case, kb_copy)
    assert lines == expected
    assert code == expected_code


def test_every_diagnostic_code_is_exercised() -> None:
    """Each code the package can emit appears in a fixture or in a test below."""
    source = "".join(p.read_text() for p in (REPO / "src" / "vnus_kb").rglob("*.py"))
    codes = set(re.findall(r'(?:error|warning)\(\s*"([a-z0-9-]+)"', source))
    golden = GOLDEN.read_text(encoding="utf-8")
    tests = "".join(p.read_text() for p in (REPO / "tests").glob("test_*.py"))
    missing = sorted(c for c in codes if f"[{c}]" not in golden and f"[{c}]" not in tests)
    assert not missing, f"no fixture or test shows these codes: {missing}"
