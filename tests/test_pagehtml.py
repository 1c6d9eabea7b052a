"""Generated pages converted by cmark-gfm (pagehtml.py): the HTML Python-Markdown would make, the
links and anchors MkDocs would resolve and check, and no memory left behind."""

from __future__ import annotations

import html
import logging
import re
import resource
from pathlib import Path

import markdown as pymd
import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files

from vnus_kb.knowledge.build import build
from vnus_kb.pagehtml import HtmlPage, convert, converts_like_python_markdown
from vnus_kb.site.markup.sanitize import clean
from vnus_kb.site.pages import render

from .conftest import FIXTURES, REPO

TOC = {"permalink": True}


def python_markdown(text: str) -> str:
    return pymd.markdown(text, extensions=["tables", "footnotes", "toc"], extension_configs={"toc": TOC})


def normal(markup: str) -> str:
    """What a browser would show: character references resolved, white space between tags dropped."""
    s = html.unescape(clean(markup))
    s = re.sub(r">\s+", ">", s)
    s = re.sub(r"\s+<", "<", s)
    return re.sub(r"\s+", " ", s).strip()


def body(markdown: str) -> str:
    return markdown.split("---\n", 2)[2] if markdown.startswith("---\n") else markdown


@pytest.mark.parametrize("root", [REPO, FIXTURES / "kb"], ids=["real-data", "fixture"])
def test_every_generated_page_converts_as_python_markdown_would(root: Path) -> None:
    kb, _ = build(root)
    pages = render(kb)
    assert len(pages) > 20
    for path, page in pages.items():
        text = body(page.markdown)
        assert normal(convert(text, TOC).html) == normal(python_markdown(text)), path


def test_headings_have_python_markdown_ids_permalinks_and_toc() -> None:
    done = convert("# Phạm Minh Chính &#38; co\n\n## Relations\n\n### People\n\n## Relations\n", TOC)
    assert done.html.splitlines()[0] == (
        '<h1 id="pham-minh-chinh-co">Phạm Minh Chính &amp; co<a class="headerlink" href="#pham-minh-chinh-co" '
        'title="Permanent link">&para;</a></h1>')
    assert '<h2 id="relations_1">' in done.html  # a repeated heading gets Python-Markdown's suffix
    assert done.title == "Phạm Minh Chính & co"
    [top] = done.toc
    assert [(t["id"], [c["id"] for c in t["children"]]) for t in top["children"]] == \
        [("relations", ["people"]), ("relations_1", [])]
    assert "headerlink" not in convert("## Plain\n").html  # no permalink unless mkdocs.yml asks


def test_footnotes_have_python_markdown_markup() -> None:
    out = convert("A[^1] b[^1] c[^2].\n\n[^1]: one\n[^2]: two\n").html
    assert '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>' in out
    assert '<sup id="fnref2:1"><a class="footnote-ref" href="#fn:1">1</a></sup>' in out  # our CSS: sup[id^="fnref"]
    assert '<div class="footnote">\n<hr />\n<ol>\n<li id="fn:1">' in out
    assert ('one&#160;<a class="footnote-backref" href="#fnref:1" title="Jump back to footnote 1 in the text">'
            '&#8617;</a><a class="footnote-backref" href="#fnref2:1"') in out
    assert "data-footnote" not in out and "<section" not in out


def test_only_inert_extensions_take_the_fast_path() -> None:
    assert converts_like_python_markdown(["toc", "tables", "fenced_code", "footnotes"], {"toc": TOC})
    assert not converts_like_python_markdown(["toc", "tables", "abbr"], {})  # abbreviations apply to any word
    assert not converts_like_python_markdown(["toc"], {"toc": {"toc_depth": 2}})


def test_conversion_frees_what_cmark_allocates() -> None:
    text = ("| a | b |\n| --- | --- |\n" + "| [x](y.md) | <span>z</span>[^1] |\n" * 4000) + "\n[^1]: n\n"
    convert(text)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(30):  # 4 MB of Markdown; cmarkgfm's own wrapper would keep about 40 MB of it
        convert(text)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 15, f"{grown_mb:.0f} MB kept"


def generated(config: object, path: str, text: str) -> File:
    f = File(path, src_dir=None, dest_dir=config.site_dir, use_directory_urls=True)  # type: ignore[attr-defined]
    f.content_string = text
    return f


@pytest.fixture
def site(tmp_path: Path) -> Files:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nmarkdown_extensions:\n  - toc:\n      permalink: true\n")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    pages = {
        "people/a.md": "# A\n\n[B](../b.md#there), [B's nowhere](../b.md#nowhere), [gone](../c.md), [top](#a)\n\n"
                       '<svg><a xlink:href="../b.md" class="n">B</a></svg>\n\n[out](https://example.org/x.md)\n',
        "b.md": "# B\n\n## There\n",
    }
    files = Files([generated(config, path, text) for path, text in pages.items()])
    for f in files:
        page = HtmlPage(None, f, config)
        page.read_source(config)
        page.render(config, files)
    return files


def test_links_are_resolved_and_checked_as_mkdocs_does(site: Files, caplog: pytest.LogCaptureFixture) -> None:
    files = site
    a = files.get_file_from_path("people/a.md").page  # type: ignore[union-attr]
    assert '<a href="../../b/#there">B</a>' in a.content
    assert '<a xlink:href="../../b/" class="n">' in a.content
    assert '<a href="#a">top</a>' in a.content and 'href="https://example.org/x.md"' in a.content
    assert {"a", "there"} <= a.present_anchor_ids | files.get_file_from_path("b.md").page.present_anchor_ids
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        caplog.clear()
        a.validate_anchor_links(files=files, log_level=logging.WARNING)
    assert [r.getMessage() for r in caplog.records] == [
        "Doc file 'people/a.md' contains a link '../b.md#nowhere', but the doc 'b.md' does not contain an "
        "anchor '#nowhere'."]


def test_a_link_to_no_page_is_reported(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    files = Files([generated(config, "a.md", "[gone](c.md)\n")])
    page = HtmlPage(None, files.get_file_from_path("a.md"), config)
    page.read_source(config)
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        page.render(config, files)
    assert "Doc file 'a.md' contains a link 'c.md', but the target 'c.md' is not found among documentation files." \
        in caplog.text
    assert 'href="c.md"' in page.content
