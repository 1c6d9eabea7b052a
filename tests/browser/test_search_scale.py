"""Search on a site of a few thousand records: the fixture knowledge base inside 3,000 synthetic
records, built with MkDocs and indexed by Pagefind, searched in Chromium as a reader does."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from ..conftest import REPO
from .conftest import FIXTURES, Recorder, Site, built_and_served
from .test_site import search

sys.path.insert(0, str(REPO / "benchmarks"))
from synthetic import make_kb

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]

RECORDS = 3000


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    kb = make_kb(tmp_path_factory.mktemp("search-scale") / "kb", RECORDS)
    shutil.copytree(FIXTURES / "kb", kb, dirs_exist_ok=True)
    hanoi = kb / "data" / "places" / "hanoi.yaml"  # the synthetic places have a Ha Noi of their own
    if (kb / "data" / "places" / "ha-noi.yaml").is_file():
        hanoi.write_text(hanoi.read_text(encoding="utf-8") + "distinct_from: [ha-noi]\n", encoding="utf-8")
    with built_and_served("scale", kb.parent / "project", kb) as site:
        yield site


def first_path(results: list[dict[str, str]]) -> str:
    return urlsplit(results[0]["href"]).path if results else "(no result)"


@pytest.mark.parametrize(("query", "expected"), [
    ("Pham Minh Chinh", "people/pham-minh-chinh/"),
    ("Phạm Minh Chính", "people/pham-minh-chinh/"),
    ("Sypsys", "organizations/synopsys/"),
    ("Bắc Ninh", "places/bac-ninh/"),
    ("semiconductor supply chains", "agreements/semiconductor-moc/"),
])
def test_search_ranks_the_record_first(big_site: Site, recorder: Recorder, query: str, expected: str) -> None:
    page = recorder.new_page()
    recorder.goto(page, big_site.url)
    results = search(page, query)
    shown = [urlsplit(r["href"]).path for r in results]
    assert first_path(results) == urlsplit(big_site.page(expected)).path, f"{query!r}: {shown}"
    assert not recorder.problems(), recorder.problems()


def test_search_finds_a_synthetic_record_by_its_name(big_site: Site, recorder: Recorder) -> None:
    fixture = {f.name for f in (FIXTURES / "kb" / "data" / "organizations").glob("*.yaml")}
    files = [f for f in sorted((big_site.root / "data" / "organizations").glob("*.yaml")) if f.name not in fixture]
    chosen = files[len(files) // 2]
    data: Any = yaml.safe_load(chosen.read_text(encoding="utf-8"))
    page = recorder.new_page()
    recorder.goto(page, big_site.page("timeline/"))
    results = search(page, data["name"])
    assert first_path(results) == urlsplit(big_site.page(f"organizations/{chosen.stem}/")).path, results[:3]


def test_a_query_loads_a_small_part_of_the_index(big_site: Site, recorder: Recorder) -> None:
    sizes: list[int] = []
    page = recorder.new_page()
    page.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"])
            if "/pagefind/" in r.url else None)
    recorder.goto(page, big_site.url)
    search(page, "Pham Minh Chinh")
    index = sum(f.stat().st_size for f in (big_site.dir / "pagefind").rglob("*") if f.is_file())
    assert sizes and sum(sizes) < index / 3, (sum(sizes), index)
