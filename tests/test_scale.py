"""A synthetic knowledge base of a few thousand records, built end to end as a maintainer would."""

from __future__ import annotations

import os
import re
import shutil
import statistics
import sys
from pathlib import Path

import pytest

from vnus_kb.knowledge.build import build
from vnus_kb.knowledge.read.models import KINDS
from vnus_kb.site.pages import site_files

from .conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from synthetic import make_kb

RECORDS = 2500
MAX_PAGE = 500_000  # bytes of HTML, every page (Explore and the timeline split past their budget)
MEDIAN_RECORD_PAGE = 20_000  # bytes of HTML of the median record page, theme included (issue 9)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_kb(tmp_path_factory.mktemp("scale"), RECORDS)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    return root


@pytest.mark.slow
def test_a_large_knowledge_base_validates_clean(big: Path) -> None:
    kb, diags = build(big)
    assert [d.text() for d in diags] == []  # namesakes among thousands of Vietnamese names included
    assert len(kb.entries) == RECORDS
    assert {e.kind for e in kb.entries.values()} == set(KINDS)


@pytest.mark.slow
def test_render_is_deterministic(big: Path) -> None:
    first = site_files(build(big)[0])
    again = site_files(build(big)[0])
    assert [(p, pg.markdown) for p, pg in first[0].items()] == [(p, pg.markdown) for p, pg in again[0].items()]
    assert first[1] == again[1]


@pytest.mark.slow
def test_the_site_builds_strict_with_every_record_and_no_huge_page(big: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    site = big / "site"
    mkdocs_build(load_config(str(big / "mkdocs.yml"), site_dir=str(site), strict=True))
    records = sorted(p.relative_to(big / "data").with_suffix("") for p in (big / "data").rglob("*.yaml"))
    assert len(records) == RECORDS
    missing = [r for r in records if not (site / r / "index.html").is_file()]
    assert missing == []
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    assert {p: s for p, s in sizes.items() if s > MAX_PAGE} == {}
    assert "timeline_2020/index.html" in sizes and "explore_organizations_2/index.html" in sizes  # they did split
    assert statistics.median(sizes[f"{r.as_posix()}/index.html"] for r in records) <= MEDIAN_RECORD_PAGE
    # A hub's long relation lists: the first few on its page, each linked to its complete list.
    hub = (site / "organizations/government-of-vietnam/index.html").read_text()
    lists = sorted(p.split("/")[1] for p in sizes if re.fullmatch(r"organizations/government-of-vietnam_[a-z-]+/index.html", p))
    assert len(lists) > 3
    assert [x for x in lists if f'href="../{x}/">all ' not in hub] == []
    # Every record is still reachable from Explore's text alternative, on its pages.
    alternative = "".join((site / p).read_text() for p in sizes if re.fullmatch(r"explore_[a-z]+(_\d+)?/index.html", p))
    reached = set(re.findall(r'href="\.\./([a-z]+/[a-z0-9-]+)/"', alternative))
    networked = {r.as_posix() for r in records if r.parts[0] != "discrepancies"}
    assert networked - reached == set()
    # Every record is still listed by its kind's overview, however many pages that takes.
    for kind in KINDS.values():
        folder = site / kind.FOLDER
        listed = set()
        for index in [folder / "index.html", *folder.glob("index_*/index.html")]:
            listed |= set(re.findall(r'href="(?:\.\./)*(?:\./)?(?:' + kind.FOLDER + r'/)?([a-z0-9-]+)/"', index.read_text()))
        ids = {r.name for r in records if r.parts[0] == kind.FOLDER}
        assert ids - listed == set(), kind.FOLDER
