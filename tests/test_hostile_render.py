"""Issue: nothing a pull request writes becomes markup. A real site build of a knowledge base
seeded with every payload; every page's HTML is parsed and checked."""

from __future__ import annotations

import gzip
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from vnus_kb.cli import main as cli_main

from .conftest import FIXTURES, REPO, run_cli
from .hostile import NAME_PAYLOADS, PAYLOADS, seed_payloads

FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}
# The theme has its own search form; inside the article these can only come from data.
FORBIDDEN_IN_ARTICLE = {"form", "input", "math", "style", "img", "link", "meta", "details", "script"}


class Audit(HTMLParser):
    """Collects what would run or load: tags, handler attributes, URLs, inline script text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_script = False
        self.in_article = 0
        self.json_ld: list[str] | None = None  # the text of a <script type="application/ld+json">

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.in_script = True
            if dict(attrs).get("type") == "application/ld+json":
                self.json_ld = []
            src = dict(attrs).get("src")
            if src and ("//" in src or src.startswith(("data:", "javascript:"))):
                self.problems.append(f"script from {src}")
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and dict(attrs).get("http-equiv"):
            self.problems.append("meta http-equiv")
        if tag == "img":
            src = dict(attrs).get("src") or ""
            if src.startswith(("http:", "https:", "//", "data:", "javascript:")) or src == "x":
                self.problems.append(f"img {src}")
        for name, value in attrs:
            v = (value or "").strip().lower()
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if name in ("href", "src", "action", "formaction", "xlink:href", "data") and v.startswith(("javascript:", "data:", "vbscript:")):
                self.problems.append(f"{tag} {name}={v[:30]}")
            # Open Graph descriptions hold data text, inert in an attribute value
            if "alert(" in v and not (tag == "meta" and name == "content"
                                      and (dict(attrs).get("property") or "").startswith("og:")):
                self.problems.append(f"{tag} {name} holds alert(")
            if name in ("href", "src") and "evil.example" in v:
                self.problems.append(f"{tag} {name} to evil.example")
        if tag in FORBIDDEN_IN_ARTICLE and self.in_article:
            self.problems.append(f"<{tag}> in the article")
        if tag == "article":
            self.in_article += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False
            if self.json_ld is not None:
                # data in JSON-LD is inert as long as the element holds one whole JSON value:
                # a name that ended the element early would leave a fragment behind
                try:
                    json.loads("".join(self.json_ld))
                except ValueError:
                    self.problems.append("JSON-LD is not one whole JSON value")
                self.json_ld = None
        if tag == "article":
            self.in_article -= 1

    def handle_data(self, data: str) -> None:
        if self.json_ld is not None:
            self.json_ld.append(data)
        elif self.in_script and "alert(" in data:
            self.problems.append("script text holds alert(")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(FIXTURES / "kb", root, dirs_exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    pages = seed_payloads(root)
    code, out, err = run_cli("validate", str(root))
    assert code == 0, out + err
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
    return root, pages


def test_payload_corpus_is_large_enough() -> None:
    assert len(PAYLOADS) + len(NAME_PAYLOADS) >= 40


def test_no_page_holds_markup_from_data(hostile_site: tuple[Path, list[str]]) -> None:
    root, _pages = hostile_site
    problems = {}
    htmls = sorted((root / "site").rglob("*.html"))
    assert len(htmls) > 50
    for path in htmls:
        audit = Audit()
        audit.feed(path.read_text(encoding="utf-8"))
        if audit.problems:
            problems[path.relative_to(root / "site").as_posix()] = sorted(set(audit.problems))
    assert problems == {}


def test_payloads_are_shown_as_text(hostile_site: tuple[Path, list[str]]) -> None:
    root, _ = hostile_site
    for name, payload in PAYLOADS:
        page = root / "site" / "organizations" / f"hostile-{name}" / "index.html"
        parser = TextOf()
        parser.feed(page.read_text(encoding="utf-8"))
        shown = " ".join(parser.text.split())
        first_line = " ".join(payload.split())
        assert first_line[:40] in shown, (name, shown[:300])


def pagefind_fragments(site: Path) -> list[dict[str, Any]]:
    """The pages as Pagefind indexed them: its fragments are gzipped JSON behind a signature."""
    out = []
    for f in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(f.read_bytes())
        assert data.startswith(b"pagefind_dcd"), f
        out.append(json.loads(data[len(b"pagefind_dcd"):]))
    return out


def test_names_are_escaped_in_title_nav_and_search(hostile_site: tuple[Path, list[str]]) -> None:
    root, _ = hostile_site
    html = (root / "site" / "organizations" / "hostile-name-ampersand" / "index.html").read_text(encoding="utf-8")
    assert "<title>AT&amp;T &amp;amp; Co &amp;lt;b&amp;gt;" in html
    docs = pagefind_fragments(root / "site")
    hostile = [d for d in docs if "hostile-" in d["url"]]
    assert len(hostile) >= len(PAYLOADS)
    # Pagefind keeps text, not markup: a payload is the literal text a reader sees on the page,
    # and the search dialog shows it as text (tests/browser/test_hostile_browser.py searches them).
    titles = {d["meta"]["title"] for d in docs}
    assert "AT&T &amp; Co &lt;b&gt;" in titles, sorted(titles)  # the name, character for character
    for d in hostile:
        assert d["meta"]["title"] in d["content"]


def test_generator_writes_nothing_into_data_or_seeds(hostile_site: tuple[Path, list[str]], tmp_path: Path) -> None:
    root, _ = hostile_site
    for target in (root / "data", root / "data" / "x", root / "seeds", root):
        code = cli_main(["render", str(root), "--out", str(target)])
        assert code == 2


class TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.text += data
