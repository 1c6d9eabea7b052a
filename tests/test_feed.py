"""What's new and the Atom feed, from a real git history built in a temporary repository: records
added and changed, newest first, dated by when each change was merged; and what happens with no
git, outside a repository and in a shallow clone."""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest

from vnus_kb.knowledge.build import build
from vnus_kb.site.markup.markdown import text
from vnus_kb.site.outputs import feed
from vnus_kb.site.outputs.feed import History, parse_log, read_history, whats_new
from vnus_kb.site.pages import site_files

from .conftest import FIXTURES

SITE = "https://example.org/kb/"
A = "{http://www.w3.org/2005/Atom}"
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str, when: str = "2024-01-01T12:00:00+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
           "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "-C", str(repo), "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                   check=True, capture_output=True, env=env)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture knowledge base with a history: everything but Synopsys on 1 January 2024;
    Synopsys written on a branch on 1 February and merged on 1 March; FPT changed on 1 April."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path_factory.mktemp("history") / "kb"
    shutil.copytree(FIXTURES / "kb", root)
    synopsys = root / "data" / "organizations" / "synopsys.yaml"
    kept = synopsys.read_text(encoding="utf-8")
    synopsys.unlink()
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "The first records", when="2024-01-01T09:00:00+00:00")
    git(root, "checkout", "-qb", "synopsys")
    synopsys.write_text(kept, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Synopsys", when="2024-02-01T09:00:00+00:00")
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--no-ff", "-m", "Merge Synopsys", "synopsys", when="2024-03-01T09:00:00+00:00")
    fpt = root / "data" / "organizations" / "fpt.yaml"
    fpt.write_text(fpt.read_text(encoding="utf-8") + "# checked again\n", encoding="utf-8")
    git(root, "commit", "-qam", "FPT checked", when="2024-04-01T09:00:00+02:00")
    return root


@needs_git
def test_history_lists_additions_and_changes_dated_by_the_merge(repo: Path) -> None:
    history = read_history(repo)
    assert history.note == ""
    kb, _ = build(repo)
    listed = feed.items(kb, history)
    assert [(i.status, i.rid, i.when.isoformat()) for i in listed[:2]] == [
        ("changed", "fpt", "2024-04-01T07:00:00+00:00"),
        ("added", "synopsys", "2024-03-01T09:00:00+00:00"),  # merged on 1 March, written on 1 February
    ]
    assert {i.status for i in listed[2:]} == {"added"}
    assert len(listed) == len(kb.entries) + 1
    assert [i.when for i in listed] == sorted((i.when for i in listed), reverse=True)


@needs_git
def test_whats_new_page_lists_them_newest_first(repo: Path) -> None:
    kb, _ = build(repo)
    page, _ = whats_new(kb, read_history(repo), SITE, "vnus-kb")
    md = page.markdown
    assert md.index("## 1 April 2024") < md.index("- Changed: [FPT Corporation](organizations/fpt.md) (organization)")
    assert md.index("- Changed: [FPT Corporation]") < md.index("## 1 March 2024")
    assert md.index("## 1 March 2024") < md.index("- Added: [Synopsys](organizations/synopsys.md) (organization)")
    assert md.index("- Added: [Synopsys]") < md.index("## 1 January 2024")
    assert "[the Atom feed](feed.xml)" in md


@needs_git
def test_the_feed_is_valid_atom_with_absolute_links(repo: Path) -> None:
    kb, _ = build(repo)
    _, xml = whats_new(kb, read_history(repo), SITE, "vnus-kb")
    root = ET.fromstring(xml)
    assert root.tag == f"{A}feed"
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{A}{name}") is not None, name
    assert root.findtext(f"{A}updated") == "2024-04-01T07:00:00Z"
    assert {link.get("rel"): link.get("href") for link in root.findall(f"{A}link")} == {
        "self": SITE + "feed.xml", "alternate": SITE + "whats-new/"}
    entries = root.findall(f"{A}entry")
    assert len(entries) == len(kb.entries) + 1
    ids = [e.findtext(f"{A}id") for e in entries]
    assert len(set(ids)) == len(ids)
    for e in entries:
        for name in ("id", "title", "updated", "summary"):
            assert e.findtext(f"{A}{name}"), name
        datetime.strptime(e.findtext(f"{A}updated") or "", "%Y-%m-%dT%H:%M:%SZ")
        href = e.find(f"{A}link").get("href")  # type: ignore[union-attr]
        assert href and href.startswith(SITE) and href.endswith("/")
    assert [e.findtext(f"{A}title") for e in entries[:2]] == ["Changed: FPT Corporation", "Added: Synopsys"]
    assert entries[1].find(f"{A}link").get("href") == SITE + "organizations/synopsys/"  # type: ignore[union-attr]


@needs_git
def test_a_shallow_clone_says_so_and_lists_only_real_changes(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo}", str(clone)], check=True,
                   capture_output=True)
    history = read_history(clone)
    assert "shallow clone" in history.note
    # the cut-off commit seems to add every file; only the change after it is real
    assert [(c.status, c.path) for c in history.changes] == [("changed", "data/organizations/fpt.yaml")]
    kb, _ = build(clone)
    page, _ = whats_new(kb, history, SITE, "vnus-kb")
    assert "**Note:** This site was built from a shallow clone" in page.markdown


def test_outside_a_repository_the_page_says_so_and_the_build_goes_on(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "kb", tmp_path / "kb")
    history = read_history(tmp_path / "kb")
    assert history.changes == ()
    assert history.note
    kb, _ = build(tmp_path / "kb")
    pages, others = site_files(kb, history, SITE)
    assert text("No changes to list.") in pages["whats-new.md"].markdown
    assert text(history.note) in pages["whats-new.md"].markdown
    assert ET.fromstring(others["feed.xml"]).findall(f"{A}entry") == []


def test_without_git_the_page_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feed.shutil, "which", lambda name: None)
    history = read_history(tmp_path)
    assert history == History(note="git was not available where this site was built, so changes cannot be listed.")


def test_parse_log_reads_git_name_status() -> None:
    log = ("\x1eabc\x1fdef\x1f2024-05-02T10:00:00+07:00\n\nM\tdata/places/hanoi.yaml\nA\tdata/people/x.yaml\n"
           "D\tdata/people/y.yaml\n\x1edef\x1f\x1f2024-05-01T00:00:00+00:00\n\nA\tdata/places/hanoi.yaml\n")
    changes = parse_log(log)
    assert [(c.commit, c.status, c.path) for c in changes] == [
        ("abc", "changed", "data/places/hanoi.yaml"), ("abc", "added", "data/people/x.yaml"),
        ("abc", "removed", "data/people/y.yaml"), ("def", "added", "data/places/hanoi.yaml")]
    assert changes[0].when == datetime(2024, 5, 2, 3, 0, tzinfo=UTC)
    assert [c.commit for c in parse_log(log, shallow=True)] == ["abc", "abc", "abc"]
