"""The renderer on the small fixture knowledge base: links, backlinks and citations per page kind."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vnus_kb.knowledge.build import build
from vnus_kb.knowledge.kb import KnowledgeBase
from vnus_kb.site.markup.page import Page
from vnus_kb.site.pages import render

from .conftest import FIXTURES, run_cli


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    kb, diags = build(FIXTURES / "kb")
    assert diags == []
    return kb


@pytest.fixture(scope="module")
def pages(kb: KnowledgeBase) -> dict[str, Page]:
    return render(kb)


def md(pages: dict[str, Page], path: str) -> str:
    return pages[path].markdown


def test_one_page_per_record_and_per_kind(kb: KnowledgeBase, pages: dict[str, Page]) -> None:
    for e in kb.entries.values():
        assert f"{e.record.FOLDER}/{e.id}.md" in pages
    for name in ("index.md", "timeline.md", "investments/index.md", "targets/index.md", "agreements/index.md",
                 "programmes/index.md", "discrepancies/index.md", "sources/index.md", "sources/sample-2023.md", "organizations/index.md"):
        assert name in pages


def test_record_page_has_title_names_and_edit_path(pages: dict[str, Page]) -> None:
    page = pages["people/pham-minh-chinh.md"]
    assert page.markdown.startswith("---\ntitle: Pham Minh Chinh\n")
    # marked as from outside the sources; the other names weigh in search as the title does (assets/vnus-search.js)
    assert ('**Vietnamese:** <span class="vnus-basis vnus-outside"><span class="vnus-value">'
            '<span data-pagefind-weight="7" data-pagefind-meta="name_vi">Phạm Minh Chính</span>' in page.markdown)
    assert page.edit_path == "data/people/pham-minh-chinh.yaml"


def test_unaccented_spelling_is_on_the_page_for_search(pages: dict[str, Page]) -> None:
    assert ('**Without diacritics:** <span data-pagefind-weight="7" data-pagefind-meta="plain">Tap doan FPT</span>'
            in md(pages, "organizations/fpt.md"))
    assert "Bac Ninh" in md(pages, "places/bac-ninh.md")


def test_relations_both_ways(pages: dict[str, Page]) -> None:
    inv = md(pages, "investments/amkor-bac-ninh.md")
    assert "[Amkor Technology](../organizations/amkor.md)" in inv
    assert "[Bac Ninh](../places/bac-ninh.md)" in inv
    amkor = md(pages, "organizations/amkor.md")
    assert "### Investments made\n\n- [Amkor factory in Bac Ninh](../investments/amkor-bac-ninh.md) — October 2023, US&#36;1&#46;6 billion, under construction" in amkor
    place = md(pages, "places/bac-ninh.md")
    assert "### Investments made here" in place and "### Events here" in place
    national = md(pages, "targets/national-50000-engineers.md")
    assert "### Fed by these targets\n\n- [FPT to train 10,000 semiconductor professionals by 2030](fpt-10000-professionals.md)" in national


def test_claims_carry_footnotes_linking_to_the_quoted_passage(pages: dict[str, Page]) -> None:
    inv = md(pages, "investments/amkor-bac-ninh.md")
    assert re.search(r"\| Amount \| US\$1\.6 billion\[\^1\] \|", inv.replace("&#36;", "$").replace("&#46;", "."))
    m = re.search(r"^\[\^1\]: “(.+?)” — \[Chips and talks in Hanoi\]\(\.\./sources/sample-2023\.md#(q-\d+-\d+)\)$", inv, re.M)
    assert m, inv
    source = md(pages, "sources/sample-2023.md")
    assert f'<a id="{m.group(2)}"></a>' in source


def test_source_page_links_names_and_marks_cited_passages(pages: dict[str, Page]) -> None:
    source = md(pages, "sources/sample-2023.md")
    assert "[Synopsys Inc&#46;](../organizations/synopsys.md)" in source
    assert "[Sypsys](../organizations/synopsys.md)" in source  # the misspelling links too
    assert "<mark>" in source and "Menu" not in source.split("## The article")[1]  # chrome left out
    assert "[Amkor Technology](../organizations/amkor.md)" in source  # records citing it


def test_targets_page_nests_contributing_targets_with_progress(pages: dict[str, Page]) -> None:
    targets = md(pages, "targets/index.md")
    parent = targets.index("[50,000 engineers by 2030]")
    child = targets.index("    - **[FPT to train 10,000")
    progress = targets.index("        - progress: nearly 1,000 students enrolled by [FPT University]")
    assert parent < child < progress


def test_timeline_groups_by_year(pages: dict[str, Page]) -> None:
    timeline = md(pages, "timeline.md")
    assert timeline.index("## 2023") < timeline.index("## 2030")
    assert ('<li data-kind="event" data-sectors="diplomacy"><span class="vt-date">11 September 2023</span> '
            '<span class="vt-what">Talks</span> <a href="events/hanoi-talks-2023.md">Talks in Hanoi</a></li>') in timeline


def test_investments_page_has_sortable_amounts_and_chart(pages: dict[str, Page]) -> None:
    inv = md(pages, "investments/index.md")
    assert '<span data-sort="1600000000">' in inv
    assert '<svg class="vnus-chart"' in inv


def test_discrepancy_shows_each_variant_with_its_source(pages: dict[str, Page]) -> None:
    d = md(pages, "discrepancies/index.md")
    assert "“Make in Vietnam”[^1]" in d and "“Made in Vietnam”[^2]" in d
    assert "**Better supported:** “Make in Vietnam”" in d


def test_organization_page_has_relation_picture(pages: dict[str, Page]) -> None:
    fpt = md(pages, "organizations/fpt.md")
    assert '<svg class="vnus-graph" role="group" aria-label="FPT Corporation and its relations"' in fpt
    assert "<title>FPT Corporation and its relations</title>" in fpt


def test_render_command_writes_pages_and_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert run_cli("render", str(FIXTURES / "kb"), "--out", str(a))[0] == 0
    assert run_cli("render", str(FIXTURES / "kb"), "--out", str(b))[0] == 0
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files_a == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert Path("organizations/fpt.md") in files_a and Path("downloads/kb.json") in files_a
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel
    # an unchanged regeneration writes nothing
    code, _, err = run_cli("render", str(FIXTURES / "kb"), "--out", str(a))
    assert code == 0 and "(0 written," in err


def test_render_refuses_invalid_data(kb_copy: Path, tmp_path: Path) -> None:
    (kb_copy / "data" / "organizations" / "fpt.yaml").write_text("id: fpt\nname: [\n", encoding="utf-8")
    code, _, err = run_cli("render", str(kb_copy), "--out", str(tmp_path / "out"))
    assert code == 1
    assert "data/organizations/fpt.yaml:3:1: error[yaml-syntax]" in err
    assert not (tmp_path / "out").exists()


def test_no_two_pages_share_a_url(pages: dict[str, Page]) -> None:
    """x.md and x/index.md would both become x/index.html, and one would silently vanish."""
    urls = [p.removesuffix("index.md").removesuffix(".md").rstrip("/") for p in pages]
    assert len(urls) == len(set(urls))


def test_kind_index_has_no_escaped_markup_and_counts_in_words(pages: dict[str, Page]) -> None:
    orgs = md(pages, "organizations/index.md")
    assert "5 records." in orgs
    assert "&amp;#" not in orgs and "&#38;#" not in orgs
    assert "| Name | Type | Key fact |" in orgs
    assert "| Name | Key fact |" in md(pages, "people/index.md")


def missing_anchors(pages: dict[str, Page]) -> list[str]:
    """Links of the form (../sources/x.md#q-...) whose anchor is not on the source page."""
    missing = []
    for path, page in pages.items():
        for target, anchor in re.findall(r"\]\((?:\.\./)*(sources/[\w-]+\.md)#(q-\d+-\d+)\)", page.markdown):
            if f'<a id="{anchor}"></a>' not in pages[target].markdown:
                missing.append(f"{path} -> {target}#{anchor}")
    return missing


def test_every_citation_anchor_exists(pages: dict[str, Page]) -> None:
    assert missing_anchors(pages) == []


def test_quote_starting_inside_a_linked_name_keeps_its_anchor(kb_copy: Path) -> None:
    (kb_copy / "data" / "organizations" / "nvidia.yaml").write_text(
        "id: nvidia\nname: Nvidia\ntype: company\nsources:\n  - source: sample-2023\n"
        "    quote: Technology Inc. began construction\n", encoding="utf-8")
    kb, diags = build(kb_copy)
    assert diags == []
    assert missing_anchors(render(kb)) == []
