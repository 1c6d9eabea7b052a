"""The contributor's commands as a contributor meets them: add-source, candidates, new, diff."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from vnus_kb.knowledge.read.models import KINDS, Basis

from .conftest import FIXTURES, run_cli

ARTICLE = FIXTURES / "contribute/article.txt"
PAGE = FIXTURES / "contribute/page.html"

SMALL = """Home
Business
Mar 14, 2025 / 09:10

Orion Microdevices picks Bắc Ninh for a chip plant

Orion Microdevices will invest $250 million in a chip testing plant in Bac Ninh, the company said on March 12, 2025.
Prime Minister Phạm Minh Chính asked Synopsis to train 1,200 engineers, and Le Thi Hoa agreed.
Exports grew 30 percent in 2024, Pham Minh Chinh said in Hà Nội.

Share this post
Related news
Hanoi calls for VAT cuts and credit support amid US tariffs
"""


def seeds(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "seeds").iterdir())


def add(root: Path, text: str, *args: str, name: str = "small.txt") -> tuple[int, str, str]:
    article = root.parent / name
    article.write_text(text, encoding="utf-8")
    return run_cli("add-source", str(article), "--path", str(root), *args)


# --- add-source ----------------------------------------------------------------------------------

def test_add_source_writes_the_article_with_front_matter_and_proposed_chrome(kb_copy: Path) -> None:
    code, _, err = add(kb_copy, SMALL, "--id", "orion-2025", "--publisher", "Test Wire")
    assert code == 0, err
    assert "wrote seeds/orion-2025.md" in err
    assert "check: published: 2025-03-14, read from the dateline; check it" in err
    text = (kb_copy / "seeds/orion-2025.md").read_text(encoding="utf-8")
    front, body = text.removeprefix("---\n").split("---\n", 1)
    assert body == SMALL  # verbatim
    assert yaml.safe_load(front) == {
        "id": "orion-2025", "title": "Orion Microdevices picks Bắc Ninh for a chip plant", "publisher": "Test Wire",
        "published": "2025-03-14", "language": "en", "original_file": "small.txt",
        "chrome": [{"start": "Home", "end": "Business", "why": "site navigation"},
                   {"start": "Mar 14, 2025 / 09:10", "why": "dateline"},
                   {"start": "Share this post", "why": "share buttons"},
                   {"start": "Related news", "to_end": True, "why": "share buttons and teasers of other stories"}],
    }
    assert run_cli("validate", str(kb_copy), "--strict")[0] == 0


def test_add_source_reads_an_html_page_saved_from_a_browser(kb_copy: Path) -> None:
    code, _, err = run_cli("add-source", str(PAGE), "--path", str(kb_copy), "--id", "orion-hanoi-2025")
    assert code == 0, err
    text = (kb_copy / "seeds/orion-hanoi-2025.md").read_text(encoding="utf-8")
    front, body = text.removeprefix("---\n").split("---\n", 1)
    meta = yaml.safe_load(front)
    assert meta["title"] == "Orion Microdevices opens a design centre in Hanoi"
    assert meta["publisher"] == "Test Wire"
    assert meta["published"] == "2025-04-02"
    assert meta["url"] == "https://example.org/news/orion-hanoi"
    assert meta["original_file"] == "page.html"
    assert "The company plans to invest $40 million in the centre over the next three years." in body
    for furniture in ("Log in", "Related news", "Privacy policy", "<p>"):
        assert furniture not in body
    assert run_cli("validate", str(kb_copy), "--strict")[0] == 0


def test_add_source_refuses_a_text_that_is_already_a_source(kb_copy: Path) -> None:
    body = (kb_copy / "seeds/sample-2023.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    before = seeds(kb_copy)
    code, _, err = add(kb_copy, body.replace("\n", "\r\n"), "--id", "another", name="copy.txt")
    assert code == 2
    assert err == f"vnus-kb: {kb_copy.parent / 'copy.txt'} is already a source: seeds/sample-2023.md has the same text\n"
    assert seeds(kb_copy) == before


def test_add_source_refuses_a_taken_id(kb_copy: Path) -> None:
    before = seeds(kb_copy)
    code, _, err = add(kb_copy, SMALL, "--id", "sample-2023")
    assert (code, err) == (2, "vnus-kb: the id 'sample-2023' is taken: seeds/sample-2023.md exists; choose another with --id\n")
    code, _, err = add(kb_copy, SMALL, "--id", "Orion 2025")
    assert (code, err) == (2, "vnus-kb: 'Orion 2025' is not a valid id: use lower-case letters, digits and single "
                              "hyphens, such as 'orion-2025'\n")
    assert seeds(kb_copy) == before


@pytest.mark.parametrize(("content", "reason"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "it is a binary file (it holds NUL bytes)"),
    (b"Caf\xe9 au lait in Hanoi.\n", "it is not UTF-8 (byte 0xe9 at offset 3); save it as UTF-8 text"),
    (b"  \n\n", "it holds no text"),
    (b"<!DOCTYPE html><html><body><nav>Home</nav></body></html>", "no article text found in this HTML page"),
])
def test_add_source_refuses_input_that_is_not_readable_text(kb_copy: Path, content: bytes, reason: str) -> None:
    path = kb_copy.parent / "input.bin"
    path.write_bytes(content)
    before = seeds(kb_copy)
    code, _, err = run_cli("add-source", str(path), "--path", str(kb_copy), "--id", "x-2025")
    assert (code, err) == (2, f"vnus-kb: {path} is not readable text: {reason}\n")
    assert seeds(kb_copy) == before


def test_add_source_refuses_a_missing_file(kb_copy: Path) -> None:
    code, _, err = run_cli("add-source", str(kb_copy / "nope.txt"), "--path", str(kb_copy))
    assert (code, err) == (2, f"vnus-kb: {kb_copy / 'nope.txt'} is not readable text: No such file or directory\n")


# --- candidates ----------------------------------------------------------------------------------

@pytest.fixture
def with_article(kb_copy: Path) -> Path:
    assert add(kb_copy, SMALL, "--id", "orion-2025")[0] == 0
    return kb_copy


def links_of(found: list[dict[str, object]]) -> list[tuple[str, object, object]]:
    return [(lk["text"], lk["record"], lk["kind"]) for c in found for lk in c["links"]]  # type: ignore[attr-defined]


def test_candidates_links_known_names_and_marks_new_ones(with_article: Path) -> None:
    code, out, err = run_cli("candidates", "orion-2025", "--path", str(with_article), "--format", "json")
    assert code == 0, err
    found = json.loads(out)
    assert links_of(found) == [
        ("Orion Microdevices", None, "organization"),
        ("Bắc Ninh", "bac-ninh", "place"),
        ("Orion Microdevices", None, "organization"),
        ("Bac Ninh", "bac-ninh", "place"),
        ("Phạm Minh Chính", "pham-minh-chinh", "person"),  # the Vietnamese name, with diacritics
        ("Synopsis", "synopsys", "organization"),  # a misspelling
        ("Le Thi Hoa", None, "person"),
        ("Pham Minh Chinh", "pham-minh-chinh", "person"),  # without diacritics
        ("Hà Nội", "hanoi", "place"),
    ]
    hows = {lk["text"]: lk["how"] for c in found for lk in c["links"]}
    assert hows["Synopsis"] == "near miss of 'Synopsys'"
    assert hows["Phạm Minh Chính"] == "Vietnamese name"


def test_candidates_lists_figures_as_written_and_nothing_from_chrome(with_article: Path) -> None:
    found = json.loads(run_cli("candidates", "orion-2025", "--path", str(with_article), "--format", "json")[1])
    assert [c["sentence"] for c in found] == [
        "Orion Microdevices picks Bắc Ninh for a chip plant",
        "Orion Microdevices will invest $250 million in a chip testing plant in Bac Ninh, the company said on March 12, 2025.",
        "Prime Minister Phạm Minh Chính asked Synopsis to train 1,200 engineers, and Le Thi Hoa agreed.",
        "Exports grew 30 percent in 2024, Pham Minh Chinh said in Hà Nội.",
    ]
    assert [c["figures"] for c in found] == [[], ["$250 million", "March 12, 2025"], ["1,200 engineers"], ["30 percent", "2024"]]


def test_candidates_drafts_carry_the_source_and_the_exact_quote(with_article: Path) -> None:
    found = json.loads(run_cli("candidates", "orion-2025", "--path", str(with_article), "--format", "json")[1])
    first = yaml.safe_load(found[0]["draft"])
    assert first["id"] == "orion-microdevices"
    assert first["sources"] == [{"source": "orion-2025", "quote": "Orion Microdevices picks Bắc Ninh for a chip plant"}]
    assert "type: TODO  # one of: company, government," in found[0]["draft"]
    investment = yaml.safe_load(found[1]["draft"])  # the new name was drafted above: this sentence's draft is the amount
    assert investment["investors"] == ["orion-microdevices"]
    assert investment["amount"] == {"value": 250000000, "currency": "USD"}
    assert investment["place"] == "bac-ninh"
    assert investment["announced"] == "2025-03-12"
    assert investment["sources"][0]["fields"] == ["amount", "announced"]


def test_candidates_text_output(with_article: Path) -> None:
    code, out, _ = run_cli("candidates", "orion-2025", "--path", str(with_article))
    assert code == 0
    assert "seeds/orion-2025.md:26: Prime Minister Phạm Minh Chính asked Synopsis to train 1,200 engineers, and Le Thi Hoa agreed.\n" in out
    assert "    name    Synopsis -> synopsys (organization, near miss of 'Synopsys')\n" in out
    assert "    name    Le Thi Hoa -> new person\n" in out
    assert "    figure  1,200 engineers (count)\n" in out
    assert "    draft   people/le-thi-hoa.yaml\n" in out
    assert "Home" not in out and "Related news" not in out


def test_candidates_write_drafts_that_validate_once_placeholders_are_filled(with_article: Path) -> None:
    drafts = with_article.parent / "drafts"
    code, _, err = run_cli("candidates", "orion-2025", "--path", str(with_article), "--write", str(drafts))
    assert code == 0, err
    written = sorted(p.relative_to(drafts).as_posix() for p in drafts.rglob("*.yaml"))
    assert written == ["indicators/pham-minh-chinh-hanoi-30-percent.yaml", "indicators/pham-minh-chinh-synopsys-1-200-engineers.yaml",
                       "investments/orion-microdevices-bac-ninh-investment.yaml", "organizations/orion-microdevices.yaml",
                       "people/le-thi-hoa.yaml"]
    assert f"{len(written)} draft(s) written under {drafts}" in err
    for path in drafts.rglob("*.yaml"):
        target = with_article / "data" / path.relative_to(drafts)
        shutil.copy(path, target)
    code, out, _ = run_cli("validate", str(with_article))
    assert code == 1 and "TODO" in out  # each placeholder left is pointed at
    for path in drafts.rglob("*.yaml"):
        target = with_article / "data" / path.relative_to(drafts)
        target.write_text(fill(target.read_text(encoding="utf-8")), encoding="utf-8")
    code, out, err = run_cli("validate", str(with_article))
    assert code == 0, out


_CLAIMED = {name for kind in KINDS.values() for name in kind.CLAIMS}


def fill(text: str) -> str:
    """Complete a draft as a contributor would: each TODO replaced by a valid value (comments kept); a claimed
    value the article's words do not state gets a provenance entry saying so (value-not-in-quote)."""
    lines = []
    rid = text.split("\nid: ", 1)[1].split("\n", 1)[0]
    unstated = []
    for line in text.splitlines():
        key = line.split(":", 1)[0].strip()
        if "TODO" in line:
            if "# one of: " in line:
                value = line.split("# one of: ", 1)[1].split(",")[0].strip()
            else:
                value = {"name": rid.replace("-", " ").title(), "metric": "engineers employed", "unit": "engineers", "date": "'2025'",
                         "investors": "[vietnam]", "owner": "vietnam", "deadline": "'2030'", "value": "1"}[key]
            line = line.split(":", 1)[0] + ": " + value
            if key in _CLAIMED and not line.startswith(" "):
                unstated.append(key)
        lines.append(line)
    if unstated:
        lines.append("provenance:")
        lines += [f"  {key}: {{basis: outside, how: filled in from elsewhere}}" for key in unstated]
    return "\n".join(lines) + "\n"


def test_candidates_of_an_unknown_source(with_article: Path) -> None:
    code, _, err = run_cli("candidates", "orion-2024", "--path", str(with_article))
    assert (code, err) == (2, "vnus-kb: no source 'orion-2024' in seeds/; did you mean 'orion-2025'?\n")


# --- new -----------------------------------------------------------------------------------------

def test_new_writes_a_skeleton_with_required_fields_and_allowed_values(kb_copy: Path) -> None:
    code, _, err = run_cli("new", "investment", "orion-hanoi-centre", "--path", str(kb_copy))
    assert (code, err) == (0, "wrote data/investments/orion-hanoi-centre.yaml: fill in each TODO, then run vnus-kb validate\n")
    text = (kb_copy / "data/investments/orion-hanoi-centre.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/investment.json\nid: orion-hanoi-centre\nname: TODO\n")
    assert "investors: [TODO]\n" in text
    assert "status: TODO  # one of: proposed, announced, planned, committed, under-construction, operating, completed\n" in text
    assert "sources:\n  - source: TODO\n    quote: TODO\n" in text
    assert "# amount: {value: 1000000, currency: USD}\n" in text
    assert "\n# provenance:\n#   amount: {basis: inferred, how: " in text  # how to mark a value the quote does not state


def test_drafts_show_how_to_mark_a_value_the_quote_does_not_state(with_article: Path) -> None:
    found = json.loads(run_cli("candidates", "orion-2025", "--path", str(with_article), "--format", "json")[1])
    investment = found[1]["drafts"][-1]["yaml"]
    block = [line.removeprefix("#") for line in investment.splitlines()
             if line.startswith(("# provenance:", "#   amount:"))]
    assert block[1:] == ["   amount: {basis: inferred, how: 'what in the article it follows from', source: orion-2025}",
                         "   amount: {basis: outside, how: 'why it is here and where it comes from', reference: 'https://...'}"]
    inferred, outside = (yaml.safe_load(block[0][1:] + "\n" + line)["provenance"]["amount"] for line in block[1:])
    assert Basis.model_validate(inferred).source == "orion-2025"  # uncommented, each line is a valid basis
    assert Basis.model_validate(outside).basis == "outside"


def test_new_skeleton_of_every_kind_validates_once_filled(kb_copy: Path) -> None:
    for kind in ("organization", "person", "place", "agreement", "programme", "event", "investment", "target",
                 "indicator", "partnership", "discrepancy"):
        rid = f"new-{kind}"
        assert run_cli("new", kind, rid, "--path", str(kb_copy))[0] == 0
        path = next((kb_copy / "data").glob(f"*/{rid}.yaml"))
        text = path.read_text(encoding="utf-8")
        text = text.replace("source: TODO", "source: sample-2023").replace("quote: TODO", "quote: Vietnam aims to train 50,000 engineers by 2030")
        text = text.replace("about: [TODO]", "about: [fpt]").replace("field: TODO", "field: name").replace("note: TODO", "note: A note")
        text = text.replace("value: TODO\n    sources", "value: A\n    sources", 1).replace("value: TODO\n    sources", "value: B\n    sources", 1)
        text = text.replace("parties: [TODO]", "parties: [fpt, nvidia]")
        path.write_text(fill(text), encoding="utf-8")
    code, out, _ = run_cli("validate", str(kb_copy))
    assert code == 0, out


def test_new_refuses_a_taken_id_a_non_slug_and_an_unknown_kind(kb_copy: Path) -> None:
    assert run_cli("new", "place", "amkor", "--path", str(kb_copy))[1:] == (
        "", "vnus-kb: the id 'amkor' is taken by data/organizations/amkor.yaml; ids are unique across all kinds\n")
    assert run_cli("new", "person", "Le Thi Hoa", "--path", str(kb_copy))[2] == (
        "vnus-kb: 'Le Thi Hoa' is not a valid id: use lower-case letters, digits and single hyphens, such as 'le-thi-hoa'\n")
    assert run_cli("new", "company", "orion", "--path", str(kb_copy))[2] == (
        "vnus-kb: 'company' is not a kind of record; the kinds are: organization, person, place, agreement, programme, "
        "event, investment, target, indicator, partnership, discrepancy\n")
    assert not (kb_copy / "data/places/amkor.yaml").exists()


# --- diff ----------------------------------------------------------------------------------------

def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


def init_repo(root: Path) -> None:
    git(root, "init", "-q", "-b", "main")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    git(root, "checkout", "-q", "-b", "topic")


def test_diff_names_records_added_removed_renamed_changed_and_sources_added(kb_copy: Path) -> None:
    init_repo(kb_copy)
    assert add(kb_copy, SMALL, "--id", "orion-2025")[0] == 0
    (kb_copy / "data/organizations/orion-microdevices.yaml").write_text(
        "id: orion-microdevices\nname: Orion Microdevices\ntype: company\nsources:\n  - source: orion-2025\n"
        "    quote: Orion Microdevices picks Bắc Ninh for a chip plant\n", encoding="utf-8")
    (kb_copy / "data/organizations/fpt-university.yaml").unlink()
    old = kb_copy / "data/places/saigon-hi-tech-park.yaml"
    old.rename(kb_copy / "data/places/shtp.yaml")
    renamed = kb_copy / "data/places/shtp.yaml"
    renamed.write_text(renamed.read_text(encoding="utf-8").replace("id: saigon-hi-tech-park", "id: shtp"), encoding="utf-8")
    target = kb_copy / "data/targets/fpt-10000-professionals.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("deadline: '2030'", "deadline: '2031'"), encoding="utf-8")
    code, out, err = run_cli("diff", "--path", str(kb_copy), "--format", "json")
    assert code == 0, err
    changes = {(c["change"], c["record"], c["kind"]): c for c in json.loads(out)}
    assert set(changes) >= {("added", "orion-microdevices", "organization"), ("removed", "fpt-university", "organization"),
                            ("renamed", "shtp", "place"), ("changed", "fpt-10000-professionals", "target"),
                            ("added", "orion-2025", "source")}
    changed = changes["changed", "fpt-10000-professionals", "target"]
    assert changed["fields"] == ["deadline"]
    assert changed["details"][0]["old"] == "2030" and changed["details"][0]["new"] == "2031"
    assert changed["details"][0]["quotes"], "the quote that supports the deadline"
    assert changes["renamed", "shtp", "place"]["from"] == "saigon-hi-tech-park"
    broken = kb_copy / "data/organizations/nvidia.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("type: company", "type: TODO"), encoding="utf-8")
    changes = {(c["change"], c["record"]) for c in json.loads(run_cli("diff", "--path", str(kb_copy), "--format", "json")[1])}
    assert ("invalid", "nvidia") in changes and ("removed", "nvidia") not in changes  # broken, not gone
    code, md, _ = run_cli("diff", "--path", str(kb_copy), "--format", "markdown")
    assert md.startswith("## Knowledge changes\n")
    assert "| added | organization | `orion-microdevices` |  |" in md
    assert "| `deadline` | `2030` | `2031` |" in md


def test_diff_refuses_outside_a_git_repository_and_an_unknown_revision(kb_copy: Path) -> None:
    code, _, err = run_cli("diff", "--path", str(kb_copy))
    if code == 2 and "is not in a git repository" in err:
        assert err == f"vnus-kb: '{kb_copy.resolve()}' is not in a git repository; diff compares a git revision with the working tree\n"
    init_repo(kb_copy)
    assert run_cli("diff", "no-such-rev", "--path", str(kb_copy))[1:] == (
        "", "vnus-kb: 'no-such-rev' is not a revision of this repository\n")
    assert run_cli("diff", "--path", str(kb_copy))[1] == "knowledge changes since " + git(kb_copy, "rev-parse", "HEAD")[:12] + ": none\n"


@pytest.mark.parametrize("command", ["add-source", "candidates", "new", "diff", "validate", "render", "schema", "coverage"])
def test_every_command_help_has_an_example(command: str) -> None:
    code, out, _ = run_cli(command, "--help")
    assert code == 0
    assert "\nexample:\n  vnus-kb " + command in out


@pytest.mark.parametrize(("sentence", "found"), [
    ("Amkor Technology Inc. began construction of a US$1.6-billion factory in Bac Ninh in October 2023",
     [("US$1.6-billion", "amount"), ("October 2023", "date")]),
    ("President Biden is on a state visit to Vietnam from September 10 -11.", [("September 10 -11", "date")]),
    ("Vietnam aims to train 50,000 engineers by 2030, up 15% on 2.5 percent.",
     [("50,000 engineers", "count"), ("2030", "date"), ("15%", "percentage"), ("2.5 percent", "percentage")]),
    ("Trade grew 275-fold to VND 5,000 billion, the two countries said.",
     [("275-fold", "count"), ("VND 5,000 billion", "amount")]),
    # a count runs to its noun; a number word counts only a plural of three or more; a month alone needs its capital
    ("FPT will train 10,000 semiconductor professionals by 2030 in four key sectors, one of the two plans.",
     [("10,000 semiconductor professionals", "count"), ("2030", "date"), ("four key sectors", "count")]),
    ("They may march in September.", [("September", "date")]),
    # spans as written, spacing and diacritics kept
    ("Đà Nẵng  got “$2   million” on 22  September.", [("$2   million", "amount"), ("22  September", "date")]),
])
def test_figures_as_written(sentence: str, found: list[tuple[str, str]]) -> None:
    from vnus_kb.contribute.figures import figures

    assert [(f.text, f.kind) for f in figures(sentence)] == found
