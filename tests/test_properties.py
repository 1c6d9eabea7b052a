"""Properties of the validator on arbitrary input: it never raises, it always answers, and every
diagnostic points at a real place (a file, and a line and column inside it)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from vnus_kb.knowledge.diagnostics import Diagnostic, Level, Pos
from vnus_kb.knowledge.read.models import FOLDERS
from vnus_kb.knowledge.read.yamlread import decode, read_yaml

from .conftest import FIXTURES, run_cli

# VNUS_KB_EXAMPLES=5000 for a longer hunt
SETTINGS = settings(max_examples=int(os.environ.get("VNUS_KB_EXAMPLES", "150")), deadline=None)

# --- strategies ----------------------------------------------------------------------------------

# What YAML and our checks care about, mixed into arbitrary text so that examples reach the parser
# and the schema instead of dying at the first odd character.
PIECES = [
    *": -[]{}#&*!|>'\"%@`,?\n\t\r\\ ",
    "\r\n",
    "---\n",
    "...\n",
    "- ",
    ": ",
    "  ",
    "? ",
    "<<: ",
    "&a ",
    "*a",
    "!!str ",
    "!x ",
    "id: ",
    "name: ",
    "type: company\n",
    "sources:\n",
    "  - source: sample-2023\n",
    "    quote: ",
    "Nvidia is working with FPT",
    "\ufeff",
    "\u2028",
    "\x85",
    "\x00",
    "\x1b[31m",
    "\u202e",
    "Bắc Ninh",
    "0x1f",
    "1e999",
    "9" * 45,
    ".inf",
    "2023-02-30",
    "yes",
    "~",
]
yamlish = st.lists(st.one_of(st.sampled_from(PIECES), st.characters()), max_size=60).map("".join)
texts = st.one_of(st.text(), yamlish)

FIELDS = sorted(
    {name for model in FOLDERS.values() for name in model.model_fields}
    | {
        "source",
        "quote",
        "fields",
        "value",
        "currency",
        "qualifier",
        "start",
        "end",
        "title",
        "since",
    }
)
IDS = sorted(p.stem for p in (FIXTURES / "kb" / "data").rglob("*.yaml"))
WORDS = [
    "sample-2023",
    "Nvidia is working with FPT",
    "company",
    "US",
    "VN",
    "usd",
    "USD",
    "2023",
    "2023-10",
    "2031-13",
    "announced",
    "https://example.com",
    "javascript:alert(1)",
    "Synopsys",
    "Synopsуs",
    "FPT",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(IDS),
    st.sampled_from(WORDS),
)
keys = st.one_of(st.sampled_from(FIELDS), st.text(max_size=8))
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=20,
)
citation = st.fixed_dictionaries(
    {
        "source": st.sampled_from(["sample-2023", "sample-2024"]),
        "quote": st.sampled_from(WORDS) | st.text(max_size=20),
    },
    optional={"fields": st.lists(st.sampled_from(FIELDS), max_size=3)},
)
records = st.builds(
    lambda base, extra, drop: {k: v for k, v in {**base, **extra}.items() if k not in drop},
    base=st.fixed_dictionaries(
        {
            "id": st.sampled_from(["fuzz", *IDS]),
            "name": st.sampled_from(WORDS) | st.text(max_size=20),
            "type": st.sampled_from(["company", "city", "talks", "compnay"]),
            "sources": st.lists(citation, min_size=0, max_size=2),
        }
    ),
    extra=st.dictionaries(keys, values, max_size=6),
    drop=st.sets(st.sampled_from(["id", "name", "type", "sources"])),
)


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """The dumped text, perhaps with a slice removed, a piece inserted or a line doubled."""
    how = draw(st.sampled_from(["keep", "cut", "insert", "double"]))
    if how == "keep" or not text:
        return text
    at = draw(st.integers(0, len(text) - 1))
    if how == "cut":
        return text[:at] + text[at + draw(st.integers(1, 8)) :]
    if how == "insert":
        return text[:at] + draw(st.sampled_from(PIECES)) + text[at:]
    lines = text.splitlines(keepends=True)
    n = draw(st.integers(0, len(lines) - 1))
    return "".join([*lines[: n + 1], lines[n], *lines[n + 1 :]])


def dump(draw: st.DrawFn, doc: Any) -> str:
    return yaml.safe_dump(
        doc,
        allow_unicode=draw(st.booleans()),
        sort_keys=False,
        default_flow_style=draw(st.sampled_from([False, None, True])),
    )


@st.composite
def yaml_files(draw: st.DrawFn) -> str:
    return draw(mutated(dump(draw, draw(records))))


TEMPLATES = sorted((FIXTURES / "kb" / "data").glob("*/*.yaml"))


def _paths(value: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else []
    )
    for k, v in items:
        yield (*here, k)
        yield from _paths(v, (*here, k))


@st.composite
def near_valid(draw: st.DrawFn) -> tuple[str, str]:
    """A fixture record with a few values changed or removed: (path to write, YAML text).
    Written as a new record, or over the fixture itself so that its referrers see the change."""
    template = draw(st.sampled_from(TEMPLATES))
    doc = yaml.safe_load(template.read_text(encoding="utf-8"))
    as_new = draw(st.booleans())
    if as_new:
        doc["id"] = "fuzz"
        doc["name"] = draw(
            st.sampled_from([doc["name"], doc["name"] + " Two", "Fuzz"]) | st.text(max_size=12)
        )
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from(list(_paths(doc))))
        *parent_path, last = path
        parent = doc
        for part in parent_path:
            parent = parent[part]
        if draw(st.booleans()):
            parent[last] = draw(scalars | st.lists(scalars, max_size=2))
        else:
            del parent[last]
    rel = f"data/{template.parent.name}/{'fuzz' if as_new else template.stem}.yaml"
    return rel, draw(mutated(dump(draw, doc))) if draw(st.integers(0, 4)) == 0 else dump(draw, doc)


# --- the repository under test -----------------------------------------------------------------


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture knowledge base: arbitrary records meet real ones."""
    root = tmp_path_factory.mktemp("props") / "kb"
    shutil.copytree(FIXTURES / "kb", root)
    return root


@pytest.fixture(scope="module")
def small_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The source, a folder per kind and two records: five times faster to validate, for input
    that rarely gets past the parser or the schema."""
    root = tmp_path_factory.mktemp("props") / "small"
    shutil.copytree(FIXTURES / "kb" / "seeds", root / "seeds")
    for folder in FOLDERS:
        (root / "data" / folder).mkdir(parents=True)
    for rel in ("organizations/fpt.yaml", "places/vietnam.yaml"):
        shutil.copy(FIXTURES / "kb" / "data" / rel, root / "data" / rel)
    return root


def validate_with(root: Path, rel: str, content: bytes) -> tuple[int, list[dict[str, Any]]]:
    """`vnus-kb validate --format json` with one extra file in place; the file is removed after."""
    path = root / rel
    path.write_bytes(content)
    try:
        code, out, err = run_cli("validate", "--format", "json", str(root))
    finally:
        path.unlink()
    assert err == ""
    return code, json.loads(out)


def check_answer(
    root: Path, code: int, items: list[dict[str, Any]], files: dict[str, bytes]
) -> None:
    """Exit status agrees with the diagnostics; each one names a file and a place inside it."""
    errors = [d for d in items if d["level"] == "error"]
    assert code == (1 if errors else 0), items
    for d in items:
        assert d["path"], d
        assert d["code"] and d["message"], d
        diag = Diagnostic(
            Level(d["level"]),
            d["code"],
            d["message"],
            Pos(d["path"], d["line"], d["col"]),
            d["hint"],
        )
        assert "\n" not in diag.text() and "\r" not in diag.text(), d  # one line per problem
        if not d["line"]:
            assert d["col"] == 0, d
            continue
        raw = files.get(d["path"])
        if raw is None:
            raw = (root / d["path"]).read_bytes()
        text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
        lines = text.split("\n")
        assert 1 <= d["line"] <= len(lines), (d, len(lines))
        assert 1 <= d["col"] <= len(lines[d["line"] - 1]) + 1, (d, lines[d["line"] - 1])


# --- (a) arbitrary text and bytes ---------------------------------------------------------------


@SETTINGS
@given(texts)
def test_read_yaml_answers_any_text(text: str) -> None:
    doc, diags = read_yaml(text, "f.yaml")
    assert (doc is None) == bool(diags)
    if doc is not None:
        assert isinstance(doc.data, dict)
        assert doc.where[()].line >= 1
    n_lines = text.removeprefix("\ufeff").count("\n") + 1
    for d in diags:
        assert d.pos.path == "f.yaml"
        assert 0 <= d.pos.line <= n_lines


@SETTINGS
@given(st.binary(max_size=300) | texts.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_decode_answers_any_bytes(raw: bytes) -> None:
    text, diags = decode(raw, "f.yaml")
    assert (text is None) == bool(diags)
    if text is not None:
        read_yaml(text, "f.yaml")


def _as_bytes(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")


FRONT = ["", "---\n", "---\nid: fuzz\n", "---\nid: fuzz\nlanguage: en\noriginal_file: f.txt\n---\n"]


@SETTINGS
@given(content=st.one_of(texts, st.binary(max_size=200)))
def test_validate_answers_any_record_file(small_repo: Path, content: str | bytes) -> None:
    raw = _as_bytes(content)
    code, items = validate_with(small_repo, "data/organizations/fuzz.yaml", raw)
    check_answer(small_repo, code, items, {"data/organizations/fuzz.yaml": raw})
    assert items, "a random file is not a valid record, so something must be said"


@SETTINGS
@given(front=st.sampled_from(FRONT), content=st.one_of(texts, st.binary(max_size=200)))
def test_validate_answers_any_source_file(
    small_repo: Path, front: str, content: str | bytes
) -> None:
    raw = front.encode() + _as_bytes(content)
    code, items = validate_with(small_repo, "seeds/fuzz.md", raw)
    check_answer(small_repo, code, items, {"seeds/fuzz.md": raw})


# --- (b) YAML-shaped records through the whole validator ----------------------------------------


@SETTINGS
@given(folder=st.sampled_from(sorted(FOLDERS)), text=yaml_files())
def test_validate_answers_any_yaml_record(small_repo: Path, folder: str, text: str) -> None:
    rel = f"data/{folder}/fuzz.yaml"
    raw = text.encode("utf-8", errors="surrogatepass")
    code, items = validate_with(small_repo, rel, raw)
    check_answer(small_repo, code, items, {rel: raw})


@SETTINGS
@given(case=near_valid())
def test_validate_answers_a_nearly_valid_record(repo: Path, case: tuple[str, str]) -> None:
    """Past the schema: references, quotes, claims, dates and duplicates see odd values too."""
    rel, text = case
    raw = text.encode("utf-8", errors="surrogatepass")
    original = (repo / rel).read_bytes() if (repo / rel).exists() else None
    try:
        code, items = validate_with(repo, rel, raw)
    finally:
        if original is not None:
            (repo / rel).write_bytes(original)
    check_answer(repo, code, items, {rel: raw})


def test_the_module_repos_are_still_clean(repo: Path, small_repo: Path) -> None:
    """The property tests put every file back."""
    assert run_cli("validate", str(repo))[:2] == (0, "")
    assert run_cli("validate", str(small_repo))[:2] == (0, "")
