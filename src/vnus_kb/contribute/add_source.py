"""`vnus-kb add-source`: an article saved as text or as an HTML page becomes seeds/<id>.md, with its
front matter and proposed page-chrome spans (each with its reason)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..knowledge.quotes import chrome_spans
from ..knowledge.read.load import split_source
from ..knowledge.read.models import ChromeSpan, Source
from ..knowledge.text import CONTROL, normalise_passage
from . import Refusal
from .scaffold import is_slug, slugify

MAX_BYTES = 5_000_000
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# A line that is only a date and/or a time: 'Sep 23, 2024 / 14:22', '8:28:51 AM | 7/7/2025', 'Monday, 7 July 2025'
_DATELINE = re.compile(
    rf"(?i)^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s*)?(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}"
    r"|\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M)?(?:\s*GMT[+-]?\d*)?|[\s/|,.-])+$")
_FURNITURE = {  # whole lines that are page furniture, and why
    "site navigation": {"log in", "login", "sign in", "sign up", "register", "menu", "home", "search", "subscribe",
                        "skip to content", "skip to main content", "back to top", "english", "tiếng việt"},
    "share buttons": {"share", "share this", "share this post", "share this article", "share on facebook",
                      "share on twitter", "tweet", "email", "print", "copy link", "facebook", "twitter", "linkedin",
                      "reactions", "comments", "comment", "like", "follow us"},
    "teasers of other stories": {"related news", "related articles", "related stories", "related", "read more",
                                 "read also", "see also", "trending", "most viewed", "most read", "popular",
                                 "latest news", "more from", "you may also like", "recommended", "tags", "advertisement"},
}
_TEASER_HEADS = _FURNITURE["teasers of other stories"] | {"share", "reactions"}


@dataclass
class Proposal:
    meta: dict[str, Any]  # front matter, in the order it is written
    body: str
    notes: list[str] = field(default_factory=list)  # what was guessed, for the contributor to check


def _key(line: str) -> str:
    return re.sub(r"[\s:|»›•·]+$", "", " ".join(line.split())).casefold()


def read_article(path: Path) -> tuple[str, dict[str, str]]:
    """The article text of a text or HTML file, and what an HTML page says of itself (title, date...)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Refusal(f"{path} is not readable text: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise Refusal(f"{path} is not readable text: it is {len(data):,} bytes, more than {MAX_BYTES:,}")
    if b"\x00" in data:
        raise Refusal(f"{path} is not readable text: it is a binary file (it holds NUL bytes)")
    head = data[:2048].lstrip().lower()
    if path.suffix.lower() in (".html", ".htm", ".xhtml") or head.startswith((b"<!doctype html", b"<html")):
        return _from_html(path, data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Refusal(f"{path} is not readable text: it is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                      "save it as UTF-8 text") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = CONTROL.search(text.replace("\t", " "))
    if bad:
        raise Refusal(f"{path} is not readable text: it holds control character U+{ord(bad.group()):04X}")
    if not text.strip():
        raise Refusal(f"{path} is not readable text: it holds no text")
    return text if text.endswith("\n") else text + "\n", {}


def _from_html(path: Path, data: bytes) -> tuple[str, dict[str, str]]:
    import trafilatura  # imported here: only HTML pages need it, and it takes a moment to load

    text = trafilatura.extract(data, output_format="txt", include_comments=False, include_tables=True,
                               favor_recall=True, with_metadata=False)
    if not text or not any(len(line.split()) >= 6 for line in text.splitlines()):  # menus and buttons only
        raise Refusal(f"{path} is not readable text: no article text found in this HTML page")
    meta: dict[str, str] = {}
    found = trafilatura.extract_metadata(data)
    if found is not None:
        for key in ("title", "sitename", "date", "url", "author"):
            value = getattr(found, key, None)
            if isinstance(value, str) and value.strip():
                meta[key] = " ".join(value.split())
    return text.strip() + "\n", meta


def propose_chrome(body: str) -> list[ChromeSpan]:
    """Lines that look like page furniture, merged into spans, each with its reason."""
    lines = body.splitlines()
    whys: list[str | None] = [None] * len(lines)
    words = [len(line.split()) for line in lines]
    first_long = next((i for i, n in enumerate(words) if n >= 6), len(lines))
    for i, line in enumerate(lines):
        key = _key(line)
        if not key:
            continue
        whys[i] = next((why for why, keys in _FURNITURE.items() if key in keys), None)
        if whys[i]:
            continue
        if _DATELINE.match(line.strip()) and re.search(r"\d", line):
            whys[i] = "dateline"
        elif (words[i] >= 15 and _menu_like(line)) or (i < first_long and words[i] <= 3):
            whys[i] = "site navigation"
    spans: list[ChromeSpan] = []
    n = len(lines)
    tail = next((i for i in range(n) if whys[i] and _key(lines[i]) in _TEASER_HEADS and i >= n * 0.3), None)
    stop = tail if tail is not None else n
    i = 0
    while i < stop:
        why = whys[i]
        if not why:
            i += 1
            continue
        j = i
        while j + 1 < stop and (whys[j + 1] == why or (not lines[j + 1].strip() and j + 2 < stop and whys[j + 2] == why)):
            j += 1
        start, end = " ".join(lines[i].split()), " ".join(lines[j].split())
        spans.append(ChromeSpan(start=start, end=end if j > i and end != start else None, why=why))
        i = j + 1
    if tail is not None:
        spans.append(ChromeSpan(start=" ".join(lines[tail].split()), to_end=True,
                                why="share buttons and teasers of other stories"))
    return [s for s in spans if _first_match(body, s)]


def _menu_like(line: str) -> bool:
    """A long line of link labels: no sentence punctuation, most words capitalised or numbers."""
    if re.search(r"[.!?;:,\"“”]", re.sub(r"\w['’.]\w", "", line)):
        return False
    tokens = [t.strip("[(") for t in line.split() if t.strip("[(-–|")]
    return sum(t[:1].isupper() or t[:1].isdigit() for t in tokens) >= 0.5 * len(tokens)


def _first_match(body: str, span: ChromeSpan) -> bool:
    """The span names the lines it was made from (a repeated line would match earlier)."""
    found, missing = chrome_spans(body, [span])
    return not missing and bool(found)


def _dateline_date(line: str) -> str | None:
    m = re.search(rf"(?i)\b({_MONTH})\s+(\d{{1,2}}),?\s+(\d{{4}})", line)
    if m:
        month = _MONTHS.index(m.group(1)[:3].lower()) + 1
        return f"{m.group(3)}-{month:02d}-{int(m.group(2)):02d}"
    m = re.search(rf"(?i)\b(\d{{1,2}})\s+({_MONTH})\s+(\d{{4}})", line)
    if m:
        month = _MONTHS.index(m.group(2)[:3].lower()) + 1
        return f"{m.group(3)}-{month:02d}-{int(m.group(1)):02d}"
    m = re.search(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", line)  # as Vietnamese sites write it: month/day/year
    if m:
        return f"{m.group(3)}-{int(m.group(1)):02d}-{int(m.group(2)):02d}"
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", line)
    return m.group(0) if m else None


def _title(body: str, chrome: list[tuple[int, int]]) -> str | None:
    """The headline: the first line outside the chrome with 4 to 25 words and no closing full stop."""
    offset = 0
    for line in body.splitlines(keepends=True):
        text = " ".join(line.split())
        inside = any(a <= offset < b for a, b in chrome)
        offset += len(line)
        if inside or not text:
            continue
        if 4 <= len(text.split()) <= 25 and not text.endswith((".", "!", "?", ":")) and "<" not in text and ">" not in text:
            return text
        return None
    return None


def _guess_language(body: str) -> str:
    marks = sum(ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ" for ch in body.lower())
    return "vi" if marks > len(body) * 0.02 else "en"


def propose(path: Path, options: dict[str, str | None]) -> Proposal:
    """What add-source would write for ``path``: front matter (options first, then what the page or
    text shows) and body; raises Refusal for input that is not readable text."""
    body, page = read_article(path)
    notes: list[str] = []
    chrome = propose_chrome(body)
    offsets, _ = chrome_spans(body, chrome)
    title = options.get("title") or page.get("title") or _title(body, offsets)
    published: str | None = options.get("published") or (page.get("date") or "")[:10] or None
    if not published:
        published = next((d for s in chrome if s.why == "dateline" and (d := _dateline_date(s.start))), None)
        if published:
            notes.append(f"published: {published}, read from the dateline; check it")
    rid = options.get("id") or slugify(" ".join(filter(None, [title or path.stem, (published or "")[:10]])))
    if not options.get("id"):
        notes.append(f"id: {rid}, made from the title; choose another with --id")
    original = re.sub(r"[^\w.-]+", "_", path.name)[-200:]
    meta: dict[str, Any] = {"id": rid, "title": title, "publisher": options.get("publisher") or page.get("sitename"),
                            "published": published, "author": options.get("author") or page.get("author"),
                            "language": options.get("language") or _guess_language(body),
                            "url": options.get("url") or page.get("url"), "original_file": original,
                            "chrome": [s.model_dump(exclude_none=True, exclude_defaults=True) for s in chrome]}
    meta = {k: v for k, v in meta.items() if v not in (None, [], "")}
    return Proposal(meta, body, notes)


def existing_sources(root: Path) -> dict[str, str]:
    """Normalised body -> source id, for every readable source under seeds/."""
    out: dict[str, str] = {}
    for p in sorted((root / "seeds").glob("*.md")):
        try:
            parts = split_source(p.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
        if parts is not None:
            out.setdefault(normalise_passage(parts[1]), p.stem)
    return out


def add_source(root: Path, path: Path, options: dict[str, str | None]) -> tuple[Path, Proposal]:
    """Write seeds/<id>.md; refuse (nothing written) a text already there, a taken id, unreadable input."""
    if options.get("id") and not is_slug(options["id"] or ""):
        raise Refusal(f"'{options['id']}' is not a valid id: use lower-case letters, digits and single hyphens, "
                      f"such as '{slugify(options['id'] or '') or 'vbf-2025-07-07'}'")
    proposal = propose(path, options)
    same = existing_sources(root).get(normalise_passage(proposal.body))
    if same is not None:
        raise Refusal(f"{path} is already a source: seeds/{same}.md has the same text")
    rid = proposal.meta["id"]
    target = root / "seeds" / f"{rid}.md"
    if target.exists():
        raise Refusal(f"the id '{rid}' is taken: seeds/{rid}.md exists; choose another with --id")
    try:
        Source.model_validate(proposal.meta)
    except ValidationError as exc:
        problems = "; ".join(f"{'/'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise Refusal(f"the front matter would not validate: {problems}") from None
    front = yaml.safe_dump(proposal.meta, sort_keys=False, allow_unicode=True, width=10**9)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8", newline="\n") as out:
        out.write(f"---\n{front}---\n{proposal.body}")
    return target, proposal
