"""The statements export: one row per (record, field, value), with how the value was obtained."""

from __future__ import annotations

import csv
import io
import json

from vnus_kb.knowledge.build import build
from vnus_kb.knowledge.checks.values import claims, stands_in
from vnus_kb.site.outputs.statements import COLUMNS
from vnus_kb.site.pages import site_files

from .conftest import FIXTURES, REPO, run_cli


def _rows(csv_text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(csv_text)))


def test_statements_are_published_as_csv_and_json_and_listed_on_the_data_page() -> None:
    kb, _ = build(FIXTURES / "kb")
    pages, files = site_files(kb)
    rows = _rows(files["downloads/statements.csv"])
    assert tuple(rows[0]) == COLUMNS
    assert json.loads(files["downloads/statements.json"]) == rows
    data = pages["data.md"].markdown
    assert "(downloads/statements.csv)" in data and "(downloads/statements.json)" in data
    by = {(r["record"], r["field"]): r for r in rows}
    assert by[("amkor-bac-ninh", "amount")] == {
        "record": "amkor-bac-ninh", "kind": "investment", "field": "amount", "value": "1,600,000,000 USD",
        "basis": "quoted", "source": "sample-2023",
        "quote": "Amkor Technology Inc. began construction of a US$1.6-billion factory in Bac Ninh in October 2023.",
        "note": ""}
    assert by[("pham-minh-chinh", "roles[0].as_of")]["basis"] == "inferred"
    assert by[("pham-minh-chinh", "roles[0].as_of")]["note"].startswith("the article says he met Joe Biden")
    assert by[("amkor", "country")]["basis"] == "outside"
    assert by[("amkor", "country")]["note"].endswith("Reference: https://en.wikipedia.org/wiki/Amkor_Technology")


def test_real_knowledge_base_validates_strictly_under_the_value_rule() -> None:
    code, out, _ = run_cli("validate", "--strict", str(REPO))
    assert out == ""
    assert code == 0


def test_every_quoted_statement_of_the_real_knowledge_base_stands_in_its_quote() -> None:
    kb, _ = build(REPO)
    _, files = site_files(kb)
    rows = _rows(files["downloads/statements.csv"])
    quoted = [r for r in rows if r["basis"] == "quoted"]
    assert quoted
    loc_of = {(c.record, c.field): c.loc for c in claims(kb)}
    wrong = [r for r in quoted if not r["quote"] or not stands_in(kb, r["record"], loc_of[(r["record"], r["field"])], r["quote"])]
    assert wrong == []
    assert {r["basis"] for r in rows} <= {"quoted", "inferred", "outside", "uncited"}

