"""Value in quote: each usual written form of a value is found, and near misses are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from vnus_kb.knowledge.build import build
from vnus_kb.knowledge.checks import forms
from vnus_kb.knowledge.checks.values import claims

from .conftest import FIXTURES, run_cli

B = 1_600_000_000


@pytest.mark.parametrize("quote", [
    "Amkor began construction of a $1.6 billion factory",
    "a US$1.6-billion factory in Bac Ninh",
    "an investment of 1.6 billion USD",
    "an investment of 1,600,000,000 dollars",
    "spending US$ 1.6bn on it",
    "a 1.6 billion dollar plant",
])
def test_money_forms_match(quote: str) -> None:
    assert forms.has_number(forms.parse(quote), B, ("count",), "USD")


@pytest.mark.parametrize("quote", [
    "a $1.7 billion factory",  # a different amount
    "a $1.6 million factory",  # a different scale
    "growth of 1.6 percent, and a factory",  # "1.6" about something else
    "a VND1.6 billion grant",  # another currency
    "16 billion transistors",
    "in 1.6 years, a billion chips",
])
def test_money_near_misses_do_not_match(quote: str) -> None:
    assert not forms.has_number(forms.parse(quote), B, ("count",), "USD")


def test_a_small_number_is_not_found_in_an_amount() -> None:
    """1.6 (say, percent) must not stand in a quote that says $1.6 billion."""
    assert not forms.has_number(forms.parse("a $1.6 billion factory"), 1.6, ("count", "multiple"))
    assert forms.has_number(forms.parse("GDP grew 1.6% last quarter"), 1.6, ("count", "multiple"))


@pytest.mark.parametrize(("value", "quote"), [
    ("2023-10", "began construction in October 2023"),
    ("2023-10", "began construction in Oct. 2023"),
    ("2023-10", "began construction in October of 2023"),
    ("2023-10", "work began on October 11, 2023"),
    ("2023", "began construction in October 2023"),
    ("2030", "to train 50,000 engineers by 2030."),
    ("2000", "In 2000, the agreement was signed"),
    ("2023-09-10", "on September 10, 2023, President Biden"),
    ("2023-09-10", "on 10 September 2023 President Biden"),
    ("2023-09-10", "on Sept. 10, 2023"),
    ("2023-09-10", "On September 10 and 11, 2023, President Biden"),
    ("2023-09-11", "On September 10 and 11, 2023, President Biden"),
    ("2023-09-11", "from 10-11 September 2023"),
    ("2023-09-11", "dated 2023-09-11"),
])
def test_date_forms_match(value: str, quote: str) -> None:
    assert forms.has_date(forms.parse(quote), value)


@pytest.mark.parametrize(("value", "quote"), [
    ("2023-10", "began construction in October 2022"),  # a different year
    ("2023-10", "began construction in November 2023"),  # a different month
    ("2023-10", "began construction in 2023"),  # less precise than the value
    ("2024-09-21", "on September 21, the Prime Minister signed"),  # the year comes from the publication date
    ("2023-09-10", "on September 11, 2023"),
    ("2023", "an order of 12023 parts"),  # a year inside another number
    ("2023", "a grant of 2,023 dollars"),
    ("2023", "a grant of $2023"),
    ("2023", "version 1.2023 of the plan"),
    ("2020", "in the 2020s"),
    ("2022", "Vietnam-US trade reached nearly $124 billion last year"),
])
def test_date_near_misses_do_not_match(value: str, quote: str) -> None:
    assert not forms.has_date(forms.parse(quote), value)


@pytest.mark.parametrize(("value", "quote"), [
    (50_000, "the goal of training 50,000 engineers"),
    (50_000, "the goal of training 50 000 engineers"),
    (50_000, "the goal of training fifty thousand engineers"),
    (50_000, "the goal of training 50k engineers"),
    (14, "A total of 14 Vietnamese and American companies"),
    (14, "fourteen companies"),
    (33_000, "created over 33,000 jobs"),
    (124_000_000_000, "trade reached nearly $124 billion"),
    (10, "With over a decade of semiconductor research"),
    (20, "two decades of research"),
    (275, "marking a 275-fold increase"),
    (275, "trade grew 275 times"),
    (2, "trade doubled, a two-fold rise"),
    (21, "twenty-one firms"),
    (105, "one hundred and five firms"),
])
def test_count_forms_match(value: float, quote: str) -> None:
    assert forms.has_number(forms.parse(quote), value, ("count", "multiple"))


@pytest.mark.parametrize(("value", "quote"), [
    (50_000, "the goal of training 5,000 engineers"),
    (50_000, "the goal of training 500,000 engineers"),
    (50_000, "a budget of $50,000.5"),
    (10, "decades of semiconductor research"),  # no number in it
    (100_000, "hundreds of thousands of programmers"),  # vague words are not a number
    (1_000_000, "millions of IT professionals"),
    (275, "marking a 27-fold increase"),
    (7, "the seventh-largest trading partner"),  # a rank is not a count
    (2023, "A320 and A2023 aircraft"),
])
def test_count_near_misses_do_not_match(value: float, quote: str) -> None:
    assert not forms.has_number(forms.parse(quote), value, ("count", "multiple"))


@pytest.mark.parametrize(("value", "quote"), [
    (7, "Vietnam is the world's seventh-largest trading partner of the US"),
    (7, "Vietnam is the 7th largest trading partner"),
    (7, "Vietnam is No. 7 among partners"),
    (2, "the US is Vietnam's second-largest trading partner"),
    (1, "The US is Vietnam's largest export market"),
    (21, "the twenty-first partner"),
])
def test_rank_forms_match(value: float, quote: str) -> None:
    assert forms.has_number(forms.parse(quote), value, ("ordinal",))


@pytest.mark.parametrize(("value", "quote"), [
    (7, "Vietnam is the world's sixth-largest trading partner"),
    (1, "the US is Vietnam's second-largest trading partner"),  # "largest" after an ordinal is not first
    (1, "Vietnam is the 7th largest trading partner"),
    (7, "7 trading partners"),
])
def test_rank_near_misses_do_not_match(value: float, quote: str) -> None:
    assert not forms.has_number(forms.parse(quote), value, ("ordinal",))


@pytest.mark.parametrize(("status", "quote", "stands"), [
    ("under-construction", "Amkor began construction of a factory", True),
    ("under-construction", "the factory is under construction", True),
    ("under-construction", "Amkor is building a factory", True),
    ("operating", "the factory opened in 2023", True),
    ("operating", "the plant is in operation", True),
    ("operating", "Synopsys launched a design center", False),  # launching is not operating
    ("announced", "Marvell announced plans to establish a center", True),
    ("planned", "FPT plans to invest $200 million", True),
    ("planned", "the government will provide seed funding", True),
    ("proposed", "Boeing made proposals to spearhead the development", True),
    ("committed", "FPT has committed to training 10,000 professionals", True),
    ("committed", "the government will provide seed funding", False),
    ("completed", "the factory began construction", False),
])
def test_status_words(status: str, quote: str, stands: bool) -> None:
    assert forms.has_status(forms.parse(quote), status) is stands


def test_vietnamese_names_need_their_diacritics() -> None:
    assert forms.has_exact(forms.parse("Thủ tướng Phạm  Minh\nChính phát biểu"), "Phạm Minh Chính")
    assert not forms.has_exact(forms.parse("Prime Minister Pham Minh Chinh said"), "Phạm Minh Chính")


@pytest.mark.parametrize(("code", "quote", "stands"), [
    ("US", "U.S. President Joe Biden", True),
    ("US", "the United States and Vietnam", True),
    ("US", "American companies", True),
    ("US", "a US$1.6-billion factory", False),  # a currency, not a country
    ("US", "join us in Hanoi", False),
    ("VN", "Vietnamese companies", True),
    ("VN", "Viet Nam News Agency", True),
    ("KR", "South Korean firms", True),
    ("TW", "Taiwanese manufacturer Foxconn", True),
    ("TW", "Vietnamese firms", False),
])
def test_countries(code: str, quote: str, stands: bool) -> None:
    assert forms.has_country(forms.parse(quote), code) is stands


def test_vague_words_stand_as_whole_words() -> None:
    p = forms.parse("Vietnam has trained hundreds of thousands of programmers")
    assert forms.has_words(p, "hundreds of thousands")
    assert not forms.has_words(p, "thousand")
    assert not forms.has_words(p, "millions")


def test_forms_looked_for_read_as_a_reader_writes_them() -> None:
    assert forms.money_forms(B, "USD") == ["$1.6 billion", "US$1.6-billion", "1.6 billion USD", "1,600,000,000"]
    assert forms.date_forms("2023-10") == ["October 2023", "Oct. 2023"]
    assert forms.date_forms("2023-09-10") == ["September 10, 2023", "10 September 2023"]
    assert forms.number_forms(50_000, "engineers") == ["50,000", "50 000", "fifty thousand"]
    assert forms.number_forms(7, "rank") == ["seventh-largest", "7th", "No. 7"]
    assert forms.number_forms(10, "years") == ["10", "ten", "a decade"]
    assert forms.number_forms(275, "fold") == ["275-fold", "275 times"]


def test_the_fixture_knowledge_base_classes_every_value(tmp_path: Path) -> None:
    kb, diags = build(FIXTURES / "kb")
    assert not diags
    by = {(c.record, c.field): c for c in claims(kb)}
    assert by[("amkor-bac-ninh", "amount")].basis == "quoted"
    assert by[("amkor-bac-ninh", "status")].basis == "quoted"
    assert by[("joe-biden", "country")].basis == "quoted"
    assert by[("synopsys", "country")].basis == "inferred"
    assert by[("hanoi", "name_vi")].basis == "outside"
    assert by[("pham-minh-chinh", "roles[0].as_of")].basis == "inferred"
    assert by[("trade-2022", "value")].value == "124,000,000,000 USD"


def test_a_value_not_in_its_quote_is_reported_on_its_line(kb_copy: Path) -> None:
    path = kb_copy / "data" / "investments" / "amkor-bac-ninh.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("1600000000", "1700000000"), encoding="utf-8")
    code, out, _ = run_cli("validate", str(kb_copy))
    assert code == 1
    assert out.splitlines() == [
        'data/investments/amkor-bac-ninh.yaml:4:9: error[value-not-in-quote]: amount 1,700,000,000 USD is not in the '
        'quotes that cite it: "Amkor Technology Inc. began construction of a US$1.6-billion factory …" '
        '(sample-2023); looked for "$1.7 billion", "US$1.7-billion", "1.7 billion USD", "1,700,000,000"; quote the '
        'words that state it, or say how it was obtained: provenance: {amount: {basis: inferred or outside, how: ...}}']
