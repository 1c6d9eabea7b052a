"""How a value was obtained, as a reader sees it: marked values, vague words with their bound labelled,
and investment headings that never say more than the status."""

from __future__ import annotations

from pathlib import Path

import markdown
from hypothesis import given
from hypothesis import strategies as st

from vnus_kb.knowledge.build import build
from vnus_kb.site.markup.page import number_tips
from vnus_kb.site.markup.sanitize import clean
from vnus_kb.site.pages import render

from .conftest import FIXTURES


def html_of(page_markdown: str) -> str:
    body = page_markdown.split("---\n", 2)[2]
    return clean(markdown.markdown(body, extensions=["tables", "footnotes"]))


def test_inferred_and_outside_values_are_marked_and_survive_the_sanitiser() -> None:
    kb, _ = build(FIXTURES / "kb")
    pages = render(kb)
    person = html_of(pages["people/pham-minh-chinh.md"].markdown)
    # the Vietnamese name comes from outside the sources; the role's date is inferred
    assert ('<span class="vnus-basis vnus-outside"><span class="vnus-value">'
            '<span data-pagefind-weight="7" data-pagefind-meta="name_vi">Phạm Minh Chính</span></span>' in person)
    assert 'aria-describedby="why-1"' in person and 'id="why-1"' in person  # numbered per page
    assert ('<button type="button" class="vnus-badge" aria-describedby="' in person
            and ">outside the sources</button>" in person and ">inferred</button>" in person)
    assert 'role="tooltip">From outside the sources: His name as written in Vietnamese' in person
    assert "Inferred, not stated in these words: the article says he met Joe Biden" in person
    # a quoted value is not marked
    biden = html_of(pages["people/joe-biden.md"].markdown)
    assert "vnus-basis" not in biden and "11 September 2023" in biden
    # an outside value's reference is a link a reader can follow
    amkor = html_of(pages["organizations/amkor.md"].markdown)
    assert '<a href="https://en.wikipedia.org/wiki/Amkor_Technology" rel="nofollow noopener">' in amkor


def test_vague_words_are_shown_and_the_number_labelled_as_a_bound(kb_copy: Path) -> None:
    (kb_copy / "data/indicators/trade-2022.yaml").write_text(
        "id: trade-2022\nname: Vietnam-US trade last year\nmetric: bilateral trade\nvalue: 100000000000\nunit: USD\n"
        "qualifier: at least\nwords: nearly $124 billion\nperiod: last year\nsubjects: [vietnam]\nsources:\n"
        "  - source: sample-2023\n    quote: Vietnam-US trade reached nearly $124 billion last year.\n"
        "    fields: [value, period]\n", encoding="utf-8")
    kb, diags = build(kb_copy)
    assert diags == []
    pages = render(kb)
    for path in ("index.md", "indicators/trade-2022.md"):
        shown = html_of(pages[path].markdown)
        assert "nearly $124 billion (bound: at least US$100 billion)" in shown, path


def test_investment_headings_follow_the_status(kb_copy: Path) -> None:
    path = kb_copy / "data/investments/amkor-bac-ninh.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: under-construction", "status: planned")
                    .replace("began construction of a US$1.6-billion factory in Bac Ninh in October 2023.",
                             "began construction of a US$1.6-billion factory")
                    .replace("started: '2023-10'\n", "")
                    .replace("fields: [amount, status, started]", "fields: [amount]")
                    + "provenance:\n  status: {basis: inferred, how: a test of a plan}\n", encoding="utf-8")
    kb, diags = build(kb_copy)
    assert diags == []
    pages = render(kb)
    amkor = pages["organizations/amkor.md"].markdown
    assert "### Investments planned\n" in amkor and "Investments made" not in amkor
    assert "### Investments planned here" in pages["places/bac-ninh.md"].markdown
    index = pages["investments/index.md"].markdown
    assert "## Plans and announcements" in index and "## Investments made" not in index


def test_a_relation_from_outside_the_sources_is_marked_on_both_pages() -> None:
    kb, _ = build(FIXTURES / "kb")
    pages = render(kb)
    hanoi = html_of(pages["places/hanoi.md"].markdown)
    vietnam = html_of(pages["places/vietnam.md"].markdown)
    for page in (hanoi, vietnam):
        assert "From outside the sources: Hanoi is the capital of Vietnam" in page
    assert '<span class="vnus-value"><a href="hanoi.md">Hanoi</a></span>' in vietnam  # under "Places within"


def test_an_agreements_value_is_shown_with_its_words(kb_copy: Path) -> None:
    path = kb_copy / "data/agreements/semiconductor-moc.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "provenance:\n", "value: {value: 1000000000, currency: USD, qualifier: more than, words: multibillion-dollar}\n"
        "provenance:\n  value: {basis: outside, how: a test of words from elsewhere}\n"), encoding="utf-8")
    kb, diags = build(kb_copy)
    assert diags == []
    shown = html_of(render(kb)["agreements/semiconductor-moc.md"].markdown)
    assert ("<td>Value</td>\n<td><span class=\"vnus-basis vnus-outside\"><span class=\"vnus-value\">"
            "multibillion-dollar (bound: more than US$1 billion)</span>") in shown


@given(st.lists(st.sampled_from(['aria-describedby="why-#"', 'id="why-#"', 'data-id="why-#"', 'class="why-#"',
                                 "why-#", ' <span ', "text ", '"', "=", "id", "aria-describedby"]), max_size=30))
def test_badges_are_numbered_as_the_attribute_pattern_says(pieces: list[str]) -> None:
    """Each aria-describedby="why-#" takes the next number, and each id="why-#" the number of the
    badge before it; nothing else changes."""
    import re

    markdown = "".join(pieces)
    n = 0

    def numbered(m: re.Match[str]) -> str:
        nonlocal n
        n += m.group(1) == "aria-describedby"
        return f'{m.group(1)}="why-{n}"'

    assert number_tips(markdown) == re.sub(r'(aria-describedby|id)="why-#"', numbered, markdown)
