"""Property: whatever text a record holds, its page's HTML has no script, no handler, no other link."""

from __future__ import annotations

import copy
from html.parser import HTMLParser

import markdown as pymd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from vnus_kb.knowledge.build import build
from vnus_kb.knowledge.kb import Entry
from vnus_kb.knowledge.text import text_problem
from vnus_kb.pagehtml import convert
from vnus_kb.site.markup.sanitize import clean
from vnus_kb.site.views.records import Renderer

from .conftest import FIXTURES
from .test_pagehtml import TOC, normal, python_markdown

KB, _ = build(FIXTURES / "kb")
SYNTAX = [*list("<>&\"'`[](){}!#*_|\\:;/=^~@$%-+.\n "), "javascript:", "data:", "on", "script", "onerror=", "{:", "--8<--", "<!--", "-->", "[^1]:", "](", "http://x/"]
chars = st.one_of(st.sampled_from(SYNTAX), st.characters(blacklist_categories=("Cs", "Cc")))
texts = st.lists(chars, min_size=1, max_size=40).map("".join)


def plain(value: str, single_line: bool) -> str:
    value = value.strip()
    if single_line:
        value = value.replace("\n", " ")
    assume(value and text_problem(value, single_line) is None)
    return value


class Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "iframe", "object", "embed", "img", "form", "input", "base", "meta", "link"):
            self.bad.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"{tag}[{name}]")
            if name in ("href", "src") and value and not value.startswith(("#", "../", "http://", "https://")) \
                    and ":" in value.split("/")[0]:
                self.bad.append(f"{tag}[{name}={value}]")


def page_markdown(entry: Entry) -> str:
    kb = copy.copy(KB)
    kb.entries = {**KB.entries, entry.id: entry}
    return Renderer(kb).record_page(entry).markdown.split("---\n", 2)[2]


def page_html(entry: Entry) -> str:
    return pymd.markdown(page_markdown(entry), extensions=["tables", "footnotes", "toc"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(name=texts, alias=texts, description=texts, title=texts)
def test_random_text_renders_inert(name: str, alias: str, description: str, title: str) -> None:
    base = KB.entries["pham-minh-chinh"]
    role = base.record.roles[0].model_copy(update={"title": plain(title, True)})  # type: ignore[attr-defined]
    record = base.record.model_copy(update={
        "name": plain(name, True), "aliases": [plain(alias, True)],
        "description": plain(description, False), "roles": [role],
    })
    html = page_html(Entry(record, base.path, base.doc))
    for output in (html, clean(html)):
        audit = Audit()
        audit.feed(output)
        assert audit.bad == [], output


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(name=texts, description=texts)
def test_random_text_converts_in_c_as_in_python_markdown(name: str, description: str) -> None:
    """The fast path (pagehtml.py) and Python-Markdown show the same page, whatever the text."""
    base = KB.entries["pham-minh-chinh"]
    record = base.record.model_copy(update={"name": plain(name, True), "description": plain(description, False)})
    text = page_markdown(Entry(record, base.path, base.doc))
    fast = convert(text, TOC).html
    assert normal(fast) == normal(python_markdown(text))
    audit = Audit()
    audit.feed(clean(fast))
    assert audit.bad == [], fast


_SEGMENT = st.sampled_from(["organizations", "people", "explore", "a", "b-c"])
_DIR = st.lists(_SEGMENT, max_size=3).map(lambda p: "/".join(p) or ".")
_PAGE = st.tuples(st.lists(_SEGMENT, max_size=3), st.sampled_from(["index.md", "x.md", "people.md"])) \
    .map(lambda t: "/".join([*t[0], t[1]]))


@given(_DIR, _PAGE)
def test_links_between_pages_are_those_of_posixpath_relpath(base: str, page: str) -> None:
    from posixpath import relpath

    from vnus_kb.site.markup.markdown import _rel

    assert _rel(base, page) == relpath(page, base)
