"""File-level problems, each made in a copy of the valid fixture knowledge base.

Every test states the exact lines `vnus-kb validate` prints and its exit status:
0 clean (warnings allowed), 1 invalid data, 2 usage or I/O error.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from vnus_kb.knowledge.read import load, positions, yamlread

from .conftest import FIXTURES, run_cli

ORG = FIXTURES / "kb" / "data" / "organizations"
KINDS = "agreements, discrepancies, events, indicators, investments, organizations, partnerships, people, places, programmes, targets"


def validate(root: Path, *options: str) -> tuple[int, list[str]]:
    code, out, err = run_cli("validate", str(root), *options)
    assert "Traceback" not in err
    return code, out.splitlines()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_fixture_kb_is_clean(kb_copy: Path) -> None:
    assert validate(kb_copy) == (0, [])


# --- files that are not read -------------------------------------------------------------


def test_file_over_one_mebibyte(kb_copy: Path) -> None:
    (kb_copy / "data/organizations/big.yaml").write_bytes(
        b"# padding\n" * (yamlread.MAX_BYTES // 10 + 1)
    )
    assert validate(kb_copy) == (
        1,
        [
            "data/organizations/big.yaml: error[file-too-large]: file is 1,048,580 bytes, more than the limit "
            "of 1,048,576; split it or shorten it",
        ],
    )


def test_file_of_exactly_the_limit_is_read(kb_copy: Path) -> None:
    text = (ORG / "synopsys.yaml").read_bytes()
    (kb_copy / "data/organizations/synopsys.yaml").write_bytes(
        text + b"#" * (yamlread.MAX_BYTES - len(text))
    )
    assert validate(kb_copy) == (0, [])


def test_symbolic_link_to_a_record_is_refused(kb_copy: Path) -> None:
    (kb_copy / "data/organizations/link.yaml").symlink_to(kb_copy / "data/organizations/fpt.yaml")
    (kb_copy / "data/organizations/dangling.yaml").symlink_to(kb_copy / "nowhere.yaml")
    assert validate(kb_copy) == (
        1,
        [
            "data/organizations/dangling.yaml: error[file-not-regular]: symbolic links are not read; commit the file itself",
            "data/organizations/link.yaml: error[file-not-regular]: symbolic links are not read; commit the file itself",
        ],
    )


def test_symbolic_link_to_the_data_folder_is_refused(kb_copy: Path) -> None:
    (kb_copy / "data").rename(kb_copy / "real-data")
    (kb_copy / "data").symlink_to(kb_copy / "real-data")
    assert validate(kb_copy) == (
        1,
        [
            "data: error[file-not-regular]: symbolic links are not read; commit the folder itself",
        ],
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_not_opened(kb_copy: Path) -> None:
    os.mkfifo(kb_copy / "data/organizations/pipe.yaml")  # opening it would block for ever
    assert validate(kb_copy) == (
        1,
        [
            "data/organizations/pipe.yaml: error[file-not-regular]: not a regular file",
        ],
    )


def test_yml_extension_is_misplaced(kb_copy: Path) -> None:
    shutil.move(
        kb_copy / "data/organizations/synopsys.yaml", kb_copy / "data/organizations/synopsys.yml"
    )
    (kb_copy / "data/organizations/notes.txt").write_text("to do\n")
    assert validate(kb_copy) == (
        1,
        [
            "data/organizations/notes.txt: error[file-misplaced]: 'notes.txt' is not a .yaml file; records are .yaml files",
            "data/organizations/synopsys.yml: error[file-misplaced]: 'synopsys.yml' is not a .yaml file; "
            "rename it to synopsys.yaml",
        ],
    )


def test_record_at_top_of_data_is_misplaced(kb_copy: Path) -> None:
    shutil.move(kb_copy / "data/organizations/synopsys.yaml", kb_copy / "data/synopsys.yaml")
    # notes beside the folders are fine
    (kb_copy / "data/README.md").write_text("# About the data\n")
    (kb_copy / "data/.DS_Store").write_bytes(b"\0\1")  # hidden files are not looked at
    assert validate(kb_copy) == (
        1,
        [
            f"data/synopsys.yaml: error[file-misplaced]: a record must live in a folder of its kind; move it into one of: {KINDS}",
        ],
    )


def test_records_in_a_sub_folder_are_misplaced(kb_copy: Path) -> None:
    (kb_copy / "data/organizations/us").mkdir()
    shutil.move(
        kb_copy / "data/organizations/synopsys.yaml",
        kb_copy / "data/organizations/us/synopsys.yaml",
    )
    assert validate(kb_copy) == (
        1,
        [
            "data/organizations/us: error[file-misplaced]: records are not read from sub-folders; "
            "put the files directly in organizations/",
        ],
    )


def test_unknown_folder_suggests_the_kind_meant(kb_copy: Path) -> None:
    for name in ("organisation", "Places", "person", "misc"):
        (kb_copy / "data" / name).mkdir()
    shutil.move(
        kb_copy / "data/organizations/synopsys.yaml", kb_copy / "data/organisation/synopsys.yaml"
    )
    assert validate(kb_copy) == (
        1,
        [
            "data/Places: error[folder-unknown]: 'Places' is not a kind of record; did you mean 'places'?",
            f"data/misc: error[folder-unknown]: 'misc' is not a kind of record; use one of: {KINDS}",
            "data/organisation: error[folder-unknown]: 'organisation' is not a kind of record; did you mean 'organizations'?",
            "data/person: error[folder-unknown]: 'person' is not a kind of record; did you mean 'people'?",
        ],
    )


def test_unreadable_file(kb_copy: Path) -> None:
    path = kb_copy / "data/organizations/synopsys.yaml"
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything
        pytest.skip("this user can read a file of mode 000")
    assert validate(kb_copy) == (
        1,
        [
            "data/organizations/synopsys.yaml: error[file-unreadable]: cannot read: Permission denied",
        ],
    )


def test_file_failing_to_open(kb_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whoever runs the tests (root reads a file of mode 000): an open() that fails is reported."""
    real_open = os.open

    def failing_open(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        if Path(path).name == "synopsys.yaml":
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(load.os, "open", failing_open)
    assert validate(kb_copy) == (
        1,
        [
            f"data/organizations/synopsys.yaml: error[file-unreadable]: cannot read: {os.strerror(errno.EIO)}",
        ],
    )


def test_unreadable_folder(kb_copy: Path) -> None:
    folder = kb_copy / "data/organizations"
    folder.chmod(0)
    try:
        if os.access(folder, os.R_OK):
            pytest.skip("this user can list a folder of mode 000")
        code, lines = validate(kb_copy)
    finally:
        folder.chmod(0o755)
    assert code == 1
    assert "data/organizations: error[file-unreadable]: cannot read: Permission denied" in lines


def test_too_many_files(kb_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "MAX_FILES", 3)
    code, lines = validate(kb_copy)
    assert code == 1
    assert (
        "data/events/hanoi-talks-2023.yaml: error[too-many-files]: more than 3 record files"
        in lines
    )


# --- YAML that is refused as a whole -------------------------------------------------------


def test_complex_mapping_key(kb_copy: Path) -> None:
    path = kb_copy / "data/organizations/synopsys.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "? [a, b]\n: 1\n", encoding="utf-8")
    assert validate(kb_copy) == (
        1,
        [
            "data/organizations/synopsys.yaml:13:3: error[yaml-key]: a key must be plain text, not a list or mapping",
        ],
    )


def test_flow_mapping_as_key(kb_copy: Path) -> None:
    edit(kb_copy / "data/organizations/synopsys.yaml", "type: company", "{type: company}: x")
    assert validate(kb_copy) == (
        1,
        [
            "data/organizations/synopsys.yaml:4:1: error[yaml-key]: a key must be plain text, not a list or mapping",
        ],
    )


def test_too_many_values(kb_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(positions, "MAX_NODES", 100)  # the fixtures hold fewer than 60 each
    monkeypatch.setattr(yamlread, "MAX_NODES", 100)  # the fast read's own name of the limit
    path = kb_copy / "data/organizations/synopsys.yaml"
    aliases = "".join(f"  - Synopsys {i}\n" for i in range(120))
    edit(path, "aliases: [Synopsys Inc., Sypsys]\n", "aliases:\n" + aliases)
    # keys count too: the mapping, id: x, name: x, aliases: [ make 7 nodes, so alias 94 (line 97) is the 101st
    assert validate(kb_copy) == (
        1,
        [
            "data/organizations/synopsys.yaml:97:5: error[yaml-too-large]: more than 100 values in one file; split the record",
        ],
    )


# --- sources ---------------------------------------------------------------------------------


def test_source_without_front_matter(kb_copy: Path) -> None:
    (kb_copy / "seeds/notes.md").write_text("Some notes, no metadata.\n", encoding="utf-8")
    assert validate(kb_copy) == (
        1,
        [
            "seeds/notes.md:1:1: error[source-front-matter]: no front matter; start the file with '---', "
            "the metadata (id, title, language, original_file), '---'",
        ],
    )


def test_source_with_unclosed_front_matter(kb_copy: Path) -> None:
    (kb_copy / "seeds/open.md").write_text("---\nid: open\nlanguage: en\n", encoding="utf-8")
    assert validate(kb_copy) == (
        1,
        [
            "seeds/open.md:1:1: error[source-front-matter]: the front matter has no closing '---' line; "
            "end the metadata with a line of '---', then the article text",
        ],
    )


def test_other_files_in_seeds_are_misplaced(kb_copy: Path) -> None:
    (kb_copy / "seeds/sample.txt").write_text("the original\n", encoding="utf-8")
    (kb_copy / "seeds/archive").mkdir()
    assert validate(kb_copy) == (
        1,
        [
            "seeds/archive: error[file-misplaced]: 'archive' is not a source (.md file); a source is seeds/<id>.md",
            "seeds/sample.txt: error[file-misplaced]: 'sample.txt' is not a source (.md file); a source is seeds/<id>.md",
        ],
    )


def test_chrome_span_that_is_not_a_line(kb_copy: Path) -> None:
    edit(kb_copy / "seeds/sample-2023.md", "- start: 'Menu | Log in'", "- start: 'Menu | Log'")
    # line 9 of the file, as an editor counts: the front matter's lines are the file's lines
    assert validate(kb_copy) == (
        1,
        [
            "seeds/sample-2023.md:9:3: error[chrome-not-found]: this chrome span's start or end is not a whole "
            "line of the text; copy the line exactly as it stands in the article",
        ],
    )


def test_error_in_front_matter_points_at_its_file_line(kb_copy: Path) -> None:
    edit(kb_copy / "seeds/sample-2023.md", "language: en", "language: english")
    assert validate(kb_copy) == (
        1,
        [
            "seeds/sample-2023.md:6:11: error[schema-value]: language 'english' is not a two-letter ISO 639-1 "
            "language code; write it like 'en' or 'vi'",
        ],
    )


def test_yaml_error_in_front_matter_points_at_its_file_line(kb_copy: Path) -> None:
    edit(kb_copy / "seeds/sample-2023.md", "publisher: Sample Wire", "publisher: Sample: Wire")
    assert validate(kb_copy) == (
        1,
        [
            "seeds/sample-2023.md:4:18: error[yaml-syntax]: invalid YAML: mapping values are not allowed in this "
            "context; quote the value if it contains ': '",
        ],
    )


# --- across records ----------------------------------------------------------------------------


def test_same_id_in_two_folders(kb_copy: Path) -> None:
    (kb_copy / "data/places/synopsys.yaml").write_text(
        "id: synopsys\nname: Synopsys Campus\ntype: site\nsources:\n  - source: sample-2023\n"
        "    quote: Synopsys Inc. launched a design center\n",
        encoding="utf-8",
    )
    # reported on the file read second (folders in name order), naming the first
    assert validate(kb_copy) == (
        1,
        [
            "data/places/synopsys.yaml:1:5: error[id-duplicate]: id 'synopsys' is also used by "
            "data/organizations/synopsys.yaml; ids are unique across all kinds: choose another",
        ],
    )


def test_record_that_refers_to_itself(kb_copy: Path) -> None:
    edit(
        kb_copy / "data/organizations/fpt-university.yaml", "parent: fpt", "parent: fpt-university"
    )
    assert validate(kb_copy) == (
        1,
        [
            "data/organizations/fpt-university.yaml:5:9: error[ref-self]: parent refers to the record itself",
        ],
    )


def test_distinct_from_itself(kb_copy: Path) -> None:
    edit(
        kb_copy / "data/organizations/synopsys.yaml",
        "type: company",
        "type: company\ndistinct_from: [fpt, synopsys]",
    )
    assert validate(kb_copy) == (
        1,
        [
            "data/organizations/synopsys.yaml:5:22: error[ref-self]: distinct_from refers to the record itself",
        ],
    )


def test_several_problems_in_one_file_all_reported_in_order(kb_copy: Path) -> None:
    (kb_copy / "data/organizations/acme.yaml").write_text(
        "id: acme\n"
        "name: Acme\n"
        "type: compny\n"
        "country: vn\n"
        "parent: synopsis\n"
        "sources:\n"
        "  - source: sample-2023\n"
        "    quote: this sentence is nowhere in the article\n",
        encoding="utf-8",
    )
    code, lines = validate(kb_copy)
    assert code == 1
    # both schema errors, and the unknown parent and the misquote of the refused record too
    assert lines == [
        "data/organizations/acme.yaml:3:7: error[schema-value]: type 'compny' is not one of the allowed values; "
        "did you mean 'company'?",
        "data/organizations/acme.yaml:4:10: error[schema-value]: country: 'vn' is not an ISO 3166 alpha-2 country "
        "code (such as 'VN' or 'US')",
        "data/organizations/acme.yaml:5:9: error[ref-unknown]: parent 'synopsis' is not a record; did you mean 'synopsys'?",
        "data/organizations/acme.yaml:8:12: error[quote-not-found]: quote not in source 'sample-2023'; closest passage "
        "(54%): \"“Make in Vietnam” chip; another article says\"; copy the words exactly as the source has them",
    ]


def test_refused_record_is_not_reported_again_by_its_referrers(kb_copy: Path) -> None:
    """nvidia-fpt refers to nvidia: while nvidia.yaml is broken, only nvidia.yaml is reported."""
    edit(kb_copy / "data/organizations/nvidia.yaml", "type: company", "type: chipmaker")
    assert validate(kb_copy) == (
        1,
        [
            "data/organizations/nvidia.yaml:3:7: error[schema-value]: type 'chipmaker' is not one of the allowed values; "
            "use one of: company, government, ministry, agency, association, university, research, fund, "
            "political-party, media, international",
        ],
    )
    edit(kb_copy / "data/organizations/nvidia.yaml", "type: chipmaker", "type: [company")
    assert validate(kb_copy) == (
        1,
        [
            "data/organizations/nvidia.yaml:4:8: error[yaml-syntax]: invalid YAML: did not find expected ',' or ']'",
        ],
    )


def test_reference_to_a_missing_record_is_reported(kb_copy: Path) -> None:
    (kb_copy / "data/organizations/nvidia.yaml").unlink()
    assert validate(kb_copy) == (
        1,
        [
            "data/partnerships/nvidia-fpt.yaml:3:11: error[ref-unknown]: parties 'nvidia' is not a record; "
            "create a record with this id, or correct it",
        ],
    )


# --- the repository itself -----------------------------------------------------------------


def test_no_data_folder(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    assert validate(tmp_path) == (
        2,
        [
            "data: error[path-missing]: no data folder here; run from the repository root or name it: vnus-kb validate PATH",
        ],
    )


def test_neither_data_nor_seeds(tmp_path: Path) -> None:
    assert validate(tmp_path) == (
        2,
        [
            "data: error[path-missing]: no data folder here; run from the repository root or name it: vnus-kb validate PATH",
            "seeds: error[path-missing]: no seeds folder here; sources live in seeds/*.md",
        ],
    )


def test_empty_repository_warns(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "seeds").mkdir()
    warning = f"{tmp_path.as_posix()}: warning[empty]: no records and no sources found"
    assert validate(tmp_path) == (0, [warning])
    assert validate(tmp_path, "--strict") == (1, [warning])
