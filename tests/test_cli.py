"""`vnus-kb validate` as a user and a CI workflow meet it: output formats, ordering, exit status."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, run_cli

INVALID = FIXTURES / "invalid"


def break_several(root: Path) -> None:
    """Four broken records (six errors), in three folders."""
    shutil.copy(INVALID / "organizations/unknown-field.yaml", root / "data/organizations")
    shutil.copy(INVALID / "investments/claim-uncited.yaml", root / "data/investments")
    (root / "data/organizations/acme.yaml").write_text(
        "id: acme\nname: Acme\ntype: compny\ncountry: vn\nsources:\n  - source: sample-2023\n"
        "    quote: Nvidia is working with FPT\n",
        encoding="utf-8",
    )
    (root / "data/places/nowhere.yaml").write_text(
        "id: nowhere\nname: Nowhere\ntype: city\nwithin: vietnm\nsources:\n  - source: sample-2023\n"
        "    quote: Vietnam aims to train 60,000 engineers by 2030\n",
        encoding="utf-8",
    )


SEVERAL = [
    "data/investments/claim-uncited.yaml:4:9: error[value-not-in-quote]: amount 1,600,000,000 USD is cited by no "
    'quote; looked for "$1.6 billion", "US$1.6-billion", "1.6 billion USD", "1,600,000,000"; add \'amount\' to the '
    "fields of the citation whose quote states it, or say how it was obtained: provenance: {amount: {basis: "
    "inferred or outside, how: ...}}",
    "data/organizations/acme.yaml:3:7: error[schema-value]: type 'compny' is not one of the allowed values; "
    "did you mean 'company'?",
    "data/organizations/acme.yaml:4:10: error[schema-value]: country: 'vn' is not an ISO 3166 alpha-2 country code "
    "(such as 'VN' or 'US')",
    "data/organizations/unknown-field.yaml:4:1: error[schema-unknown-field]: unknown field 'contry'; "
    "did you mean 'country'?",
    "data/places/nowhere.yaml:4:9: error[ref-unknown]: within 'vietnm' is not a record; did you mean 'vietnam'?",
    "data/places/nowhere.yaml:7:12: error[quote-not-found]: quote not in source 'sample-2023'; closest passage (98%): "
    '"Vietnam aims to train 50,000 engineers by 2030."; copy the words exactly as the source has them',
]


# --- text --------------------------------------------------------------------------------------


def test_clean_knowledge_base_prints_nothing_on_stdout() -> None:
    code, out, err = run_cli("validate", str(FIXTURES / "kb"))
    assert (code, out) == (0, "")
    assert err == "21 records, 1 sources: 0 error(s), 0 warning(s)\n"


def test_path_defaults_to_the_working_folder(
    kb_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    break_several(kb_copy)
    monkeypatch.chdir(kb_copy)
    code, out, _ = run_cli("validate")
    assert code == 1
    assert out.splitlines() == SEVERAL


def test_every_problem_of_several_files_in_one_run_sorted_by_file_and_line(kb_copy: Path) -> None:
    break_several(kb_copy)
    code, out, err = run_cli("validate", str(kb_copy))
    assert code == 1
    assert out.splitlines() == SEVERAL
    assert err == "23 records, 1 sources: 6 error(s), 0 warning(s)\n"


def test_order_is_by_line_number_not_text(kb_copy: Path) -> None:
    """Line 13 comes after line 2 (sorting the text would put ":13:" first)."""
    path = kb_copy / "data/organizations/synopsys.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = "name: Synopsys\u200b"  # line 2
    lines.append("contry: US")  # line 13
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = run_cli("validate", str(kb_copy))
    assert code == 1
    assert [line.split(": ")[0] for line in out.splitlines()] == [
        "data/organizations/synopsys.yaml:2:7",
        "data/organizations/synopsys.yaml:13:1",
    ]


def test_one_line_per_problem_whatever_the_data_holds(kb_copy: Path) -> None:
    """A newline or a terminal escape in a value is shown escaped, never printed raw."""
    (kb_copy / "data/organizations/x.yaml").write_text(
        'id: x\nname: X\ntype: "comp\\nany\\e[31m"\n"con\\rtry": US\nsources:\n  - source: sample-2023\n'
        "    quote: Nvidia is working with FPT\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli("validate", str(kb_copy))
    assert code == 1
    assert out.splitlines() == [
        "data/organizations/x.yaml:3:7: error[schema-value]: type 'comp\\nany\\x1b[31m' is not one of the allowed "
        "values; did you mean 'company'?",
        "data/organizations/x.yaml:4:1: error[schema-unknown-field]: unknown field 'con\\rtry'; "
        "did you mean 'country'?",
    ]


def test_strict_fails_on_warnings(kb_copy: Path) -> None:
    shutil.copy(INVALID / "places/near-duplicate.yaml", kb_copy / "data/places")
    code, out, _ = run_cli("validate", str(kb_copy))
    assert code == 0
    assert [line.split(": ", 2)[1] for line in out.splitlines()] == ["warning[duplicate-name]"] * 2
    code, strict_out, _ = run_cli("validate", "--strict", str(kb_copy))
    assert (code, strict_out) == (1, out)


def test_strict_passes_a_clean_knowledge_base() -> None:
    assert run_cli("validate", "--strict", str(FIXTURES / "kb")) == (
        0,
        "",
        "21 records, 1 sources: 0 error(s), 0 warning(s)\n",
    )


# --- usage errors --------------------------------------------------------------------------------


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    assert run_cli("validate", str(missing)) == (2, "", f"vnus-kb: '{missing}' is not a folder\n")


def test_path_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "data.yaml").write_text("id: x\n")
    code, out, err = run_cli("validate", str(tmp_path / "data.yaml"))
    assert (code, out) == (2, "")
    assert err == f"vnus-kb: '{tmp_path / 'data.yaml'}' is not a folder\n"


def test_folder_without_data_exits_2(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    code, out, _ = run_cli("validate", str(tmp_path))
    assert code == 2
    assert (
        out
        == "data: error[path-missing]: no data folder here; run from the repository root or name it: vnus-kb validate PATH\n"
    )


@pytest.mark.parametrize(
    "argv", [[], ["validate", "--format", "xml"], ["validate", "--no-such-option"], ["frobnicate"]]
)
def test_bad_command_line_exits_2_with_usage(argv: list[str]) -> None:
    code, out, err = run_cli(*argv)
    assert (code, out) == (2, "")
    assert err.startswith("usage: vnus-kb")
    assert "Traceback" not in err


# --- github ----------------------------------------------------------------------------------------


def test_github_annotations(kb_copy: Path) -> None:
    break_several(kb_copy)
    code, out, err = run_cli("validate", "--format", "github", str(kb_copy))
    assert code == 1
    assert err == ""  # the summary line is for people; a workflow reads stdout only
    assert out.splitlines() == [
        "::error file=data/investments/claim-uncited.yaml,line=4,col=9,title=value-not-in-quote::amount "
        '1,600,000,000 USD is cited by no quote; looked for "$1.6 billion", "US$1.6-billion", "1.6 billion USD", '
        '"1,600,000,000"; add \'amount\' to the fields of the citation whose quote states it, or say how it was '
        "obtained: provenance: {amount: {basis: inferred or outside, how: ...}}",
        "::error file=data/organizations/acme.yaml,line=3,col=7,title=schema-value::type 'compny' is not one of "
        "the allowed values; did you mean 'company'?",
        "::error file=data/organizations/acme.yaml,line=4,col=10,title=schema-value::country: 'vn' is not an "
        "ISO 3166 alpha-2 country code (such as 'VN' or 'US')",
        "::error file=data/organizations/unknown-field.yaml,line=4,col=1,title=schema-unknown-field::unknown "
        "field 'contry'; did you mean 'country'?",
        "::error file=data/places/nowhere.yaml,line=4,col=9,title=ref-unknown::within 'vietnm' is not a record; "
        "did you mean 'vietnam'?",
        "::error file=data/places/nowhere.yaml,line=7,col=12,title=quote-not-found::quote not in source "
        "'sample-2023'; closest passage (98%25): \"Vietnam aims to train 50,000 engineers by 2030.\"; "
        "copy the words exactly as the source has them",
    ]


def test_github_escapes_properties_and_message(kb_copy: Path) -> None:
    """'%', CR and LF are escaped everywhere; ':' and ',' too in properties (file=, title=)."""
    shutil.copy(
        kb_copy / "data/organizations/nvidia.yaml", kb_copy / "data/organizations/50%: a,b\nc.yml"
    )
    (kb_copy / "data/organizations/x.yaml").write_text(
        'id: x\nname: X\ntype: "100%\\r\\nsure, company: yes"\nsources:\n  - source: sample-2023\n'
        "    quote: Nvidia is working with FPT\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli("validate", "--format", "github", str(kb_copy))
    assert code == 1
    assert out.splitlines() == [
        "::error file=data/organizations/50%25%3A a%2Cb%0Ac.yml,title=file-misplaced::'50%25: a,b%0Ac.yml' is "
        "not a .yaml file; rename it to 50%25: a,b%0Ac.yaml",
        "::error file=data/organizations/x.yaml,line=3,col=7,title=schema-value::type '100%25%0D%0Asure, company: "
        "yes' is not one of the allowed values; did you mean 'company'?",
    ]


def test_github_clean_prints_nothing() -> None:
    assert run_cli("validate", "--format", "github", str(FIXTURES / "kb")) == (0, "", "")


# --- json ----------------------------------------------------------------------------------------


def test_json_is_a_list_of_problems(kb_copy: Path) -> None:
    break_several(kb_copy)
    shutil.copy(
        kb_copy / "data/organizations/nvidia.yaml", kb_copy / "data/organizations/nvidia.yml"
    )
    code, out, err = run_cli("validate", "--format", "json", str(kb_copy))
    assert (code, err) == (1, "")
    items = json.loads(out)
    assert isinstance(items, list)
    assert all(
        set(item) == {"level", "code", "message", "path", "line", "col", "hint"} for item in items
    )
    assert items[0] == {
        "level": "error",
        "code": "value-not-in-quote",
        "message": 'amount 1,600,000,000 USD is cited by no quote; looked for "$1.6 billion", "US$1.6-billion", '
                   '"1.6 billion USD", "1,600,000,000"',
        "hint": "add 'amount' to the fields of the citation whose quote states it, or say how it was obtained: "
                "provenance: {amount: {basis: inferred or outside, how: ...}}",
        "path": "data/investments/claim-uncited.yaml",
        "line": 4,
        "col": 9,
    }
    assert {
        "level": "error",
        "code": "file-misplaced",
        "message": "'nvidia.yml' is not a .yaml file",
        "hint": "rename it to nvidia.yaml",
        "path": "data/organizations/nvidia.yml",
        "line": 0,
        "col": 0,
    } in items
    # the same problems, in the same order, as the text format prints
    _, text, _ = run_cli("validate", str(kb_copy))
    as_text = []
    for d in items:
        where = f"{d['path']}:{d['line']}:{d['col']}" if d["line"] else d["path"]
        hint = f"; {d['hint']}" if d["hint"] else ""
        as_text.append(f"{where}: {d['level']}[{d['code']}]: {d['message']}{hint}")
    assert as_text == text.splitlines()


def test_json_clean_is_an_empty_list() -> None:
    code, out, _ = run_cli("validate", "--format", "json", str(FIXTURES / "kb"))
    assert (code, json.loads(out)) == (0, [])


def test_json_keeps_text_as_written(kb_copy: Path) -> None:
    shutil.copy(INVALID / "people/duplicate-diacritics.yaml", kb_copy / "data/people")
    code, out, _ = run_cli("validate", "--format", "json", str(kb_copy))
    assert code == 1
    assert "'Phạm Minh Chính' is the same name as 'Pham Minh Chinh'" in out  # not \u escapes
    assert [d["path"] for d in json.loads(out)] == [
        "data/people/duplicate-diacritics.yaml",
        "data/people/pham-minh-chinh.yaml",
    ]


# --- the installed command, end to end -------------------------------------------------------------


def console_script() -> list[str]:
    script = Path(sys.executable).parent / "vnus-kb"
    return [str(script)] if script.exists() else [sys.executable, "-m", "vnus_kb.cli"]


def run_real(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [*console_script(), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )


def test_console_script_exit_status(kb_copy: Path, tmp_path: Path) -> None:
    clean = run_real("validate", str(FIXTURES / "kb"))
    assert (clean.returncode, clean.stdout) == (0, "")
    assert clean.stderr == "21 records, 1 sources: 0 error(s), 0 warning(s)\n"

    break_several(kb_copy)
    broken = run_real("validate", cwd=kb_copy)
    assert broken.returncode == 1
    assert broken.stdout.splitlines() == SEVERAL

    missing = run_real("validate", str(tmp_path / "nowhere"))
    assert (missing.returncode, missing.stdout) == (2, "")
    assert missing.stderr == f"vnus-kb: '{tmp_path / 'nowhere'}' is not a folder\n"

    for result in (clean, broken, missing):
        assert "Traceback" not in result.stderr


def test_console_script_survives_hostile_source(kb_copy: Path) -> None:
    """Bad bytes and an unclosed front matter: diagnostics and exit 1, never a traceback."""
    (kb_copy / "seeds/broken.md").write_bytes(b"---\nid: broken\ntitle: caf\xe9\n")
    (kb_copy / "seeds/open.md").write_text("---\nid: open\n", encoding="utf-8")
    result = run_real("validate", str(kb_copy))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        "seeds/broken.md:3:11: error[encoding]: invalid UTF-8 byte 0xe9; save the file as UTF-8",
        "seeds/open.md:1:1: error[source-front-matter]: the front matter has no closing '---' line; "
        "end the metadata with a line of '---', then the article text",
    ]
