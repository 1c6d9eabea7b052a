"""End to end, on a copy of the repository's data: a new article becomes cited records.

add-source -> candidates --write -> drafts completed -> validate clean -> diff names every new record."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from vnus_kb.contribute.scaffold import choices, model_of

from .conftest import FIXTURES, REPO, run_cli

ARTICLE = FIXTURES / "contribute/article.txt"

# What the article says, as its author knows it: each name with the record it means (None: new, with the
# kind it is), each figure. The finder is held to this list.
NAMES = [
    ("Orion Microdevices", None, "organization"),
    ("Bắc Ninh", "bac-ninh", "place"),  # with diacritics
    ("Vietnam", "vietnam", "place"),
    ("Orion Microdevices", None, "organization"),
    ("Bac Ninh Province", "bac-ninh", "place"),  # an alias
    ("Phạm Minh Chính", "pham-minh-chinh", "person"),  # the Vietnamese name
    ("Synopsis", "synopsys", "organization"),  # misspelt
    ("Nvidea", "nvidia", "organization"),  # misspelt
    ("Orion", None, "organization"),  # the short name of the new company, opening a sentence
    ("Le Thi Hoa", None, "person"),
    ("Amkor Technology Inc.", "amkor", "organization"),
    ("Viettel", "viettel", "organization"),
    ("FPT Semiconductor", "fpt-semiconductor", "organization"),
    ("Ha Noi", "hanoi", "place"),  # the Vietnamese name without diacritics
    ("Marvel", "marvell", "organization"),  # misspelt, opening a sentence
    ("Samsung", "samsung", "organization"),
    ("Ho Chi Minh City", "ho-chi-minh-city", "place"),
    ("U.S.", "united-states", "place"),
    ("Nguyễn Văn Minh", None, "person"),  # a new name with diacritics
    ("Saigon Hi-Tech Park", "saigon-hi-tech-park", "place"),
    ("United States", "united-states", "place"),
    ("Da Nang Chip Design Forum", None, "event"),
    ("Pham Minh Chinh", "pham-minh-chinh", "person"),  # without diacritics
]
FIGURES = ["$250 million", "March 12, 2025", "1,200 engineers", "2027", "45 companies", "30 percent", "2024"]
FILL: dict[str, Any] = {"metric": "companies applying for incentives", "unit": "companies", "date": "2025",
                        "investors": ["orion-microdevices"], "status": "announced"}


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                          check=True, capture_output=True, text=True).stdout


def complete(draft: dict[str, Any], kind: str) -> dict[str, Any]:
    """What a contributor does with a draft: fill each TODO, name in the citation the claims it supports."""
    model = model_of(kind)
    for key, value in list(draft.items()):
        if value == "TODO" or value == ["TODO"]:
            allowed = choices(model.model_fields[key].annotation)
            draft[key] = FILL.get(key) or (allowed[0] if allowed else f"{draft['id'].replace('-', ' ')}")
            if key in model.CLAIMS:
                draft["sources"][0].setdefault("fields", []).append(key)
    if draft["name"] == "TODO":
        draft["name"] = draft["id"].replace("-", " ").capitalize()
    return draft


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    for folder in ("seeds", "data"):
        shutil.copytree(REPO / folder, root / folder)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-qm", "the knowledge base as it is")
    git(root, "checkout", "-q", "-b", "orion-article")
    return root


def test_a_new_article_becomes_cited_records(repo: Path) -> None:
    code, _, err = run_cli("add-source", str(ARTICLE), "--path", str(repo), "--id", "orion-bac-ninh-2025",
                           "--publisher", "Test Wire", "--url", "https://example.org/orion")
    assert code == 0, err
    meta = yaml.safe_load((repo / "seeds/orion-bac-ninh-2025.md").read_text(encoding="utf-8").split("---\n")[1])
    assert meta["title"] == "Orion Microdevices picks Bắc Ninh for its first chip plant in Vietnam"
    assert meta["published"] == "2025-03-14"
    assert [c["why"] for c in meta["chrome"]] == ["site navigation", "dateline", "share buttons",
                                                  "share buttons and teasers of other stories"]

    drafts = repo / "drafts"
    code, out, err = run_cli("candidates", "orion-bac-ninh-2025", "--path", str(repo), "--format", "json",
                             "--write", str(drafts))
    assert code == 0, err
    found = json.loads(out)
    assert [(lk["text"], lk["record"], lk["kind"]) for c in found for lk in c["links"]] == NAMES
    assert [f for c in found for f in c["figures"]] == FIGURES
    assert not any("Related news" in c["sentence"] or c["sentence"] == "Business" for c in found)  # chrome

    new_ids = []
    for path in sorted(drafts.rglob("*.yaml")):
        kind = model_of(path.parent.name).KIND
        data = complete(yaml.safe_load(path.read_text(encoding="utf-8")), kind)
        target = repo / "data" / path.relative_to(drafts)
        target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        new_ids.append(data["id"])
    shutil.rmtree(drafts)
    assert sorted(new_ids) == ["da-nang-chip-design-forum", "le-thi-hoa", "marvell-samsung-45-companies",
                               "nguyen-van-minh", "nguyen-van-minh-saigon-hi-tech-park-30-percent",
                               "orion-microdevices", "orion-microdevices-bac-ninh-investment",
                               "orion-microdevices-le-thi-hoa-1-200-engineers"]

    code, out, err = run_cli("validate", str(repo), "--strict")
    assert code == 0, out

    code, out, err = run_cli("diff", "--path", str(repo), "--format", "json")
    assert code == 0, err
    changes = json.loads(out)
    assert sorted(c["record"] for c in changes if c["change"] == "added" and c["kind"] != "source") == sorted(new_ids)
    assert [c["record"] for c in changes if c["kind"] == "source"] == ["orion-bac-ninh-2025"]
    code, md, _ = run_cli("diff", "--path", str(repo), "--format", "markdown")
    for rid in new_ids:
        assert f"`{rid}`" in md
