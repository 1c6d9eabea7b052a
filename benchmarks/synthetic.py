"""A synthetic, valid and realistic knowledge base of any size, for benchmarks and scale tests.

Every kind of record in roughly the real proportions (organizations, people with roles, places,
agreements, programmes, events, investments, targets with progress, indicators, partnerships,
discrepancies); one source article per ~25 records, whose sentences the records quote; references
skewed toward a few hubs (Zipf-like weights, as a national government or a big company is named by
many records); many Vietnamese names with diacritics, namesakes included (the common family and
middle names recur, with different given names). Deterministic for a given ``seed``.
"""

# ruff: noqa: B023  (the name-making lambdas are called at once, inside their loop iteration)
from __future__ import annotations

import itertools
import random
from pathlib import Path
from typing import Any

import yaml

from vnus_kb.knowledge.text import fold_name, strip_accents

# Family names with rough frequencies (Nguyễn alone is about 38%), so namesakes are common.
FAMILY = [("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Huỳnh", 4), ("Phan", 4),
          ("Vũ", 4), ("Võ", 4), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 1), ("Ngô", 1), ("Dương", 1), ("Lý", 1)]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Hữu", "Quang", "Ngọc", "Thanh", "Xuân", "Công", "Chí", "Hoài", "Bảo", "Kim"]
GIVEN = ["An", "Anh", "Bảo", "Bình", "Châu", "Chi", "Cường", "Dũng", "Duy", "Giang", "Hà", "Hải", "Hạnh", "Hiếu",
         "Hòa", "Hùng", "Hương", "Huy", "Khánh", "Khoa", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Nhung",
         "Phong", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Thành", "Thắng", "Thủy", "Trang", "Trung",
         "Tuấn", "Tùng", "Việt", "Vy", "Yến", "Đạt", "Định", "Hiền", "Lộc", "Nhân", "Tiến", "Toàn", "Uyên"]
WESTERN_FIRST = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Susan",
                 "William", "Karen", "Richard", "Thomas", "Nancy", "Daniel", "Emily", "Sarah", "Kevin", "Laura",
                 "George", "Helen", "Peter", "Rachel", "Steven", "Olivia", "Andrew", "Grace", "Brian", "Julia"]
WESTERN_LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
                "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Young",
                "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell",
                "Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner", "Parker", "Collins", "Edwards", "Stewart"]
# Syllables of Vietnamese place and company names.
SYLL = ["Sao", "Mai", "Hòa", "Bình", "Tân", "Phú", "Thịnh", "Phát", "Đông", "Nam", "Bắc", "Tây", "Việt", "Long",
        "Thành", "Hưng", "Phước", "An", "Gia", "Minh", "Quang", "Trung", "Kim", "Ngọc", "Sơn", "Hải", "Hà",
        "Thái", "Vĩnh", "Lạc", "Hồng", "Lam", "Xuân", "Thu", "Hạ", "Đức", "Tiến", "Lộc", "Phong", "Vân"]
PROVINCES = ["Hà Nội", "Hồ Chí Minh City", "Đà Nẵng", "Hải Phòng", "Cần Thơ", "Bắc Ninh", "Bắc Giang", "Hải Dương",
             "Hưng Yên", "Vĩnh Phúc", "Thái Nguyên", "Quảng Ninh", "Bình Dương", "Đồng Nai", "Long An", "Bà Rịa-Vũng Tàu",
             "Khánh Hòa", "Quảng Nam", "Nghệ An", "Thanh Hóa", "Huế", "Lâm Đồng", "Tây Ninh", "Bình Định"]
US_STATES = ["Arizona", "California", "Texas", "New York", "Washington", "Oregon", "Massachusetts", "Ohio",
             "Michigan", "Georgia", "Virginia", "Colorado", "Florida", "Illinois", "Idaho", "Utah"]
SECTOR_WORDS = {"semiconductors": "Semiconductor", "artificial-intelligence": "AI", "cloud-computing": "Cloud",
                "energy": "Energy", "aviation": "Aviation", "digital-transformation": "Digital",
                "education-and-training": "Academy", "research": "Research", "finance": "Capital",
                "manufacturing": "Manufacturing", "telecommunications": "Telecom", "electronics": "Electronics",
                "healthcare": "Health", "infrastructure": "Infrastructure", "hydrogen": "Hydrogen", "trade": "Trading"}
SECTORS = list(SECTOR_WORDS)
ORG_FORMS = [("Joint Stock Company", "Công ty Cổ phần"), ("Group", "Tập đoàn"), ("Corporation", "Tổng công ty"),
             ("Inc.", None), ("LLC", None), ("Institute", "Viện"), ("University", "Trường Đại học"), ("Fund", "Quỹ")]
ORG_TYPES = {"Joint Stock Company": "company", "Group": "company", "Corporation": "company", "Inc.": "company",
             "LLC": "company", "Institute": "research", "University": "university", "Fund": "fund"}
US_WORDS = ["Atlas", "Beacon", "Cascade", "Summit", "Pioneer", "Horizon", "Liberty", "Keystone", "Redwood", "Granite",
            "Harbor", "Meridian", "Frontier", "Sterling", "Crescent", "Evergreen", "Northstar", "Bluewater"]

# Share of each kind in the records (sums to 1).
MIX = [("organization", 0.24), ("person", 0.20), ("place", 0.07), ("agreement", 0.08), ("programme", 0.05),
       ("event", 0.10), ("investment", 0.11), ("target", 0.04), ("indicator", 0.05), ("partnership", 0.05),
       ("discrepancy", 0.01)]
FOLDER = {"organization": "organizations", "person": "people", "place": "places", "agreement": "agreements",
          "programme": "programmes", "event": "events", "investment": "investments", "target": "targets",
          "indicator": "indicators", "partnership": "partnerships", "discrepancy": "discrepancies"}
PER_SOURCE = 25


def _slug(s: str) -> str:
    out = "".join(ch if ch.isalnum() else "-" for ch in strip_accents(s).lower().replace("đ", "d"))
    words = [p for p in out.split("-") if p]
    while len("-".join(words)) > 48 and len(words) > 1:
        words.pop()
    return "-".join(words)[:48]


def _date(rng: random.Random, lo: int = 2015, hi: int = 2026) -> str:
    y = rng.randint(lo, hi)
    return rng.choice([f"{y}", f"{y}-{rng.randint(1, 12):02d}", f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"])



_SYNTHETIC = {"basis": "outside", "how": "a synthetic value"}


def _outside(kind: str, data: dict[str, Any]) -> None:
    """The generated quotes do not state the generated values: each claimed value says so (provenance),
    and no citation claims to state it (issue 8's value-in-quote check)."""
    from vnus_kb.knowledge.read.models import KINDS

    claimed = (*KINDS[kind].CLAIMS, "name_vi", "country")
    for c in data.get("sources", []):
        if "fields" in c:
            c["fields"] = [f for f in c["fields"] if f not in claimed]
            if not c["fields"]:
                del c["fields"]
    prov = {f: dict(_SYNTHETIC) for f in claimed if data.get(f) not in (None, [], "")}
    if prov:
        data["provenance"] = prov
    from vnus_kb.knowledge.checks import forms

    def stated(item: dict[str, Any], f: str) -> bool:  # a nested value is checked against its own quotes
        quotes = [forms.parse(c["quote"]) for c in item.get("sources", [])]
        v = item[f]
        if f == "value":
            return any(forms.has_number(q, float(v), ("count", "multiple")) for q in quotes)
        return any(forms.has_date(q, str(v)) for q in quotes)

    for nested, fields in (("roles", ("since", "until", "as_of")), ("progress", ("value", "as_of"))):
        for item in data.get(nested, []):
            p = {f: dict(_SYNTHETIC) for f in fields if item.get(f) not in (None, [], "") and not stated(item, f)}
            if p:
                item["provenance"] = p

class _Gen:
    def __init__(self, root: Path, records: int, seed: int) -> None:
        self.root, self.rng = root, random.Random(seed)
        self.counts = {k: max(1, round(records * share)) for k, share in MIX}
        self.counts["organization"] += records - sum(self.counts.values())  # the rounding remainder
        self.used: set[str] = set()  # folded names, so no two records share a name by accident
        self.ids: dict[str, list[str]] = {k: [] for k in FOLDER}
        self.names: dict[str, str] = {}
        self.weights: dict[str, list[float]] = {}
        n_sources = max(1, -(-records // PER_SOURCE))
        self.sources: list[list[str]] = [[] for _ in range(n_sources)]  # sentences of each article
        self.source_ids = [f"synthetic-{i:04d}" for i in range(n_sources)]
        self.slot = 0
        self.western = 0

    # -- names ----------------------------------------------------------------------------
    def _unique(self, make: Any) -> str:
        for _ in range(1000):
            name = make()
            key = fold_name(name)
            if key not in self.used:
                self.used.add(key)
                return str(name)
        raise RuntimeError("ran out of names")

    def person_name(self) -> str:
        rng = self.rng
        fam = rng.choices([f for f, _ in FAMILY], [w for _, w in FAMILY])[0]
        middle = " ".join(rng.sample(MIDDLE, rng.choice([1, 1, 2])))
        return f"{fam} {middle} {rng.choice(GIVEN)}"

    # -- sources and citations --------------------------------------------------------------
    def cite(self, sentence: str, fields: list[str] | None = None, src: int | None = None) -> dict[str, Any]:
        """Put ``sentence`` into a source article and return a citation quoting it."""
        if src is None:
            src = self.slot // PER_SOURCE % len(self.sources)
        self.sources[src].append(sentence)
        c: dict[str, Any] = {"source": self.source_ids[src], "quote": sentence.rstrip(".")}
        if fields:
            c["fields"] = fields
        return c

    def pick(self, kind: str) -> str:
        """A record of ``kind``, hubs far more often than the rest (weight 1/rank)."""
        ids = self.ids[kind]
        if kind not in self.weights or len(self.weights[kind]) != len(ids):
            self.weights[kind] = list(itertools.accumulate(1 / (r + 1) ** 1.1 for r in range(len(ids))))
        return self.rng.choices(ids, cum_weights=self.weights[kind])[0]

    def picks(self, kind: str, lo: int, hi: int) -> list[str]:
        return list(dict.fromkeys(self.pick(kind) for _ in range(self.rng.randint(lo, hi))))

    def actor(self) -> str:
        return self.pick(self.rng.choices(["organization", "person", "place"], [8, 1, 1])[0])

    def add(self, kind: str, rid: str, data: dict[str, Any]) -> None:
        _outside(kind, data)
        folder = self.root / "data" / FOLDER[kind]
        (folder / f"{rid}.yaml").write_text(
            yaml.safe_dump({"id": rid, **data}, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")
        self.slot += 1

    def new_id(self, kind: str, name: str) -> str:
        base = _slug(name) or kind
        rid = base if base not in self.names else f"{base}-{len(self.names)}"
        self.names[rid] = name
        self.ids[kind].append(rid)
        return rid

    def nm(self, rid: str) -> str:
        return self.names[rid]

    def sectors(self) -> list[str]:
        return sorted(set(self.rng.sample(SECTORS, self.rng.choice([1, 1, 2, 3]))))

    # -- kinds ------------------------------------------------------------------------------
    def places(self) -> None:
        rng = self.rng
        for name, vi in (("Vietnam", "Việt Nam"), ("United States", None)):
            self.used.add(fold_name(name))
            rid = self.new_id("place", name)
            self.add("place", rid, {"name": name, **({"name_vi": vi} if vi else {}), "type": "country",
                                    "country": "VN" if vi else "US",
                                    "sources": [self.cite(f"{name} is a party to the technology partnership.")]})
        vn, us = self.ids["place"][0], self.ids["place"][1]
        for p in PROVINCES + US_STATES:
            if len(self.ids["place"]) >= self.counts["place"]:
                break
            self.used.add(fold_name(p))
            rid = self.new_id("place", strip_accents(p))
            viet = p in PROVINCES
            self.add("place", rid, {"name": strip_accents(p), **({"name_vi": p} if viet and strip_accents(p) != p else {}),
                                    "type": "province" if viet else "state", "within": vn if viet else us,
                                    "country": "VN" if viet else "US",
                                    "sources": [self.cite(f"Investors are looking at {p} for new technology projects.")]})
        provinces = list(self.ids["place"][2:]) or [vn]
        while len(self.ids["place"]) < self.counts["place"]:
            kind = rng.choice(["park", "district", "city"])
            core = self._unique(lambda: f"{rng.choice(SYLL)} {rng.choice(SYLL)} {rng.choice(SYLL)}")
            vi = {"park": f"Khu công nghệ cao {core}", "district": f"Huyện {core}", "city": f"Thành phố {core}"}[kind]
            en = {"park": f"{strip_accents(core)} Hi-Tech Park", "district": f"{strip_accents(core)} District",
                  "city": f"{strip_accents(core)} City"}[kind]
            self.used.update({fold_name(en), fold_name(vi)})
            rid = self.new_id("place", en)
            within = rng.choice(provinces)
            self.add("place", rid, {"name": en, "name_vi": vi, "type": "district" if kind == "district" else kind,
                                    "within": within, "country": "VN",
                                    "sources": [self.cite(f"{vi} ({en}) lies in {self.nm(within)} and hosts technology firms.")]})

    def organizations(self) -> None:
        rng = self.rng
        gov = [("Government of Vietnam", "Chính phủ Việt Nam", "government", "VN"),
               ("Ministry of Science and Technology", "Bộ Khoa học và Công nghệ", "ministry", "VN"),
               ("US Department of Commerce", None, "government", "US"),
               ("Ministry of Planning and Investment", "Bộ Kế hoạch và Đầu tư", "ministry", "VN")]
        for en, vi, typ, country in gov[: self.counts["organization"]]:
            self.used.add(fold_name(en))
            rid = self.new_id("organization", en)
            self.add("organization", rid, {"name": en, **({"name_vi": vi} if vi else {}), "type": typ, "country": country,
                                           "sources": [self.cite(f"The {en} backs the cooperation on semiconductors and AI.")]})
        while len(self.ids["organization"]) < self.counts["organization"]:
            sector = rng.choice(SECTORS)
            form, vi_form = rng.choice(ORG_FORMS)
            if vi_form and rng.random() < 0.7:
                core = self._unique(lambda: f"{rng.choice(SYLL)} {rng.choice(SYLL)} {rng.choice(SYLL)} {SECTOR_WORDS[sector]}")
                name, vi = f"{strip_accents(core)} {form}", f"{vi_form} {core}"
                country = "VN"
            else:
                core = self._unique(lambda: f"{rng.choice(US_WORDS)} {rng.choice(US_WORDS)} {SECTOR_WORDS[sector]}")
                name, vi, country = f"{core} {form}", None, "US"
            self.used.update({fold_name(name), *([fold_name(vi)] if vi else [])})
            rid = self.new_id("organization", name)
            hq = self.pick("place")
            data: dict[str, Any] = {"name": name}
            if vi:
                data["name_vi"] = vi
            alias = " ".join(strip_accents(core).split()[:2]) + " " + SECTOR_WORDS[sector] + " Co"
            if rng.random() < 0.2 and fold_name(alias) not in self.used:
                data["aliases"] = [alias]
                self.used.add(fold_name(alias))
            data.update({"type": ORG_TYPES[form], "country": country, "headquarters": hq, "sectors": [sector],
                         "description": f"{'Vietnamese' if vi else 'American'} {sector.replace('-', ' ')} organization based in {self.nm(hq)}.",
                         "sources": [self.cite(f"{vi or name}, headquartered in {self.nm(hq)}, works in {sector.replace('-', ' ')}.",
                                               ["headquarters"])]})
            self.add("organization", rid, data)

    def people(self) -> None:
        rng = self.rng
        titles = ["Chairman", "Chief Executive Officer", "Deputy Minister", "Director", "Vice President", "Chief Technology Officer",
                  "Head of Research", "Rector", "General Director", "Senior Adviser"]
        while len(self.ids["person"]) < self.counts["person"]:
            if rng.random() < 0.8 or self.western >= len(WESTERN_FIRST) * len(WESTERN_LAST) // 2:
                vi = self._unique(self.person_name)
                name = strip_accents(vi)
                self.used.add(fold_name(name))
                data: dict[str, Any] = {"name": name, "name_vi": vi, "country": "VN"}
            else:
                vi = None
                name = self._unique(lambda: f"{rng.choice(WESTERN_FIRST)} {rng.choice(WESTERN_LAST)}")
                data = {"name": name, "country": "US"}
                self.western += 1
            rid = self.new_id("person", name)
            roles = []
            for _ in range(rng.choice([1, 1, 2])):
                org, title = self.pick("organization"), rng.choice(titles)
                role: dict[str, Any] = {"title": title, "organization": org, "as_of": _date(rng, 2020, 2025),
                                        "sources": [self.cite(f"{vi or name}, {title} of {self.nm(org)}, spoke at the forum.")]}
                roles.append(role)
            data.update({"sectors": self.sectors(), "roles": roles,
                         "sources": [self.cite(f"{vi or name} took part in the US-Vietnam technology dialogue.")]})
            self.add("person", rid, data)

    def _named(self, kind: str, make: Any) -> tuple[str, str]:
        name = self._unique(make)
        return self.new_id(kind, name), name

    def events(self) -> None:
        rng = self.rng
        types = ["conference", "summit", "talks", "signing", "launch", "announcement", "state-visit", "milestone"]
        while len(self.ids["event"]) < self.counts["event"]:
            typ = rng.choice(types)
            place = self.pick("place")
            when = _date(rng, 2018, 2026)
            rid, name = self._named("event", lambda: f"{typ.replace('-', ' ').capitalize()} on {rng.choice(list(SECTOR_WORDS.values()))} "
                                                     f"in {self.nm(place)}, {when[:4]} (no. {self.slot})")
            parts = [self.actor() for _ in range(rng.randint(1, 4))]
            data: dict[str, Any] = {"name": name, "type": typ, "date": when, "place": place,
                                    "participants": list(dict.fromkeys(parts)), "sectors": self.sectors(),
                                    "description": f"A {typ.replace('-', ' ')} held in {self.nm(place)}.",
                                    "sources": [self.cite(f"The {name} took place in {self.nm(place)} in {when[:4]}.", ["date", "place"])]}
            if len(self.ids["event"]) > 5 and rng.random() < 0.1:
                data["part_of"] = self.pick("event")
            self.add("event", rid, data)

    def agreements(self) -> None:
        rng = self.rng
        types = ["memorandum-of-understanding", "memorandum-of-cooperation", "purchase", "framework", "cooperation-agreement"]
        while len(self.ids["agreement"]) < self.counts["agreement"]:
            parties = list(dict.fromkeys([self.pick("organization"), self.actor()]))
            typ = rng.choice(types)
            rid, name = self._named("agreement", lambda: f"{self.nm(parties[0])} {typ.replace('-', ' ')} on "
                                                         f"{rng.choice(list(SECTOR_WORDS.values()))} no. {self.slot}")
            signed = _date(rng, 2018, 2026)
            data: dict[str, Any] = {"name": name, "type": typ, "parties": parties, "signed": signed, "sectors": self.sectors()}
            fields = ["signed"]
            if rng.random() < 0.4:
                data["value"] = {"value": rng.randrange(1, 500) * 1_000_000, "currency": "USD"}
                fields.append("value")
            if rng.random() < 0.3 and self.ids["event"]:
                data["event"] = self.pick("event")
            data["summary"] = f"Agreement between {', '.join(self.nm(p) for p in parties)}."
            data["sources"] = [self.cite(f"{name} was signed in {signed[:4]} by {' and '.join(self.nm(p) for p in parties)}.", fields)]
            self.add("agreement", rid, data)

    def programmes(self) -> None:
        rng = self.rng
        while len(self.ids["programme"]) < self.counts["programme"]:
            owner = self.actor()
            sector = rng.choice(SECTORS)
            typ = rng.choice(["strategy", "programme", "initiative", "training", "competition"])
            rid, name = self._named("programme", lambda: f"{rng.choice(SYLL)} {rng.choice(SYLL)} {SECTOR_WORDS[sector]} "
                                                         f"{typ} no. {self.slot}")
            adopted, horizon = str(rng.randint(2015, 2024)), str(rng.randint(2025, 2035))
            self.add("programme", rid, {"name": name, "type": typ, "owner": owner, "partners": self.picks("organization", 0, 3),
                                        "adopted": adopted, "horizon": horizon, "sectors": [sector],
                                        "summary": f"The {name} runs from {adopted} to {horizon}.",
                                        "sources": [self.cite(f"{self.nm(owner)} adopted the {name} in {adopted}, running to {horizon}.",
                                                              ["adopted", "horizon"])]})

    def investments(self) -> None:
        rng = self.rng
        statuses = ["announced", "planned", "committed", "under-construction", "operating", "completed"]
        while len(self.ids["investment"]) < self.counts["investment"]:
            investor, place = self.pick("organization"), self.pick("place")
            sector = rng.choice(SECTORS)
            rid, name = self._named("investment", lambda: f"{self.nm(investor)} {SECTOR_WORDS[sector]} plant in {self.nm(place)} "
                                                          f"(project {self.slot})")
            amount = rng.choice([1, 2, 5, 10, 20, 50, 100, 250, 500, 1000, 1600]) * 1_000_000 * rng.randint(1, 9)
            started = _date(rng, 2015, 2026)
            status = rng.choice(statuses)
            self.add("investment", rid, {
                "name": name, "investors": [investor], "partners": self.picks("organization", 0, 2), "place": place,
                "amount": {"value": amount, "currency": "USD"}, "status": status, "started": started, "sectors": [sector],
                "summary": f"US${amount / 1e6:,.0f} million {sector.replace('-', ' ')} project of {self.nm(investor)} in {self.nm(place)}.",
                "sources": [self.cite(f"{self.nm(investor)} invested US${amount / 1e6:,.0f} million in the {name}, "
                                      f"{status.replace('-', ' ')} since {started[:4]}.", ["amount", "status", "started"])]})

    def targets(self) -> None:
        rng = self.rng
        while len(self.ids["target"]) < self.counts["target"]:
            owner = self.actor()
            value = rng.choice([1000, 5000, 10000, 50000, 100000])
            unit = rng.choice(["engineers", "students", "start-ups", "researchers", "chip designers"])
            deadline = str(rng.randint(2026, 2035))
            rid, name = self._named("target", lambda: f"{self.nm(owner)} to train {value:,} {unit} by {deadline} (goal {self.slot})")
            src = self.slot // PER_SOURCE % len(self.sources)
            data: dict[str, Any] = {"name": name, "owner": owner, "metric": f"{unit} trained", "value": value, "unit": unit,
                                    "deadline": deadline, "sectors": ["education-and-training"]}
            if len(self.ids["target"]) > 3 and rng.random() < 0.3:
                data["contributes_to"] = self.pick("target")
            progress = []
            for _ in range(rng.randint(0, 2)):
                done = rng.randint(1, value)
                by = self.pick("organization")
                progress.append({"value": done, "qualifier": "nearly", "unit": f"{unit} trained", "as_of": _date(rng, 2022, 2025), "by": by,
                                 "sources": [self.cite(f"{self.nm(by)} has trained nearly {done:,} {unit} towards the {name}.", src=src)]})
            if progress:
                data["progress"] = progress
            data["sources"] = [self.cite(f"{self.nm(owner)} committed to training {value:,} {unit} by {deadline} under the {name}.",
                                         ["value", "deadline"], src=src)]
            self.add("target", rid, data)

    def indicators(self) -> None:
        rng = self.rng
        while len(self.ids["indicator"]) < self.counts["indicator"]:
            subjects = self.picks("organization", 1, 2)
            metric = rng.choice(["exports", "jobs created", "chips designed", "patents filed", "graduates", "revenue"])
            year = rng.randint(2018, 2025)
            rid, name = self._named("indicator", lambda: f"{metric.capitalize()} of {self.nm(subjects[0])} in {year} (figure {self.slot})")
            value = rng.randint(10, 100000)
            self.add("indicator", rid, {"name": name, "metric": metric, "value": value, "unit": metric, "period": str(year),
                                        "subjects": subjects, "sectors": self.sectors(),
                                        "sources": [self.cite(f"In {year}, {self.nm(subjects[0])} reported {value:,} {metric}.",
                                                              ["value", "period"])]})

    def partnerships(self) -> None:
        rng = self.rng
        while len(self.ids["partnership"]) < self.counts["partnership"]:
            parties = list(dict.fromkeys([*self.picks("organization", 2, 3), self.pick("organization")]))
            if len(parties) < 2:
                continue
            kind = rng.choice(["technology", "research", "training", "investment", "supply-chain"])
            rid, name = self._named("partnership", lambda: f"{self.nm(parties[0])} - {self.nm(parties[1])} {kind} partnership no. {self.slot}")
            since = _date(rng, 2015, 2025)
            self.add("partnership", rid, {"name": name, "parties": parties, "kind": kind, "since": since, "sectors": self.sectors(),
                                          "summary": f"A {kind} partnership.",
                                          "sources": [self.cite(f"{self.nm(parties[0])} and {self.nm(parties[1])} have worked together "
                                                                f"on {kind} since {since[:4]}.", ["since"])]})

    def discrepancies(self) -> None:
        rng = self.rng
        while len(self.ids["discrepancy"]) < self.counts["discrepancy"]:
            about = self.pick("investment")
            rid, name = self._named("discrepancy", lambda: f"Amount of the {self.nm(about)} (discrepancy {self.slot})")
            a, b = rng.randint(1, 900), rng.randint(1000, 2000)
            va = self.cite(f"Reports on the {self.nm(about)} put it at US${a} million.")
            vb = self.cite(f"Another account of the {self.nm(about)} gives US${b} million.", src=(self.slot // PER_SOURCE + 1) % len(self.sources))
            self.add("discrepancy", rid, {"name": name, "about": [about], "field": "amount",
                                          "variants": [{"value": f"US${a} million", "sources": [dict(va)]},
                                                       {"value": f"US${b} million", "sources": [dict(vb)]}],
                                          "note": "The two accounts disagree; neither is preferred.", "sources": [va, vb]})

    def write_sources(self) -> None:
        for i, (sid, sentences) in enumerate(zip(self.source_ids, self.sources, strict=True)):
            front = {"id": sid, "title": f"Synthetic article {i}: US-Vietnam technology cooperation",
                     "publisher": "Synthetic News", "published": f"{2015 + i % 11}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                     "language": "en", "original_file": f"{sid}.txt"}
            paras = [" ".join(sentences[k : k + 4]) for k in range(0, len(sentences), 4)]
            (self.root / "seeds" / f"{sid}.md").write_text(
                "---\n" + yaml.safe_dump(front, sort_keys=False) + "---\n" + f"{front['title']}\n\n" + "\n\n".join(paras) + "\n",
                encoding="utf-8")


def make_kb(root: Path, records: int, seed: int = 7) -> Path:
    """Write seeds/ and data/ under ``root`` (``records`` records of every kind, valid) and return ``root``."""
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    for folder in FOLDER.values():
        (root / "data" / folder).mkdir(parents=True, exist_ok=True)
    g = _Gen(root, records, seed)
    # Targets of references first, so later kinds can refer to them.
    g.places()
    g.organizations()
    g.people()
    g.events()
    g.agreements()
    g.programmes()
    g.investments()
    g.targets()
    g.indicators()
    g.partnerships()
    g.discrepancies()
    g.write_sources()
    return root
