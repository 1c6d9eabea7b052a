"""The second wall: an allowlist of the HTML that generated pages may hold (nh3, Rust's ammonia)."""

from __future__ import annotations

import nh3

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "div", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "i", "li", "mark", "ol", "p", "pre", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul", "dl", "dt", "dd", "details", "summary", "nav", "small", "figure", "figcaption",
    "button",  # the badge of an inferred or outside value (site/views/provenance.py): type=button, no form
    # build-time pictures
    "svg", "g", "line", "circle", "rect", "text", "title", "path", "polyline", "tspan", "desc",
}
_ATTRS = {
    "*": {"id", "class", "title", "data-sort", "role", "aria-label", "aria-hidden", "aria-labelledby",
          "aria-describedby", "aria-live", "hidden", "data-kind", "data-sectors", "data-year", "data-id"},
    "a": {"href", "rel"},
    "button": {"type", "aria-describedby", "aria-expanded"},
    "span": {"data-pagefind-weight", "data-pagefind-meta"},  # a record's names in search (records.names_line)
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
    "ol": {"start"},
    "svg": {"viewbox", "viewBox", "width", "height", "xmlns"},
    "line": {"x1", "y1", "x2", "y2", "stroke", "stroke-width", "data-from", "data-to"},
    "circle": {"cx", "cy", "r", "fill"},
    "tspan": {"x", "y", "dy"},
    # choices that assets/explore.js turns into form controls (the page itself holds none)
    "div": {"data-target", "tabindex"},  # tabindex="0": a picture that scrolls sideways is reachable by keyboard
    "ul": {"data-name", "data-label", "data-control", "data-all"},
    "li": {"value", "data-value"},
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
