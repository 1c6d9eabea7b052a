"""A synthetic, valid knowledge base of any size, for benchmarks and scale tests."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey", "xray", "yankee", "zulu"]


def _name(rng: random.Random, kind: str, i: int) -> str:
    return f"{kind.capitalize()} {rng.choice(WORDS).capitalize()} {rng.choice(WORDS).capitalize()} {i:05d}"


def make_kb(root: Path, records: int, seed: int = 7) -> Path:
    """Write seeds/ and data/ under ``root``: places, organizations and investments linking them."""
    rng = random.Random(seed)
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    for folder in ("places", "organizations", "investments"):
        (root / "data" / folder).mkdir(parents=True, exist_ok=True)
    n_places = max(1, records // 10)
    n_orgs = max(1, records * 5 // 10)
    n_inv = max(1, records - n_places - n_orgs)
    lines = []
    names = {}
    for kind, count in (("place", n_places), ("org", n_orgs), ("inv", n_inv)):
        for i in range(count):
            names[(kind, i)] = _name(rng, kind, i)
    # Each claimed value stands in the words of its quote (the value-in-quote check reads them).
    orgs = [(rng.choice(["US", "VN"]), rng.randrange(n_places)) for _ in range(n_orgs)]
    invs = [(rng.randrange(n_orgs), rng.randrange(1, 5000), rng.randrange(n_places)) for _ in range(n_inv)]
    said = {}
    for i in range(n_places):
        said[("place", i)] = f"{names[('place', i)]} is record place {i}"
    for i, (country, hq) in enumerate(orgs):
        nationality = "an American" if country == "US" else "a Vietnamese"
        said[("org", i)] = f"{names[('org', i)]} is record org {i}, {nationality} company based in {names[('place', hq)]}"
    for i, (_, millions, place) in enumerate(invs):
        said[("inv", i)] = f"{names[('inv', i)]} is record inv {i}, announced at ${millions:,} million in {names[('place', place)]}"
    for (_, i), text in said.items():
        lines.append(f"{text} and was reported on {2000 + i % 25}.")
    front = {"id": "synthetic", "title": "Synthetic source", "language": "en", "original_file": "synthetic.txt"}
    (root / "seeds" / "synthetic.md").write_text(
        "---\n" + yaml.safe_dump(front) + "---\n" + "\n".join(lines) + "\n", encoding="utf-8")

    def cite(kind: str, i: int, fields: list[str] | None = None) -> list[dict[str, object]]:
        c: dict[str, object] = {"source": "synthetic", "quote": said[(kind, i)]}
        if fields:
            c["fields"] = fields
        return [c]

    def dump(folder: str, rid: str, data: dict[str, object]) -> None:
        (root / "data" / folder / f"{rid}.yaml").write_text(yaml.safe_dump({"id": rid, **data}, sort_keys=False), encoding="utf-8")

    for i in range(n_places):
        dump("places", f"place-{i}", {"name": names[("place", i)], "type": "city", "sources": cite("place", i)})
    for i, (country, hq) in enumerate(orgs):
        dump("organizations", f"org-{i}", {"name": names[("org", i)], "type": "company", "country": country,
                                           "headquarters": f"place-{hq}",
                                           "sources": cite("org", i, ["headquarters", "country"])})
    for i, (investor, millions, place) in enumerate(invs):
        dump("investments", f"inv-{i}", {"name": names[("inv", i)], "investors": [f"org-{investor}"],
                                         "amount": {"value": millions * 1_000_000, "currency": "USD"},
                                         "place": f"place-{place}", "status": "announced",
                                         "sources": cite("inv", i, ["amount", "status", "place"])})
    return root
