"""The second wall: an allowlist of the HTML that generated pages may hold (nh3, Rust's ammonia)."""

from __future__ import annotations

import nh3

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "div", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "i", "li", "mark", "ol", "p", "pre", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul", "dl", "dt", "dd", "details", "summary", "nav", "small",
    # build-time pictures
    "svg", "g", "line", "circle", "rect", "text", "title", "path", "polyline",
}
_ATTRS = {
    "*": {"id", "class", "title", "data-sort", "role", "aria-label", "aria-hidden"},
    "a": {"href", "rel"},
    "span": {"data-pagefind-weight", "data-pagefind-meta"},  # a record's names in search (records.names_line)
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
    "ol": {"start"},
    "li": {"value"},
    "svg": {"viewbox", "viewBox", "width", "height", "xmlns"},
    "line": {"x1", "y1", "x2", "y2", "stroke", "stroke-width"},
    "circle": {"cx", "cy", "r", "fill"},
    "rect": {"x", "y", "width", "height", "fill"},
    "text": {"x", "y", "text-anchor", "font-size", "font-weight", "fill"},
    "path": {"d", "fill", "stroke"},
}


def clean(html: str) -> str:
    """Keep tables, footnotes, anchors, links and SVG pictures; drop script, handlers, other URLs."""
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRS,
        url_schemes={"http", "https"},
        link_rel=None,
        strip_comments=True,
    )
