"""Every record page's schema.org JSON-LD and Open Graph tags: valid JSON of the right type with
the record's names, dates, amounts and citations; no data text can leave its element."""

from __future__ import annotations

import json
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from vnus_kb.knowledge.build import build
from vnus_kb.knowledge.read.models import KINDS
from vnus_kb.site.outputs.jsonld import RecordHeads, open_graph, script

from .conftest import FIXTURES

SITE = "https://example.org/kb/"

# one record of every kind in the fixture knowledge base, with the schema.org type it must have
TYPES = {
    "organizations/fpt.md": "Corporation",
    "organizations/fpt-university.md": "CollegeOrUniversity",
    "people/joe-biden.md": "Person",
    "places/hanoi.md": "Place",
    "agreements/semiconductor-moc.md": "CreativeWork",
    "programmes/semiconductor-hr-programme.md": "CreativeWork",
    "events/hanoi-talks-2023.md": "Event",
    "investments/amkor-bac-ninh.md": "InvestOrDepositAction",
    "targets/fpt-10000-professionals.md": "Thing",
    "indicators/trade-2022.md": "PropertyValue",
    "partnerships/nvidia-fpt.md": "Thing",
    "discrepancies/fpt-chip-name.md": "Claim",
}


class Head(HTMLParser):
    """The <meta> and <script> elements of a piece of markup, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.scripts: list[tuple[str, str]] = []  # (type, text)
        self.tags: list[str] = []
        self._script: list[str] | None = None
        self._type = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        a = {k: v or "" for k, v in attrs}
        if tag == "meta":
            self.meta[a.get("property", "")] = a.get("content", "")
        if tag == "script":
            self._script, self._type = [], a.get("type", "")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._type, "".join(self._script)))
            self._script = None


def parse(markup: str) -> Head:
    head = Head()
    head.feed(markup)
    head.close()
    return head


def json_ld(markup: str) -> dict[str, Any]:
    head = parse(markup)
    assert [t for t, _ in head.scripts] == ["application/ld+json"], head.scripts
    data = json.loads(head.scripts[0][1])
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def heads() -> Mapping[str, str]:
    kb, diags = build(FIXTURES / "kb")
    assert not diags
    return RecordHeads(kb, SITE, "vnus-kb")


def test_every_record_page_has_json_ld_of_its_kind(heads: Mapping[str, str]) -> None:
    kb, _ = build(FIXTURES / "kb")
    assert set(heads) == {f"{KINDS[e.kind].FOLDER}/{e.id}.md" for e in kb.entries.values()}
    assert {p.split("/")[0] for p in TYPES} == {t.FOLDER for t in KINDS.values()}
    for path, expected in TYPES.items():
        data = json_ld(heads[path])
        record = kb.entries[path.split("/")[1].removesuffix(".md")].record
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == expected, path
        assert data["name"] == record.name
        assert data["url"] == SITE + path.removesuffix(".md") + "/"
        citations = data["subjectOf"]["citation"]
        assert citations and citations[0]["@type"] == "NewsArticle"
        assert citations[0]["headline"] == "Chips and talks in Hanoi"
        assert citations[0]["datePublished"] == "2023-09-12"


def test_names_dates_amounts_and_links_between_records(heads: Mapping[str, str]) -> None:
    synopsys = json_ld(heads["organizations/synopsys.md"])
    assert synopsys["alternateName"] == ["Synopsys Inc.", "Sypsys"]
    assert synopsys["address"] == {"@type": "PostalAddress", "addressCountry": "US"}
    talks = json_ld(heads["events/hanoi-talks-2023.md"])
    assert talks["startDate"] == "2023-09-11"
    assert talks["location"] == {"@type": "Place", "name": "Hanoi", "url": SITE + "places/hanoi/"}
    assert {a["name"] for a in talks["attendee"]} == {"Joe Biden", "Pham Minh Chinh"}
    amkor = json_ld(heads["investments/amkor-bac-ninh.md"])
    assert amkor["amount"]["@type"] == "MonetaryAmount"
    assert amkor["amount"]["currency"] == "USD" and amkor["amount"]["value"] > 0
    assert amkor["agent"][0]["url"] == SITE + "organizations/amkor/"


def test_open_graph_title_and_description(heads: Mapping[str, str]) -> None:
    meta = parse(heads["organizations/synopsys.md"]).meta
    assert meta["og:title"] == "Synopsys"
    assert meta["og:type"] == "article"
    assert meta["og:url"] == SITE + "organizations/synopsys/"
    assert meta["og:description"]


HOSTILE = ["</script><script>alert(1)</script>", "</SCRIPT ><img src=x onerror=alert(1)>", "<!--<script>",
           "a\u2028b\u2029c", '"><meta http-equiv=refresh content=0>', "AT&T &amp; Co &lt;b&gt;", "]]></x>"]


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_name_stays_inside_its_elements(name: str) -> None:
    markup = open_graph(name, name, SITE) + script({"@type": "Thing", "name": name, "description": name})
    head = parse(markup)
    assert head.tags == ["meta", "meta", "meta", "meta", "script"]  # og:type, og:title, og:description, og:url
    assert head.meta["og:title"] == name and head.meta["og:description"] == name
    assert json.loads(head.scripts[0][1]) == {"@type": "Thing", "name": name, "description": name}
    assert "<" not in head.scripts[0][1] and ">" not in head.scripts[0][1]


def test_a_hostile_record_built_from_yaml(kb_copy: Path) -> None:
    name = "O'Brien \"&amp;\" Co {{ config }}"  # names may not hold < or >; descriptions may
    description = "</script><script>alert(1)</script> <!-- </SCRIPT >"
    record = yaml.safe_load((FIXTURES / "kb" / "data" / "organizations" / "synopsys.yaml").read_text(encoding="utf-8"))
    record.update(id="hostile", name=name, aliases=[], description=description)
    (kb_copy / "data" / "organizations" / "hostile.yaml").write_text(yaml.safe_dump(record), encoding="utf-8")
    kb, diags = build(kb_copy)
    assert not [d for d in diags if d.level == "error"], diags
    markup = RecordHeads(kb, SITE, "vnus-kb")["organizations/hostile.md"]
    data = json_ld(markup)
    assert data["name"] == name and data["description"] == description
    meta = parse(markup).meta
    assert meta["og:title"] == name and meta["og:description"] == description
