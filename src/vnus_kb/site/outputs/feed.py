"""What's new: records added and changed, newest first, as a page and an Atom feed, dated by when
each change reached the main line of the repository's history.

Pure but for ``read_history``, the one function that asks git; everything else takes the history
as data (tests give it a history of their own, or a temporary repository).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin
from xml.sax.saxutils import escape, quoteattr

from ...knowledge.kb import KnowledgeBase
from ...knowledge.read.reserved import address
from ..markup import formatting as fmt
from ..markup.labels import KIND_LABELS
from ..markup.markdown import Md, link, text
from ..markup.page import Page, front_matter, page_of

PAGE = "whats-new.md"
FEED = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 50
PAGE_ENTRIES = 200
_STATUS = {"A": "added", "M": "changed", "T": "changed", "R": "changed", "C": "added", "D": "removed"}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0
_SEP_RECORD, _SEP_FIELD = "\x1e", "\x1f"
_LOG_FORMAT = f"{_SEP_RECORD}%H{_SEP_FIELD}%P{_SEP_FIELD}%cI"


@dataclass(frozen=True)
class Change:
    commit: str
    when: datetime  # when the commit reached the main line (committer date, first-parent history)
    status: str  # added, changed, removed
    path: str  # the record's file, relative to the repository root: data/<folder>/<id>.yaml


@dataclass(frozen=True)
class History:
    changes: tuple[Change, ...] = ()
    note: str = ""  # why the history is missing or partial; empty when it is whole


def parse_log(log: str, shallow: bool = False) -> list[Change]:
    """Changes from `git log --name-status` in ``_LOG_FORMAT``. In a shallow clone the oldest
    commit has no parents and seems to add every file: its changes are left out."""
    out = []
    for block in log.split(_SEP_RECORD):
        if not block.strip():
            continue
        head, _, files = block.partition("\n")
        commit, parents, date = head.split(_SEP_FIELD)
        if shallow and not parents.strip():
            continue
        when = datetime.fromisoformat(date.strip()).astimezone(UTC)
        for line in files.splitlines():
            parts = line.split("\t")
            if len(parts) < 2 or not parts[0]:
                continue
            status = _STATUS.get(parts[0][0])
            if status:
                out.append(Change(commit, when, status, parts[-1]))
    return out


def read_history(root: Path, timeout: float = 60.0) -> History:
    """The changes under data/ from the git history of the repository holding ``root``; never
    raises: without git, outside a repository or in a shallow clone, the note says so."""
    git = shutil.which("git")
    if git is None:
        return History(note="git was not available where this site was built, so changes cannot be listed.")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([git, "-C", str(root), *args], capture_output=True, text=True, timeout=timeout,
                              check=False, encoding="utf-8", errors="replace")

    try:
        shallow = run("rev-parse", "--is-shallow-repository")
        if shallow.returncode != 0:
            return History(note="This site was built outside a git repository, so changes cannot be listed.")
        log = run("log", "--first-parent", "--diff-merges=first-parent", "--name-status", "--relative",
                  "--no-renames", f"--format={_LOG_FORMAT}", "--", "data/")
    except (OSError, subprocess.SubprocessError) as e:
        return History(note=f"The repository's history could not be read ({type(e).__name__}).")
    if log.returncode != 0:
        return History(note="The repository's history could not be read.")
    is_shallow = shallow.stdout.strip() == "true"
    note = ("This site was built from a shallow clone of the repository: only the most recent changes "
            "are listed.") if is_shallow else ""
    return History(tuple(parse_log(log.stdout, is_shallow)), note)


@dataclass(frozen=True)
class Item:
    when: datetime
    status: str
    kind: str
    rid: str
    name: str
    commit: str


def items(kb: KnowledgeBase, history: History) -> list[Item]:
    """Additions and changes of records that exist now, newest first."""
    by_path = {e.path: e for e in kb.entries.values()}
    out = []
    for c in history.changes:
        e = by_path.get(c.path)
        if e is None or c.status == "removed":
            continue
        out.append(Item(c.when, c.status, e.kind, e.id, e.record.name, c.commit))
    out.sort(key=lambda i: i.when, reverse=True)  # stable: git's order within one moment
    return out


def _day(when: datetime) -> str:
    return fmt.date(when.strftime("%Y-%m-%d"))


def page(listed: list[Item], note: str) -> Page:
    here = PAGE
    body = ["# What's new",
            Md(text("Records added and changed, newest first, dated by when the change was merged.")
               + " Follow them in a feed reader: " + link("the Atom feed", here, FEED) + ".")]
    if note:
        body.append(Md("**Note:** " + text(note)))
    if not listed:
        body.append(text("No changes to list."))
    days: dict[str, list[str]] = {}
    for i in listed[:PAGE_ENTRIES]:
        what = "Added" if i.status == "added" else "Changed"
        days.setdefault(_day(i.when), []).append(
            f"- {what}: {link(i.name, here, page_of(i.kind, i.rid))} ({text(KIND_LABELS[i.kind][0].lower())})")
    for day, lines in days.items():
        body.append(f"## {text(day)}\n\n" + "\n".join(lines))
    return Page(front_matter("What's new") + "\n\n".join(body) + "\n")


def _xml(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def _stamp(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def atom(listed: Iterable[Item], site_url: str, site_name: str) -> str:
    """An Atom 1.0 feed (RFC 4287) of the newest additions and changes, with absolute links."""
    entries = list(listed)[:FEED_ENTRIES]
    updated = _stamp(entries[0].when) if entries else "1970-01-01T00:00:00Z"
    base = site_url or "/"
    out = ['<?xml version="1.0" encoding="utf-8"?>', f'<feed xmlns="{ATOM}">',
           f"  <id>{_xml(urljoin(base, FEED))}</id>",
           f"  <title>{_xml(site_name)}: what's new</title>",
           f"  <updated>{updated}</updated>",
           f"  <author><name>{_xml(site_name)}</name></author>",
           f"  <link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(_NOT_XML.sub('', urljoin(base, FEED)))}/>",
           f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(_NOT_XML.sub('', urljoin(base, address(PAGE))))}/>"]
    for i in entries:
        url = urljoin(base, address(page_of(i.kind, i.rid)))
        kind = KIND_LABELS[i.kind][0].lower()
        title = f"{'Added' if i.status == 'added' else 'Changed'}: {i.name}"
        out += ["  <entry>",
                f"    <id>{_xml(url)}#{i.commit}</id>",
                f"    <title>{_xml(title)}</title>",
                f"    <updated>{_stamp(i.when)}</updated>",
                f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(_NOT_XML.sub('', url))}/>",
                f"    <summary>{_xml(f'The {kind} {i.name} was {i.status} on {_day(i.when)}.')}</summary>",
                "  </entry>"]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def whats_new(kb: KnowledgeBase, history: History, site_url: str, site_name: str) -> tuple[Page, str]:
    """The What's new page and the Atom feed."""
    listed = items(kb, history)
    return page(listed, history.note), atom(listed, site_url, site_name)


def feed_link(href: str, site_name: str) -> str:
    """A <link> for the <head> of every page, so that feed readers find the feed at ``href``."""
    title = quoteattr(site_name + ": what\u2019s new")
    return f'<link rel="alternate" type="application/atom+xml" title={title} href={quoteattr(href)}>'
