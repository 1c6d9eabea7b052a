"""No page can vanish: an id whose page would take the place of a page the site generates is
refused by `vnus-kb validate` on its `id` line, and the site refuses to build two pages at one
address even when validation is bypassed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vnus_kb.knowledge.build import build
from vnus_kb.knowledge.kb import Entry
from vnus_kb.knowledge.read.models import FOLDERS
from vnus_kb.knowledge.read.reserved import GENERATED, SOURCES_FOLDER, address, replaced_by
from vnus_kb.site.markup.page import page_of, source_page
from vnus_kb.site.pages import check_addresses, render, site_files

from .conftest import FIXTURES, run_cli

FIXTURE_KB = FIXTURES / "kb"


def as_index(text: str) -> str:
    """A record or source file's text with its id changed to `index`."""
    changed, n = re.subn(r"(?m)^id: [a-z0-9-]+$", "id: index", text, count=1)
    assert n == 1
    return changed


@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_a_record_id_that_would_replace_its_kinds_overview_is_refused(folder: str, kb_copy: Path) -> None:
    model = sorted((FIXTURE_KB / "data" / folder).glob("*.yaml"))[0]
    (kb_copy / "data" / folder / "index.yaml").write_text(as_index(model.read_text(encoding="utf-8")),
                                                           encoding="utf-8")
    code, out, err = run_cli("validate", str(kb_copy))
    assert code == 1
    assert out.splitlines() == [
        f"data/{folder}/index.yaml:1:5: error[id-reserved]: id 'index' is reserved: this record's page would "
        f"replace {folder}/index.md, the overview of {folder}; choose another id (and rename the file to match)"]
    assert "1 error(s)" in err


def test_a_source_id_that_would_replace_the_list_of_sources_is_refused(kb_copy: Path) -> None:
    seed = kb_copy / "seeds" / "sample-2023.md"
    (kb_copy / "seeds" / "index.md").write_text(as_index(seed.read_text(encoding="utf-8")), encoding="utf-8")
    code, out, _ = run_cli("validate", str(kb_copy))
    assert code == 1
    assert out.splitlines() == [
        "seeds/index.md:2:5: error[id-reserved]: id 'index' is reserved: this source's page would replace "
        "sources/index.md, the list of sources; choose another id (and rename the file to match)"]


def test_a_reserved_id_is_reported_beside_the_records_other_errors(kb_copy: Path) -> None:
    (kb_copy / "data" / "places" / "index.yaml").write_text("id: index\n", encoding="utf-8")
    code, out, _ = run_cli("validate", str(kb_copy))
    assert code == 1
    assert ("data/places/index.yaml:1:5: error[id-reserved]: id 'index' is reserved: this record's page would "
            "replace places/index.md, the overview of places; choose another id (and rename the file to match)"
            ) in out.splitlines()
    assert "error[schema-missing-field]" in out


def test_every_id_a_page_could_take_from_the_table() -> None:
    """Every generated page inside a folder of pages is an id a record or source there cannot have;
    top-level pages are out of any id's reach (record pages live in their kind's folder)."""
    for folder in [*FOLDERS, SOURCES_FOLDER]:
        assert replaced_by(folder, "index") == f"{folder}/index.md, {GENERATED[f'{folder}/index.md']}"
        for free in ("timeline", "data", "tags", "explore", "whats-new", "feed", "downloads", "assets", "indexes"):
            assert replaced_by(folder, free) is None, (folder, free)


def test_addresses_as_mkdocs_serves_them() -> None:
    assert address("index.md") == ""
    assert address("timeline.md") == "timeline/"
    assert address("organizations/index.md") == "organizations/"
    assert address("organizations/fpt.md") == "organizations/fpt/"
    assert address("feed.xml") == "feed.xml"
    with pytest.raises(ValueError, match=r"^timeline\.md and timeline/index\.md would both be served at /timeline/"):
        check_addresses(["index.md", "timeline.md", "timeline/index.md"])
    check_addresses(["index.md", "timeline.md", "organizations/index.md", "organizations/fpt.md"])


def test_the_site_never_drops_a_page_even_when_validation_is_bypassed() -> None:
    kb, diags = build(FIXTURE_KB)
    assert not diags
    nvidia = kb.entries["nvidia"]
    kb.entries["index"] = Entry(nvidia.record.model_copy(update={"id": "index"}), nvidia.path, nvidia.doc)
    with pytest.raises(ValueError, match=r"^two pages would be written to organizations/index\.md; one of them would vanish$"):
        render(kb)


def test_every_page_and_file_the_site_makes_is_in_the_table() -> None:
    """The table validation reads (knowledge/read/reserved.py) holds every page and file the site
    generates that does not belong to one record or source."""
    kb, _ = build(FIXTURE_KB)
    pages, others = site_files(kb)
    own = {page_of(e.kind, e.id) for e in kb.entries.values()} | {source_page(s) for s in kb.sources}
    folders = tuple(p for p in GENERATED if p.endswith("/"))
    unlisted = sorted(p for p in [*pages, *others] if p not in own and p not in GENERATED and not p.startswith(folders))
    assert unlisted == []
