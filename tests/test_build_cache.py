"""build(root, cache=BuildCache()): the edit loop's rebuild reuses what it read of unchanged files,
and gives the knowledge base and diagnostics of a build without a cache, edit after edit."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from vnus_kb.knowledge.build import BuildCache, build
from vnus_kb.knowledge.diagnostics import Diagnostic
from vnus_kb.knowledge.kb import KnowledgeBase
from vnus_kb.knowledge.read import load, positions
from vnus_kb.knowledge.read.load import FileCache, FileSig, _File

from .conftest import REPO

ORGS = Path("data/organizations")


def same_kb(got: KnowledgeBase, want: KnowledgeBase) -> None:
    """Equal in everything a reader of the knowledge base sees."""
    assert list(got.entries) == list(want.entries)
    for rid, e in got.entries.items():
        w = want.entries[rid]
        assert (e.record, e.path, e.doc.data, e.kind) == (w.record, w.path, w.doc.data, w.kind), rid
    assert list(got.sources) == list(want.sources)
    for sid, s in got.sources.items():
        w = want.sources[sid]
        assert (s.meta, s.path, s.body_line, s.doc.data) == (w.meta, w.path, w.body_line, w.doc.data)
        assert (s.text.body, s.text.chrome, s.text.norm, s.text.index) == (w.text.body, w.text.chrome, w.text.norm, w.text.index)
    assert got.links == want.links
    assert got.cites == want.cites
    assert got.names == want.names
    assert [(r.path, r.folder, r.stem, r.doc.data) for r in got.refused] == [
        (r.path, r.folder, r.stem, r.doc.data) for r in want.refused
    ]
    for kind in {e.kind for e in want.entries.values()}:
        assert [e.id for e in got.of_kind(kind)] == [e.id for e in want.of_kind(kind)]
    for rid in want.entries:
        assert got.incoming(rid) == want.incoming(rid)
        assert got.cites_of(rid) == want.cites_of(rid)


def cached_equals_fresh(root: Path, cache: BuildCache) -> tuple[KnowledgeBase, list[Diagnostic]]:
    kb, diags = build(root, cache=cache)
    fresh_kb, fresh_diags = build(root)
    assert diags == fresh_diags
    same_kb(kb, fresh_kb)
    return kb, diags


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """The repository's own knowledge base (141 records, 5 sources), writable."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "seeds", root / "seeds")
    return root


def test_unchanged_files_are_reused_not_read(repo_copy: Path) -> None:
    cache = BuildCache()
    kb1, diags1 = cached_equals_fresh(repo_copy, cache)
    assert cache.reused == 0
    files = cache.parsed
    assert files == sum(1 for _ in (repo_copy / "data").rglob("*.yaml")) + len(kb1.sources)
    kb2, diags2 = cached_equals_fresh(repo_copy, cache)
    assert (cache.parsed, cache.reused) == (0, files)
    assert diags2 == diags1
    for rid, e in kb2.entries.items():  # the same objects: callers can tell unchanged records by identity
        assert e is kb1.entries[rid]
        assert e.record is kb1.entries[rid].record
    for sid, s in kb2.sources.items():
        assert s is kb1.sources[sid]


Edit = Callable[[Path], set[str]]  # makes a change; returns the ids whose record may not be reused


def change_a_value(root: Path) -> set[str]:
    edit(root / ORGS / "nvidia.yaml", "name: Nvidia\n", "name: NVIDIA Corporation\n")
    return {"nvidia"}


def change_same_size_same_mtime(root: Path) -> set[str]:
    """An edit that keeps the size and, within the file system's granularity, the mtime (an editor
    saving twice in one tick, `cp -p`, `rsync -t`): seen by its ctime (and inode, if replaced)."""
    path = root / ORGS / "nvidia.yaml"
    before = path.stat()
    edit(path, "type: company", "type: compant")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    return {"nvidia"}


def add_a_record(root: Path) -> set[str]:
    text = (root / ORGS / "nvidia.yaml").read_text(encoding="utf-8")
    (root / ORGS / "nvidia-vietnam.yaml").write_text(
        text.replace("id: nvidia", "id: nvidia-vietnam").replace("name: Nvidia", "name: Nvidia Vietnam"), encoding="utf-8")
    return {"nvidia-vietnam"}


def remove_a_record(root: Path) -> set[str]:
    (root / ORGS / "nvidia.yaml").unlink()  # others refer to it: now each reference is an error
    return {"nvidia"}


def rename_a_record(root: Path) -> set[str]:
    path = root / ORGS / "nvidia.yaml"
    edit(path, "id: nvidia\n", "id: nvidia-corp\n")
    path.rename(path.with_name("nvidia-corp.yaml"))
    return {"nvidia", "nvidia-corp"}


def rename_without_the_id(root: Path) -> set[str]:
    path = root / ORGS / "nvidia.yaml"
    path.rename(path.with_name("nvidia-corp.yaml"))  # id-mismatch: the file is refused
    return {"nvidia"}


def break_the_yaml(root: Path) -> set[str]:
    edit(root / ORGS / "nvidia.yaml", "name: Nvidia\n", "name: Nvidia: the chip maker\n")
    return {"nvidia"}


def break_a_quote_by_editing_the_source(root: Path) -> set[str]:
    edit(root / "seeds" / "sample-2023.md", "Nvidia is working with FPT", "Nvidia works with FPT")
    return set()  # every record is reused; the quote check, run on all of them, tells


def rename_a_place_a_claim_reads(root: Path) -> set[str]:
    # the event's place is claimed by a quote that names "Bac Ninh": the unchanged event's claim
    # (kept with its entry) must be worked out again, and is no longer in its quote
    edit(root / "data" / "places" / "bac-ninh.yaml", "name: Bac Ninh\n", "name: Bac Giang\n")
    edit(root / "data" / "places" / "bac-ninh.yaml", "name_vi: Bắc Ninh\n", "name_vi: Bắc Giang\n")
    return {"bac-ninh"}


@pytest.mark.parametrize("racy_ns", [load.RACY_NS, 0], ids=["racy-files-compared", "signature-only"])
@pytest.mark.parametrize(
    "change",
    [change_a_value, change_same_size_same_mtime, add_a_record, remove_a_record, rename_a_record,
     rename_without_the_id, break_the_yaml, break_a_quote_by_editing_the_source, rename_a_place_a_claim_reads],
)
def test_an_edit_gives_what_a_build_without_cache_gives(
    monkeypatch: pytest.MonkeyPatch, kb_copy: Path, change: Edit, racy_ns: int
) -> None:
    """The files were just written, so they are racy (compared by content); with RACY_NS = 0 the
    signature alone must tell every change."""
    monkeypatch.setattr(load, "RACY_NS", racy_ns)
    cache = BuildCache()
    kb1, diags1 = cached_equals_fresh(kb_copy, cache)
    assert not diags1
    touched = change(kb_copy)
    kb2, diags2 = cached_equals_fresh(kb_copy, cache)
    assert kb2.entries != kb1.entries or diags2 != diags1  # the edit was seen
    for rid, e in kb2.entries.items():
        if rid in touched:
            assert rid not in kb1.entries or e.record is not kb1.entries[rid].record
        else:
            assert e.record is kb1.entries[rid].record, rid
    # and again, with nothing changed: the same diagnostics (a broken file keeps its errors)
    kb3, diags3 = cached_equals_fresh(kb_copy, cache)
    assert diags3 == diags2
    assert all(e.record is kb2.entries[rid].record for rid, e in kb3.entries.items())


def test_an_edit_mended_later(kb_copy: Path) -> None:
    cache = BuildCache()
    cached_equals_fresh(kb_copy, cache)
    path = kb_copy / ORGS / "fpt.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("id: fpt", "id: fpt\nid: fpt"), encoding="utf-8")
    _, diags = cached_equals_fresh(kb_copy, cache)
    assert [d.code for d in diags if d.pos.path == "data/organizations/fpt.yaml"] == ["yaml-duplicate-key"]
    path.write_text(good, encoding="utf-8")
    _, diags = cached_equals_fresh(kb_copy, cache)
    assert diags == []


def test_another_root_starts_afresh(kb_copy: Path, repo_copy: Path) -> None:
    cache = BuildCache()
    cached_equals_fresh(kb_copy, cache)
    cached_equals_fresh(repo_copy, cache)
    assert cache.reused == 0
    cached_equals_fresh(kb_copy, cache)
    assert cache.reused == 0


def test_a_racy_file_is_compared_by_content(tmp_path: Path) -> None:
    """A file modified moments before it was read may change again without its signature changing
    (same size, same mtime tick): until it is older than RACY_NS, its bytes are compared."""
    path = tmp_path / "a.yaml"
    path.write_bytes(b"one")
    now = time.time_ns()
    racy = _File("a.yaml", str(path), "data/a.yaml", 0o100644, FileSig(3, now, now, 1))
    cache: FileCache[str] = FileCache()
    cache.put(racy, b"one", "what 'one' gave")
    assert cache.get(racy) == ("what 'one' gave", None)  # read, and the same
    path.write_bytes(b"two")  # the signature the file shows stays the same
    assert cache.get(racy) == (None, b"two")  # read, and changed: the bytes are handed on


def test_an_old_file_is_trusted_by_its_signature(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"one")
    old = time.time_ns() - 10 * 10**9
    settled = _File("a.yaml", str(path), "data/a.yaml", 0o100644, FileSig(3, old, old, 1))
    cache: FileCache[str] = FileCache()
    cache.put(settled, b"one", "what 'one' gave")
    path.unlink()  # not read at all
    assert cache.get(settled) == ("what 'one' gave", None)
    assert cache.get(settled._replace(sig=FileSig(3, old, old + 1, 1))) == (None, None)  # another ctime: changed


def test_a_valid_build_never_works_out_a_position(monkeypatch: pytest.MonkeyPatch, repo_copy: Path) -> None:
    """Lines and columns are worked out for diagnostics only (Document.where is lazy): a valid
    knowledge base is read once, without them."""
    located: list[object] = []
    locate = positions.Document._locate

    def counted(self: positions.Document) -> None:
        located.append(self)
        locate(self)

    monkeypatch.setattr(positions.Document, "_locate", counted)
    kb, diags = build(repo_copy)
    assert not diags and kb.entries
    assert located == []
