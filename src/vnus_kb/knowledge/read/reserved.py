"""The pages and files the site generates itself, which no record or source may take the place of.

A record's page is ``<folder>/<id>.md`` and a source's ``sources/<id>.md``; MkDocs serves a page
``x.md`` and a page ``x/index.md`` at one address, ``x/``. So an id such as ``index`` would give a
record the address of its kind's overview, and one of the two pages would be lost. This table is
read by validation (error ``id-reserved``) and by the site, which checks what it generates against
it (site/pages.py), so the two cannot drift apart. Plain data: nothing here imports the site.
Pages made in numbers (a large overview's ``index_2.md``, a sector's ``tags_<sector>.md``, a large
timeline's ``timeline_2023.md``, Explore's lists ``explore_organizations_2.md``) hold an
underscore, which no id can (models.SLUG_RE), and site/pages.py checks every address anyway.
"""

from __future__ import annotations

import functools

from .models import RECORD_TYPES

SOURCES_FOLDER = "sources"

# Every page and file of the site that does not belong to one record or source, with what it is.
GENERATED: dict[str, str] = {
    "index.md": "the home page",
    "timeline.md": "the timeline",
    "explore.md": "the Explore page",
    "whats-new.md": "the What's new page",
    "feed.xml": "the Atom feed",
    "data.md": "the Data page",
    "tags.md": "the Sectors page",
    "downloads/": "the downloads",
    "assets/": "the site's scripts and styles",
    **{f"{t.FOLDER}/index.md": f"the overview of {t.FOLDER}" for t in RECORD_TYPES},
    f"{SOURCES_FOLDER}/index.md": "the list of sources",
}


def address(path: str) -> str:
    """Where MkDocs serves a file (directory URLs): ``a/index.md`` and ``a.md`` at ``a/``, the
    home page at ``""``, other files where they are."""
    if path.endswith("/"):
        return path
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def replaced_by(folder: str, rid: str) -> str | None:
    """The generated page or file a record (or source) with id ``rid`` in ``folder`` would
    replace or hide, described for a reader; None when the id is free."""
    mine = address(f"{folder}/{rid}.md")
    for theirs, path, what in _addresses_in(folder):
        if theirs.startswith(mine):  # the same address, or a file inside it
            return f"{path}, {what}"
    return None


@functools.cache
def _addresses_in(folder: str) -> tuple[tuple[str, str, str], ...]:
    """The generated pages served under ``folder/`` with their addresses, worked out once per
    folder (validation asks for every record and source): a record's address is always there."""
    return tuple((theirs, path, what) for path, what in GENERATED.items()
                 if (theirs := address(path)).startswith(f"{folder}/"))
