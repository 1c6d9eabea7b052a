"""Build-time SVG pictures: a record's neighbourhood, and a bar chart. No network, no script."""

from __future__ import annotations

import math
import textwrap
from html import escape

MAX_NEIGHBOURS = 14
# Links inside pictures are written xlink:href, not href: the theme's instant navigation assigns
# a.href = a.href to every [href] element, which throws on an SVG link (its href is read-only) and
# stops the page's scripts. Browsers follow, focus and announce xlink:href links like any other.
_COLOURS = {
    "organization": "#1e88e5", "person": "#8e24aa", "place": "#43a047", "agreement": "#f4511e",
    "programme": "#6d4c41", "event": "#fb8c00", "investment": "#00897b", "target": "#c0ca33",
    "indicator": "#546e7a", "partnership": "#d81b60", "discrepancy": "#757575",
}


def _clip(label: str, n: int = 26) -> str:
    return label if len(label) <= n else label[: n - 1] + "…"


def wrap(label: str, width: int = 22) -> list[str]:
    """A full name on as many lines as it needs (never cut); a long word keeps its line."""
    return textwrap.wrap(label, width, break_long_words=False, break_on_hyphens=False) or [label]


def label_lines(x: float, y: float, lines: list[str], anchor: str, size: int = 12, cls: str = "") -> str:
    """A <text> of several lines starting at baseline ``y``; data text escaped."""
    klass = f' class="{cls}"' if cls else ""
    spans = "".join(f'<tspan x="{x:.1f}" dy="{0 if i == 0 else 1.15}em">{escape(t)}</tspan>' for i, t in enumerate(lines))
    return (f'<text{klass} x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
            f'fill="currentColor">{spans}</text>')


def _num(v: float) -> str:
    """A coordinate to a tenth, without a trailing '.0' (a tenth of a pixel is all a picture needs)."""
    s = f"{v:.1f}".removesuffix(".0")
    return "0" if s == "-0" else s


def _label(x: float, y: float, lines: list[str], anchor: str, cls: str = "") -> str:
    """A <text> of several lines starting at baseline ``y``; its size and colour from the style sheet
    (assets/views.css); data text escaped."""
    klass = f' class="{cls}"' if cls else ""
    rest = "".join(f'<tspan x="{_num(x)}" dy="1.15em">{escape(t)}</tspan>' for t in lines[1:])
    return f'<text{klass} x="{_num(x)}" y="{_num(y)}" text-anchor="{anchor}">{escape(lines[0])}{rest}</text>'


def relation_graph(centre: str, centre_kind: str, neighbours: list[tuple[str, str, str, str]]) -> str:
    """``neighbours``: (name, kind, relation label, href of its page), the first drawn first. A
    radial picture; every neighbour a link, its full name wrapped; a caption says what it shows.
    Lines, sizes and colours of text come from the style sheet, so that each node is a few bytes."""
    shown = neighbours[:MAX_NEIGHBOURS]
    size, step = 13, 13 * 1.15  # font size and line height of the names
    w = 860
    cx, cy, rx, ry = w / 2, 0.0, 250, 150
    title = f"{centre} and its relations"
    edges, nodes = [], []
    top, bottom = -30.0, 30.0  # the picture's height follows the names drawn
    for i, (name, kind, rel, href) in enumerate(shown):
        a = 2 * math.pi * i / max(len(shown), 1) - math.pi / 2
        x, y, dx, dy = cx + rx * math.cos(a), cy + ry * math.sin(a), math.cos(a), math.sin(a)
        edges.append(f"M{_num(cx)} {_num(cy)}L{_num(x)} {_num(y)}")
        lines = wrap(name)
        if abs(dx) > 0.35:  # beside the dot, centred on it
            anchor, lx = ("start", x + 11) if dx > 0 else ("end", x - 11)
            ly = y + 4 - (len(lines) - 1) * step / 2
        else:  # above or below the dot
            anchor, lx = "middle", x
            ly = y + 24 if dy > 0 else y - 13 - (len(lines) - 1) * step
        top, bottom = min(top, ly - size, y - 8), max(bottom, ly + (len(lines) - 1) * step + 4, y + 8)
        nodes.append(f'<a xlink:href="{escape(href)}" class="vnus-node"><title>{escape(rel)}: {escape(name)}</title>'
                     f'<circle cx="{_num(x)}" cy="{_num(y)}" r="7" fill="{_COLOURS.get(kind, "#757575")}"/>'
                     + _label(lx, ly, lines, anchor) + "</a>")
    centre_lines = wrap(centre, 34)
    bottom = max(bottom, cy + 32 + (len(centre_lines) - 1) * 16.1 + 4)
    top, bottom = top - 12, bottom + 12
    if len(neighbours) > len(shown):
        bottom += 8
        nodes.append(_label(w - 8, bottom - 8, [f"+{len(neighbours) - len(shown):,} more, listed below"], "end", "vnus-more"))
    parts = [f'<svg class="vnus-graph" role="group" aria-label="{escape(title)}" '
             f'viewBox="0 {_num(top)} {w} {_num(bottom - top)}" width="100%">'
             f"<title>{escape(title)}</title>",
             f'<path class="vnus-edges" d="{"".join(edges)}"/>' if edges else "",
             f'<circle cx="{_num(cx)}" cy="{_num(cy)}" r="12" fill="{_COLOURS.get(centre_kind, "#757575")}"/>',
             _label(cx, cy + 32, centre_lines, "middle", "vnus-centre"), *nodes, "</svg>"]
    n = len(neighbours)
    caption = (f"{centre} (centre) and the {n:,} record{'s' if n != 1 else ''} it is linked with"
               + (f": {len(shown)} drawn, those it names and then the most referred to; {n - len(shown):,} left out"
                  if n > len(shown) else "")
               + "; each dot links to its page. The same relations are listed under Relations below.")
    return (f'<figure class="vnus-figure"><div class="vnus-picture" tabindex="0" role="region" aria-label="{escape(title)}">'
            + "".join(parts)
            + f'</div><figcaption>{escape(caption)}</figcaption></figure>')


def bar_chart(title: str, bars: list[tuple[str, float, str]]) -> str:
    """``bars``: (label, value, value shown). Horizontal bars on a linear scale."""
    if not bars:
        return ""
    top = max(v for _, v, _ in bars) or 1
    row, left, width = 30, 230, 330
    h = row * len(bars) + 20
    parts = [f'<svg class="vnus-chart" role="img" viewBox="0 0 640 {h}" width="100%" xmlns="http://www.w3.org/2000/svg">'
             f'<title>{escape(title)}</title>']
    for i, (name, value, shown) in enumerate(bars):
        y = 10 + i * row
        bw = max(2.0, width * value / top)
        parts.append(f'<text x="{left - 8}" y="{y + 16}" text-anchor="end" font-size="12" fill="currentColor">{escape(_clip(name, 34))}</text>'
                     f'<rect x="{left}" y="{y + 4}" width="{bw:.1f}" height="18" fill="#00897b"/>'
                     f'<text x="{left + bw + 6:.1f}" y="{y + 17}" font-size="12" fill="currentColor">{escape(shown)}</text>')
    parts.append("</svg>")
    return "".join(parts)
