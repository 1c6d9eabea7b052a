from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from vnus_kb.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of the small, valid fixture knowledge base."""
    root = tmp_path / "kb"
    shutil.copytree(FIXTURES / "kb", root)
    return root
