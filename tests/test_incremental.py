"""The edit loop's incremental regeneration: after each edit, the pages it keeps and the pages it
renders again are byte for byte those of a full render of the edited knowledge base."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vnus_kb.knowledge.build import BuildCache, build
from vnus_kb.knowledge.diagnostics import format_text, has_errors
from vnus_kb.knowledge.kb import KnowledgeBase
from vnus_kb.site.incremental import affected, all_paths, update
from vnus_kb.site.markup.page import Page
from vnus_kb.site.outputs import export
from vnus_kb.site.outputs.export import Dumps, exports
from vnus_kb.site.pages import render

from .conftest import FIXTURES


def load(root: Path) -> KnowledgeBase:
    kb, diags = build(root)
    assert not has_errors(diags), format_text(diags)
    return kb


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


NEW_ORG = """id: acme-chips
name: Acme Chips
type: company
country: VN
headquarters: bac-ninh
sources:
  - source: sample-2023
    quote: Nvidia is working with FPT
provenance:
  country: {basis: outside, how: "A made-up company of this test."}
  headquarters: {basis: outside, how: "A made-up company of this test."}
"""


def step_value(root: Path) -> None:
    edit(root, "data/organizations/amkor.yaml", "packaging and test company", "packaging, test and edited company")


def step_add(root: Path) -> None:
    (root / "data/organizations/acme-chips.yaml").write_text(NEW_ORG, encoding="utf-8")


def step_reference(root: Path) -> None:
    edit(root, "data/organizations/nvidia.yaml", "country: US\n", "country: US\nheadquarters: hanoi\n")
    edit(root, "data/organizations/nvidia.yaml", "provenance:\n",
         "provenance:\n  headquarters: {basis: outside, how: \"Where this test puts it.\"}\n")


def step_alias(root: Path) -> None:  # a source no record cites now links the new alias
    edit(root, "data/organizations/nvidia.yaml", "name: Nvidia\n", "name: Nvidia\naliases: [Team Green]\n")


def step_rename(root: Path) -> None:  # the name, shown on referrers, overviews and source pages
    edit(root, "data/organizations/nvidia.yaml", "name: Nvidia\n", "name: Nvidia Corporation\n")


def step_rename_id(root: Path) -> None:  # the id: a new file, a new page; the old page goes
    old = root / "data/organizations/acme-chips.yaml"
    (root / "data/organizations/acme-semiconductor.yaml").write_text(
        old.read_text(encoding="utf-8").replace("id: acme-chips", "id: acme-semiconductor"), encoding="utf-8")
    old.unlink()


def step_remove(root: Path) -> None:
    (root / "data/organizations/acme-semiconductor.yaml").unlink()


STEPS = [step_value, step_add, step_reference, step_alias, step_rename, step_rename_id, step_remove]

OTHER_SOURCE = """---
id: other-2024
title: Graphics makers
publisher: Sample Wire
published: '2024-01-02'
language: en
original_file: other.txt
---
Team Green sells graphics chips. Amkor Technology packages them.
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    dest = tmp_path / "kb"
    shutil.copytree(FIXTURES / "kb", dest)
    (dest / "seeds" / "other-2024.md").write_text(OTHER_SOURCE, encoding="utf-8")  # cited by no record
    return dest


def test_each_edit_gives_the_pages_of_a_full_render(root: Path) -> None:
    kb = load(root)
    pages: dict[str, Page] = render(kb)
    for step in STEPS:
        step(root)
        new = load(root)
        incremental, changed = update(kb, pages, new)
        full = render(new)
        assert list(incremental) == list(full), step.__name__
        wrong = [p for p in full if incremental[p] != full[p]]
        assert not wrong, f"after {step.__name__}, these pages differ from a full render: {wrong}"
        assert changed == {p for p in full if pages.get(p) != full[p]}, step.__name__
        redone = affected(kb, new)
        assert redone is not None and len(redone) < len(all_paths(new)), (step.__name__, redone)
        kb, pages = new, incremental


def test_what_each_edit_changes(root: Path) -> None:
    kb = load(root)
    pages = render(kb)
    seen: dict[str, set[str]] = {}
    for step in STEPS:
        step(root)
        new = load(root)
        pages, seen[step.__name__] = update(kb, pages, new)
        kb = new
    assert "organizations/amkor.md" in seen["step_value"]
    assert {"organizations/acme-chips.md", "places/bac-ninh.md", "organizations/index.md"} <= seen["step_add"]
    assert {"organizations/nvidia.md", "places/hanoi.md"} <= seen["step_reference"]
    assert "sources/other-2024.md" in seen["step_alias"]  # "Team Green" is now a link
    assert "sources/other-2024.md" not in seen["step_value"]
    # a new name: its page, a referrer (the partnership), the overview, the source that names it
    assert {"organizations/nvidia.md", "partnerships/nvidia-fpt.md", "organizations/index.md",
            "sources/sample-2023.md"} <= seen["step_rename"]
    assert "organizations/acme-semiconductor.md" in seen["step_rename_id"]
    assert "organizations/acme-chips.md" not in pages
    assert "organizations/acme-semiconductor.md" not in pages and "places/bac-ninh.md" in seen["step_remove"]


def test_no_edit_renders_nothing_again(root: Path) -> None:
    kb = load(root)
    assert affected(kb, load(root)) == set()


def test_a_source_edit_renders_everything(root: Path) -> None:
    kb = load(root)
    seed = root / "seeds/sample-2023.md"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nA sentence added to the article.\n", encoding="utf-8")
    assert affected(kb, load(root)) is None


def test_the_downloads_kept_between_edits_are_those_of_a_full_build(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The edit loop's downloads serialise again only the records an edit changed (export.Dumps)."""
    dumped: list[str] = []
    real = export._dump
    monkeypatch.setattr(export, "_dump", lambda record: (dumped.append(record.id), real(record))[1])
    cache, dumps = BuildCache(), Dumps()
    for step in [None, *STEPS]:
        if step is not None:
            step(root)
        kb, diags = build(root, cache=cache)
        assert not has_errors(diags), format_text(diags)
        dumped.clear()
        kept = exports(kb, dumps)
        if step is step_value:
            assert dumped == ["amkor"], dumped  # the one record the edit changed
        assert kept == exports(kb), f"after {step and step.__name__}, the kept downloads differ from a fresh export"
