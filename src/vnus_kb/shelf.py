"""Pages' HTML held compressed between MkDocs making it and writing it.

MkDocs turns every page into HTML before it writes any (links and anchors are checked across
pages), so a one-shot build of 10,000 records would hold all their HTML at once: 2 bytes a
character, as a Vietnamese letter makes Python store the whole string. Compressed, it is about a
tenth of that; each page's HTML is restored just before its template is rendered."""

from __future__ import annotations

from typing import Any

from .site.markup.page import pack, unpack


class Shelf:
    def __init__(self) -> None:
        self._held: dict[str, bytes] = {}

    def put(self, page: Any, html: str, config: Any) -> str:
        """The page's HTML to leave on the page until ``take``: "" when shelved. A page the tags
        plugin lists tags in keeps its HTML (the listings are filled in before pages are written)."""
        if _has_listing(page, config):
            self._held.pop(page.file.src_uri, None)  # none left by a build that failed
            return html
        self._held[page.file.src_uri] = pack(html)
        return ""

    def take(self, page: Any) -> None:
        """Put a shelved page's HTML back on the page."""
        held = self._held.pop(page.file.src_uri, None)
        if held is not None:
            page.content = unpack(held).decode("utf-8", "surrogatepass")

    def __len__(self) -> int:
        return len(self._held)


def _has_listing(page: Any, config: Any) -> bool:
    tags = config.plugins.get("material/tags")
    if tags is None:
        return False
    listings = getattr(tags, "listings", None)
    if listings is None:  # a version of the plugin that keeps them elsewhere: shelve nothing
        return True
    return any(listing.page is page for listing in listings)
