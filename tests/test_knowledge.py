"""The real knowledge base: valid with no warning, every factual sentence cited, and a sample of
facts pinned end to end (amount, date and quote as loaded, and where the quote stands)."""

from __future__ import annotations

import pytest

from vnus_kb.knowledge.build import build
from vnus_kb.knowledge.checks.coverage import report
from vnus_kb.knowledge.kb import KnowledgeBase
from vnus_kb.site.pages import render

from .conftest import REPO
from .test_render import missing_anchors


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    kb, diags = build(REPO)
    assert [d.text() for d in diags] == []  # no error and no warning, near-duplicates included
    return kb


def test_every_kind_is_present(kb: KnowledgeBase) -> None:
    counts = {k: len(kb.of_kind(k)) for k in ("organization", "person", "place", "agreement", "programme", "event",
                                               "investment", "target", "indicator", "partnership", "discrepancy")}
    assert all(counts.values()), counts
    assert len(kb.sources) == 5


def test_every_factual_sentence_is_cited(kb: KnowledgeBase) -> None:
    text, complete = report(kb)
    assert complete, text


def test_amkor_factory(kb: KnowledgeBase) -> None:
    e = kb.entries["amkor-bac-ninh-factory"]
    r = e.record
    assert (r.amount.value, r.amount.currency) == (1_600_000_000, "USD")  # type: ignore[attr-defined]
    assert r.started == "2023-10" and r.place == "bac-ninh" and r.investors == ["amkor"]  # type: ignore[attr-defined]
    cite = next(c for c in kb.cites_of(e.id) if c.citation.source == "vbf-2025-07-07")
    body = kb.sources["vbf-2025-07-07"].text.body
    assert body[cite.match.start:cite.match.end] == (
        "Amkor Technology Inc. began construction of a US$1.6-billion factory in Bac Ninh in October 2023")


def test_workforce_targets_feed_each_other(kb: KnowledgeBase) -> None:
    fpt = kb.entries["fpt-10000-semiconductor-professionals-by-2030"].record
    national = kb.entries["national-50000-engineers-by-2030"].record
    assert (fpt.value, fpt.deadline, fpt.contributes_to) == (10_000, "2030", national.id)  # type: ignore[attr-defined]
    assert (national.value, national.deadline) == (50_000, "2030")  # type: ignore[attr-defined]
    # FPT University's enrolment is its own indicator: the article does not count it toward FPT's target
    assert fpt.progress == []  # type: ignore[attr-defined]
    students = kb.entries["fpt-university-semiconductor-students"].record
    assert (students.value, students.qualifier) == (1000, "nearly")  # type: ignore[attr-defined]
    # both articles that state the national goal are cited
    assert {c.citation.source for c in kb.cites_of(national.id)} >= {"vbf-2025-07-07", "intl-cooperation-hi-tech-2024-09-23"}


def test_names_misspellings_and_diacritics(kb: KnowledgeBase) -> None:
    assert "Sypsys" in kb.entries["synopsys"].record.aliases
    assert "JoeBiden" in kb.entries["joe-biden"].record.aliases
    assert kb.entries["pham-minh-chinh"].record.name_vi == "Phạm Minh Chính"
    assert kb.entries["bac-ninh"].record.name_vi == "Bắc Ninh"


def test_discrepancy_make_or_made_in_vietnam(kb: KnowledgeBase) -> None:
    d = kb.entries["fpt-first-chip-make-or-made-in-vietnam"].record
    variants = {v.value: {c.source for c in v.sources} for v in d.variants}  # type: ignore[attr-defined]
    assert variants == {"Make in Vietnam": {"vbf-2025-07-07"}, "Made in Vietnam": {"intl-cooperation-hi-tech-2024-09-23"}}
    assert d.preferred is None  # type: ignore[attr-defined]  # each label once, in different articles: the text does not decide


def test_summit_date_and_place(kb: KnowledgeBase) -> None:
    summit = kb.entries["vietnam-us-summit-investment-innovation-2023"].record
    assert (summit.date, summit.place) == ("2023-09-11", "hanoi")  # type: ignore[attr-defined]


def test_every_citation_anchor_exists_on_the_real_site(kb: KnowledgeBase) -> None:
    assert missing_anchors(render(kb)) == []
