"""What search engines and link previews read: schema.org JSON-LD for each record, and Open Graph
title and description for every page, as markup for the page's <head>.

Data text reaches this markup in two ways only, both escaped here: JSON strings inside
<script type="application/ld+json"> (serialised by json.dumps, then every <, > and & written as a
\\u escape, so no data can end the script element), and attribute values of <meta> (html.escape).
The plugin adds the result after the sanitiser has run over the page's content.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import urljoin

from ...knowledge.kb import KnowledgeBase
from ...knowledge.read.models import Money, Record
from ...knowledge.read.reserved import address
from ..markup import formatting as fmt
from ..markup.labels import KIND_LABELS
from ..markup.page import pack, page_of, source_label

# schema.org types by kind; organizations, programmes and agreements by their own type
TYPES = {"organization": "Organization", "person": "Person", "place": "Place", "event": "Event",
         "agreement": "CreativeWork", "programme": "CreativeWork", "investment": "InvestOrDepositAction",
         "target": "Thing", "indicator": "PropertyValue", "partnership": "Thing", "discrepancy": "Claim"}
ORGANIZATION_TYPES = {"company": "Corporation", "government": "GovernmentOrganization",
                      "ministry": "GovernmentOrganization", "agency": "GovernmentOrganization",
                      "university": "CollegeOrUniversity", "research": "ResearchOrganization",
                      "media": "NewsMediaOrganization", "political-party": "PoliticalParty"}
ACTION_STATUS = {"under-construction": "ActiveActionStatus", "operating": "ActiveActionStatus",
                 "completed": "CompletedActionStatus"}  # otherwise potential: proposed ... committed


def url_of(site_url: str, path: str) -> str:
    """The absolute address of a generated page or file (``x/y.md`` at ``<site_url>x/y/``)."""
    return urljoin(site_url, address(path))


def schema_type(r: Record) -> str:
    kind = r.KIND
    if kind == "organization":
        return ORGANIZATION_TYPES.get(getattr(r, "type", ""), "Organization")
    if kind == "programme" and getattr(r, "type", "") == "law":
        return "Legislation"
    return TYPES[kind]


def _money(m: Money) -> dict[str, Any]:
    return {"@type": "MonetaryAmount", "currency": m.currency, "value": m.value}


class JsonLd:
    def __init__(self, kb: KnowledgeBase, site_url: str) -> None:
        self.kb = kb
        self.site_url = site_url

    def _url(self, path: str) -> dict[str, str]:
        return {"url": url_of(self.site_url, path)} if self.site_url else {}

    def ref(self, rid: str | None) -> dict[str, Any] | None:
        e = self.kb.entries.get(rid or "")
        if e is None:
            return None
        return {"@type": schema_type(e.record), "name": e.record.name, **self._url(page_of(e.kind, e.id))}

    def refs(self, ids: list[str]) -> list[dict[str, Any]]:
        return [x for x in (self.ref(i) for i in ids) if x]

    def citations(self, rid: str) -> list[dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for c in self.kb.cites_of(rid):
            src = self.kb.sources[c.citation.source]
            m = src.meta
            item: dict[str, Any] = {"@type": "NewsArticle", "headline": source_label(src)}
            if m.url:
                item["url"] = m.url
            if m.publisher:
                item["publisher"] = {"@type": "Organization", "name": m.publisher}
            if m.author:
                item["author"] = {"@type": "Person", "name": m.author}
            if m.published:
                item["datePublished"] = m.published
            item["inLanguage"] = m.language
            out.setdefault(src.id, item)
        return list(out.values())

    def facts(self, r: Any) -> dict[str, Any]:
        """The fields of each kind that schema.org has words for."""
        k = r.KIND
        d: dict[str, Any] = {}
        if k == "organization":
            d["location"] = self.ref(r.headquarters)
            d["parentOrganization"] = self.ref(r.parent)
            d["sameAs"] = r.website
            if r.country:
                d["address"] = {"@type": "PostalAddress", "addressCountry": r.country}
        elif k == "person":
            d["nationality"] = {"@type": "Country", "name": r.country} if r.country else None
            d["jobTitle"] = [role.title for role in r.roles] or None
            d["affiliation"] = self.refs([role.organization for role in r.roles if role.organization]) or None
        elif k == "place":
            d["containedInPlace"] = self.ref(r.within)
            if r.country:
                d["address"] = {"@type": "PostalAddress", "addressCountry": r.country}
        elif k == "event":
            d["startDate"] = r.date or r.start
            d["endDate"] = r.end
            d["location"] = self.ref(r.place)
            d["attendee"] = self.refs(r.participants) or None
            d["superEvent"] = self.ref(r.part_of)
        elif k == "agreement":
            d["dateCreated"] = r.signed
            d["datePublished"] = r.announced
            d["contributor"] = self.refs(r.parties) or None
            d["abstract"] = r.summary
            if r.value:
                d["additionalProperty"] = {"@type": "PropertyValue", "name": "value", "value": _money(r.value)}
        elif k == "programme":
            d["dateCreated"] = r.adopted
            d["creator"] = self.ref(r.owner)
            d["contributor"] = self.refs(r.partners) or None
            d["abstract"] = r.summary
        elif k == "investment":
            d["agent"] = self.refs(r.investors)
            d["participant"] = self.refs(r.partners) or None
            d["amount"] = _money(r.amount) if r.amount else None
            d["location"] = self.ref(r.place)
            d["startTime"] = r.started
            d["actionStatus"] = ACTION_STATUS.get(r.status, "PotentialActionStatus")
        elif k == "target":
            d["additionalProperty"] = {"@type": "PropertyValue", "name": r.metric, "value": r.value,
                                       "unitText": r.unit, "validThrough": r.deadline}
        elif k == "indicator":
            d["value"] = r.value
            d["unitText"] = r.unit
            d["propertyID"] = r.metric
        elif k == "partnership":
            d["additionalType"] = f"{r.kind} partnership"
            d["about"] = self.refs(r.parties)
        elif k == "discrepancy":
            d["about"] = self.refs(r.about)
            d["text"] = r.note
        return {key: v for key, v in d.items() if v not in (None, [], "")}

    def record(self, rid: str) -> dict[str, Any]:
        e = self.kb.entries[rid]
        r = e.record
        data: dict[str, Any] = {"@context": "https://schema.org", "@type": schema_type(r), "name": r.name}
        data.update(self._url(page_of(e.kind, e.id)))
        alternate = [*r.aliases, *([r.name_vi] if r.name_vi else [])]
        if alternate:
            data["alternateName"] = alternate
        if r.description:
            data["description"] = r.description
        if r.sectors:
            data["keywords"] = ", ".join(fmt.label(x) for x in r.sectors)
        data.update(self.facts(r))
        cited = self.citations(rid)
        if cited:
            data["subjectOf"] = {"@type": "WebPage", **self._url(page_of(e.kind, e.id)), "citation": cited}
        return data


def script(data: dict[str, Any]) -> str:
    """A <script type="application/ld+json"> element no data text can break out of."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return f'<script type="application/ld+json">{text}</script>'


def open_graph(title: str, description: str, url: str = "", kind: str = "website", site_name: str = "") -> str:
    """Open Graph <meta> elements; every value escaped for an attribute."""
    tags = [("og:type", kind), ("og:title", title), ("og:description", description), ("og:url", url),
            ("og:site_name", site_name)]
    return "".join(f'<meta property="{p}" content="{html.escape(v, quote=True)}">' for p, v in tags if v)


def describe(r: Record) -> str:
    """One or two sentences for a link preview."""
    text = (r.description or getattr(r, "summary", None) or getattr(r, "note", None)
            or f"{KIND_LABELS[r.KIND][0]}: {r.name}, with every fact cited from its source.")
    text = " ".join(text.split())
    return text if len(text) <= 200 else text[:199].rsplit(" ", 1)[0] + "…"


class RecordHeads(Mapping[str, str]):
    """Markup for the <head> of each record page, by page path, made when a page is written: a
    one-shot build holds no copy of all of them (18 MB at 10,000 records), and the edit loop's
    rebuild makes only those of the pages it writes again."""

    def __init__(self, kb: KnowledgeBase, site_url: str, site_name: str) -> None:
        self._ld = JsonLd(kb, site_url)
        self._site_url, self._site_name = site_url, site_name
        self._ids = {page_of(e.kind, e.id): e.id for e in kb.entries.values()}

    def __getitem__(self, path: str) -> str:
        e = self._ld.kb.entries[self._ids[path]]
        og = open_graph(e.record.name, describe(e.record), url_of(self._site_url, path) if self._site_url else "",
                        "article", self._site_name)
        return og + script(self._ld.record(e.id))

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def packed(self, paths: Sequence[str]) -> dict[str, bytes]:
        """The heads of these pages, packed (markup/page.py): a one-shot build makes them all
        before it writes the first page, in its render workers (pages.render_with)."""
        return {path: pack(self[path]) for path in paths}
