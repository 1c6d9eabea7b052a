"""Typed records. Strict: unknown fields refused, no coercion, every reference typed by kind."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal, get_args

import pycountry
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from ..text import text_problem

SLUG_RE = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_URL_RE = re.compile(r"https?://[^\s<>\"'`\\\x00-\x1f\x7f]+")


@dataclass(frozen=True)
class Ref:
    """Marks a field as a reference to records of these kinds."""

    kinds: tuple[str, ...]


def _plain(single_line: bool, max_len: int) -> Any:
    def check(value: str) -> str:
        problem = text_problem(value, single_line)
        if problem:
            raise ValueError(f"text {problem}")
        if len(value) > max_len:
            raise ValueError(f"text is {len(value):,} characters long, more than {max_len:,}")
        return value

    return AfterValidator(check)


def _date(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)  # a bare year is lossless
    return value


def _check_date(value: str) -> str:
    m = _DATE_RE.fullmatch(value)
    if not m:
        raise ValueError("date must be 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'")
    year, month, day = (int(g) if g else None for g in m.groups())
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month {month:02d} does not exist")
    if day is not None and month is not None and not 1 <= day <= calendar.monthrange(year or 1, month)[1]:
        raise ValueError(f"{value} is not a calendar date")
    return value


def _check_country(value: str) -> str:
    if not re.fullmatch(r"[A-Z]{2}", value) or pycountry.countries.get(alpha_2=value) is None:
        raise ValueError(f"'{value}' is not an ISO 3166 alpha-2 country code (such as 'VN' or 'US')")
    return value


def _check_currency(value: str) -> str:
    if not re.fullmatch(r"[A-Z]{3}", value) or pycountry.currencies.get(alpha_3=value) is None:
        raise ValueError(f"'{value}' is not an ISO 4217 currency code (such as 'USD' or 'VND')")
    return value


def _check_url(value: str) -> str:
    if not _URL_RE.fullmatch(value):
        raise ValueError("URL must start with http:// or https:// and hold no spaces or quotes")
    return value


Slug = Annotated[str, Field(pattern=SLUG_RE, max_length=80)]
Name = Annotated[str, Field(min_length=1), _plain(True, 200)]
Line = Annotated[str, Field(min_length=1), _plain(True, 1000)]
Text = Annotated[str, Field(min_length=1), _plain(False, 5000)]
Quote = Annotated[str, Field(min_length=3), _plain(False, 1500)]
Date = Annotated[str, BeforeValidator(_date), AfterValidator(_check_date)]
Country = Annotated[str, AfterValidator(_check_country)]
Currency = Annotated[str, AfterValidator(_check_currency)]
Url = Annotated[str, Field(max_length=2000), AfterValidator(_check_url)]
NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Qualifier = Literal["nearly", "about", "over", "at least", "up to", "more than", "less than"]

ORG = Ref(("organization",))
PLACE = Ref(("place",))
ACTOR = Ref(("organization", "person", "place"))
ANY = Ref(("organization", "person", "place", "agreement", "programme", "event", "investment",
           "target", "indicator", "partnership"))

Sector = Literal[
    "semiconductors", "artificial-intelligence", "cloud-computing", "energy", "energy-storage",
    "rare-earths", "aviation", "digital-transformation", "education-and-training", "research",
    "finance", "trade", "investment", "diplomacy", "climate", "manufacturing", "automotive",
    "healthcare", "telecommunications", "electronics", "innovation", "hydrogen", "infrastructure",
]
SECTORS: tuple[str, ...] = get_args(Sector)


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Citation(Strict):
    """The exact words of a source that a record, or some of its fields, rests on."""

    source: Annotated[Slug, Ref(("source",))]
    quote: Quote
    fields: list[str] = Field(default_factory=list, description="the fields this quote supports; none means the record as a whole")


Sources = Annotated[list[Citation], Field(min_length=1)]

def _words() -> Any:
    return Field(None, description="the article's own words for a vague quantity ('hundreds of thousands'); "
                 "when set, the number is only a bound kept for sorting, and qualifier says which bound")


class Basis(Strict):
    """How a value that does not stand in the words of its quotes was obtained."""

    basis: Literal["inferred", "outside"] = Field(description="inferred: from the sources by a reader's step; "
                                                  "outside: from no source of this knowledge base")
    how: Text = Field(description="inferred: from what; outside: why it is here and where from")
    source: Annotated[Slug, Ref(("source",))] | None = Field(None, description="inferred only: the article the inference is made from")
    reference: Url | None = Field(None, description="outside only: where a reader can check it")

    @model_validator(mode="after")
    def _fits_basis(self) -> Basis:
        if self.source is not None and self.basis != "inferred":
            raise ValueError("'source' belongs to an inferred value; an outside one gives a 'reference'")
        if self.reference is not None and self.basis != "outside":
            raise ValueError("'reference' belongs to an outside value; an inferred one names its 'source'")
        return self


Provenance = Annotated[dict[str, Basis], Field(
    default_factory=dict, description="per field of this same model whose value is not in the words of its quotes: how it was obtained")]


class Money(Strict):
    value: NonNegative
    currency: Currency
    qualifier: Qualifier | None = None
    words: Name | None = _words()


class Record(Strict):
    KIND: ClassVar[str] = ""
    FOLDER: ClassVar[str] = ""
    # Fields whose values are claims that a citation must name in its `fields`.
    CLAIMS: ClassVar[tuple[str, ...]] = ()

    id: Slug
    name: Name
    aliases: list[Name] = Field(default_factory=list, description="every other spelling met in the sources, misspellings included")
    name_vi: Name | None = Field(None, description="the name in Vietnamese with diacritics")
    sectors: list[Sector] = Field(default_factory=list)
    description: Text | None = None
    sources: Sources
    distinct_from: list[Annotated[Slug, ANY]] = Field(default_factory=list, description="records with a similar name that are not the same thing")
    provenance: Provenance

    def all_names(self) -> list[str]:
        names = [self.name, *self.aliases]
        if self.name_vi:
            names.append(self.name_vi)
        return names


class Organization(Record):
    KIND = "organization"
    FOLDER = "organizations"
    CLAIMS = ("headquarters",)
    type: Literal["company", "government", "ministry", "agency", "association", "university", "research",
                  "fund", "political-party", "media", "international"]
    country: Country | None = None
    headquarters: Annotated[Slug, PLACE] | None = None
    parent: Annotated[Slug, ORG] | None = None
    website: Url | None = None


class Role(Strict):
    title: Name
    organization: Annotated[Slug, ORG] | None = None
    since: Date | None = None
    until: Date | None = None
    as_of: Date | None = Field(None, description="when the source shows the person in this role")
    sources: Sources
    provenance: Provenance


class Person(Record):
    KIND = "person"
    FOLDER = "people"
    country: Country | None = None
    roles: list[Role] = Field(default_factory=list)


class Place(Record):
    KIND = "place"
    FOLDER = "places"
    type: Literal["country", "state", "region", "province", "city", "district", "park", "site"]
    within: Annotated[Slug, PLACE] | None = None
    country: Country | None = None


class Agreement(Record):
    KIND = "agreement"
    FOLDER = "agreements"
    CLAIMS = ("signed", "announced", "value")
    type: Literal["memorandum-of-cooperation", "memorandum-of-understanding", "purchase", "partnership",
                  "framework", "cooperation-agreement", "joint-statement"]
    parties: list[Annotated[Slug, ACTOR]] = Field(default_factory=list)
    signed: Date | None = None
    announced: Date | None = None
    event: Annotated[Slug, Ref(("event",))] | None = None
    value: Money | None = None
    summary: Text | None = None


class Programme(Record):
    KIND = "programme"
    FOLDER = "programmes"
    CLAIMS = ("adopted", "horizon", "vision")
    type: Literal["strategy", "programme", "law", "initiative", "competition", "training"]
    owner: Annotated[Slug, ACTOR] | None = None
    partners: list[Annotated[Slug, ACTOR]] = Field(default_factory=list)
    adopted: Date | None = None
    horizon: Date | None = None
    vision: Date | None = None
    summary: Text | None = None


class Event(Record):
    KIND = "event"
    FOLDER = "events"
    CLAIMS = ("date", "start", "end", "place")
    type: Literal["state-visit", "summit", "conference", "talks", "signing", "construction-start", "launch",
                  "announcement", "establishment", "milestone"]
    date: Date | None = None
    start: Date | None = None
    end: Date | None = None
    place: Annotated[Slug, PLACE] | None = None
    participants: list[Annotated[Slug, ACTOR]] = Field(default_factory=list)
    outcomes: list[Annotated[Slug, ANY]] = Field(default_factory=list)
    part_of: Annotated[Slug, Ref(("event",))] | None = None

    @model_validator(mode="after")
    def _dated(self) -> Event:
        if self.date is None and self.start is None:
            raise ValueError("an event needs 'date' or 'start'")
        return self


class Investment(Record):
    KIND = "investment"
    FOLDER = "investments"
    CLAIMS = ("amount", "status", "announced", "started")
    investors: Annotated[list[Annotated[Slug, ACTOR]], Field(min_length=1)]
    partners: list[Annotated[Slug, ACTOR]] = Field(default_factory=list)
    amount: Money | None = None
    place: Annotated[Slug, PLACE] | None = None
    status: Literal["proposed", "announced", "planned", "committed", "under-construction", "operating", "completed"]
    announced: Date | None = None
    started: Date | None = None
    summary: Text | None = None


class Progress(Strict):
    value: NonNegative
    unit: Name
    qualifier: Qualifier | None = None
    words: Name | None = _words()
    as_of: Date | None = None
    by: Annotated[Slug, ACTOR] | None = None
    note: Name | None = None
    sources: Sources
    provenance: Provenance


class Target(Record):
    KIND = "target"
    FOLDER = "targets"
    CLAIMS = ("value", "deadline")
    owner: Annotated[Slug, ACTOR]
    metric: Name
    value: NonNegative
    unit: Name
    qualifier: Qualifier | None = None
    words: Name | None = _words()
    deadline: Date
    announced: Date | None = None
    programme: Annotated[Slug, Ref(("programme",))] | None = None
    contributes_to: Annotated[Slug, Ref(("target",))] | None = None
    progress: list[Progress] = Field(default_factory=list)


class Indicator(Record):
    KIND = "indicator"
    FOLDER = "indicators"
    CLAIMS = ("value", "period")
    metric: Name
    value: NonNegative
    unit: Name
    qualifier: Qualifier | None = None
    words: Name | None = _words()
    period: Name | None = None
    subjects: list[Annotated[Slug, ACTOR]] = Field(default_factory=list)


class Partnership(Record):
    KIND = "partnership"
    FOLDER = "partnerships"
    CLAIMS = ("since",)
    parties: Annotated[list[Annotated[Slug, ACTOR]], Field(min_length=2)]
    kind: Literal["technology", "research", "training", "investment", "supply-chain", "strategic", "diplomatic"]
    since: Date | None = None
    event: Annotated[Slug, Ref(("event",))] | None = None
    summary: Text | None = None


class Variant(Strict):
    value: Name
    sources: Sources


class Discrepancy(Record):
    KIND = "discrepancy"
    FOLDER = "discrepancies"
    about: Annotated[list[Annotated[Slug, ANY]], Field(min_length=1)]
    field: Annotated[str, Field(pattern=r"^[a-z_]+$")]
    variants: Annotated[list[Variant], Field(min_length=2)]
    preferred: Name | None = None
    note: Text


class ChromeSpan(Strict):
    """Lines of a page that are not the article (navigation, share buttons, teasers)."""

    start: Line
    end: Line | None = None
    to_end: bool = Field(False, description="the span runs from start to the end of the page")
    why: Name | None = None


class Source(Strict):
    """Front matter of a source article under seeds/."""

    id: Slug
    title: Name | None = Field(None, description="the headline, where the page gives one")
    publisher: Name | None = None
    published: Date | None = None
    author: Name | None = None
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$")]
    original_file: Annotated[str, Field(pattern=r"^[\w.-]+$", max_length=200)]
    url: Url | None = None
    chrome: list[ChromeSpan] = Field(default_factory=list)


RECORD_TYPES: tuple[type[Record], ...] = (Organization, Person, Place, Agreement, Programme, Event,
                                         Investment, Target, Indicator, Partnership, Discrepancy)
KINDS: dict[str, type[Record]] = {t.KIND: t for t in RECORD_TYPES}
FOLDERS: dict[str, type[Record]] = {t.FOLDER: t for t in RECORD_TYPES}

Loc = tuple[str | int, ...]
