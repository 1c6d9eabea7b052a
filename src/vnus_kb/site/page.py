"""What a generated page is, and where each page of the site lives: paths, anchors, labels, front matter."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import yaml

from ..knowledge.kb import Cite, SourceEntry
from ..knowledge.models import KINDS
from . import formatting as fmt


@dataclass(frozen=True)
class Page:
    markdown: str
    edit_path: str | None = None  # the repository file a reader would edit to change this page


def page_of(kind: str, rid: str) -> str:
    return f"{KINDS[kind].FOLDER}/{rid}.md"


def source_page(sid: str) -> str:
    return f"sources/{sid}.md"


def anchor(cite: Cite) -> str:
    return f"q-{cite.match.start}-{cite.match.end}"


def source_label(src: SourceEntry) -> str:
    m = src.meta
    if m.title:
        return m.title
    return ", ".join(x for x in (m.publisher, m.published and fmt.date(m.published)) if x) or m.id


def front_matter(title: str, **meta: Any) -> str:
    # Titles reach <title>, the navigation and the search index unescaped by the theme.
    data = {"title": html.escape(title, quote=True), **{k: v for k, v in meta.items() if v}}
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n"
