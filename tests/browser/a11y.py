"""axe-core in the browser: the script bundled by the PyPI package axe-playwright-python
(installed by `make test`; nothing is fetched at test time), run with the WCAG 2.1 A and AA rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")

# Material's palette follows the reader's system preference (mkdocs.yml: `media` on each palette)
MODES: dict[str, dict[str, Any]] = {
    "light": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light"},
    "dark": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "dark"},
    "phone": {"viewport": {"width": 390, "height": 844}, "color_scheme": "light", "is_mobile": True,
              "has_touch": True},
    "phone-dark": {"viewport": {"width": 390, "height": 844}, "color_scheme": "dark", "is_mobile": True,
                   "has_touch": True},
}
SCHEME = {"light": "default", "dark": "slate", "phone": "default", "phone-dark": "slate"}

RECORD_FOLDERS = ("organizations", "people", "places", "agreements", "programmes", "events", "investments",
                  "targets", "indicators", "partnerships", "discrepancies")


@cache
def axe_script() -> str:
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]
    summary: str  # axe's explanation for the first node (e.g. the contrast ratio found)

    def __str__(self) -> str:
        shown = ", ".join(self.targets[:4]) + (f" (+{len(self.targets) - 4} more)" if len(self.targets) > 4 else "")
        return f"{self.impact} {self.rule}: {self.help} x{len(self.targets)} [{shown}] {self.summary}"


def run_axe(page: Any) -> list[Violation]:
    """Every WCAG 2.1 A/AA violation on the page as loaded."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_script())
    raw = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS)
    found = []
    for v in raw["violations"]:
        nodes = v["nodes"]
        summary = (nodes[0].get("failureSummary") or "").replace("\n", " ") if nodes else ""
        found.append(Violation(v["id"], v.get("impact") or "", v["help"],
                               tuple(" ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"])
                                     for n in nodes), summary[:300]))
    return found


def kinds_of_page(site_dir: Path) -> dict[str, str]:
    """One page of every kind, by name: home, every overview, one record of each kind, a source."""
    pages = {"home": "", "timeline": "timeline/", "sources": "sources/", "data": "data/", "tags": "tags/",
             "contributing": "contributing/", "about": "about/"}
    for extra in ("whats-new", "explore"):
        if (site_dir / extra / "index.html").is_file():
            pages[extra] = f"{extra}/"
    for folder in RECORD_FOLDERS:
        pages[f"{folder}/"] = f"{folder}/"
        ids = sorted(p.parent.name for p in (site_dir / folder).glob("*/index.html"))
        if ids:
            pages[f"{folder}/{ids[0]}"] = f"{folder}/{ids[0]}/"
    sources = sorted(p.parent.name for p in (site_dir / "sources").glob("*/index.html"))
    if sources:
        pages[f"sources/{sources[0]}"] = f"sources/{sources[0]}/"
    return pages
