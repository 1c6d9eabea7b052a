"""Build-time SVG pictures: a record's neighbourhood, and a bar chart. No network, no script."""

from __future__ import annotations

import math
from html import escape

MAX_NEIGHBOURS = 14
_COLOURS = {
    "organization": "#1e88e5", "person": "#8e24aa", "place": "#43a047", "agreement": "#f4511e",
    "programme": "#6d4c41", "event": "#fb8c00", "investment": "#00897b", "target": "#c0ca33",
    "indicator": "#546e7a", "partnership": "#d81b60", "discrepancy": "#757575",
}


def _clip(label: str, n: int = 26) -> str:
    return label if len(label) <= n else label[: n - 1] + "…"


def relation_graph(centre: str, centre_kind: str, neighbours: list[tuple[str, str, str]]) -> str:
    """``neighbours``: (name, kind, relation label). A radial picture, labelled for screen readers."""
    shown = neighbours[:MAX_NEIGHBOURS]
    w, h = 640, 320 if shown else 120
    cx, cy, r = w / 2, h / 2, 120
    parts = [f'<svg class="vnus-graph" role="img" viewBox="0 0 {w} {h}" width="100%" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(centre)} and its relations</title>']
    spots = []
    for i, (name, kind, rel) in enumerate(shown):
        a = 2 * math.pi * i / max(len(shown), 1) - math.pi / 2
        x, y = cx + r * 1.45 * math.cos(a), cy + r * math.sin(a)
        spots.append((x, y, name, kind, rel))
        parts.append(f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="#9e9e9e" stroke-width="1.2"/>')
    for x, y, name, kind, rel in spots:
        colour = _COLOURS.get(kind, "#757575")
        parts.append(f'<g><title>{escape(rel)}: {escape(name)}</title>'
                     f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="{colour}"/>'
                     f'<text x="{x:.1f}" y="{y + 20:.1f}" text-anchor="middle" font-size="12" fill="currentColor">{escape(_clip(name))}</text></g>')
    colour = _COLOURS.get(centre_kind, "#757575")
    parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="12" fill="{colour}"/>'
                 f'<text x="{cx:.1f}" y="{cy - 18:.1f}" text-anchor="middle" font-size="14" font-weight="bold" fill="currentColor">{escape(_clip(centre, 40))}</text>')
    if len(neighbours) > len(shown):
        parts.append(f'<text x="{w - 8}" y="{h - 8}" text-anchor="end" font-size="11" fill="currentColor">+{len(neighbours) - len(shown)} more below</text>')
    parts.append("</svg>")
    return '<div class="vnus-picture">' + "".join(parts) + "</div>"


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
