"""Hostile text that passes validation and must render as inert text.

Each payload is placed in every kind of text field a pull request can write that reaches a
page: descriptions, summaries, notes, aliases, role titles, progress notes, quotes and the
source article itself, and the explanation of how a value was obtained (provenance). The marker `alert(` (or `evil.example`) must never reach markup.
"""

from __future__ import annotations

from pathlib import Path

import yaml

PAYLOADS: list[tuple[str, str]] = [
    ("script-tag", "<script>alert(1)</script>"),
    ("img-onerror", '<img src=x onerror="alert(1)">'),
    ("svg-onload", "<svg onload=alert(1)>"),
    ("svg-script", "<svg><script>alert(1)</script></svg>"),
    ("javascript-text", "javascript:alert(1)"),
    ("md-link-js", "[click me](javascript:alert(1))"),
    ("md-image-js", "![pic](javascript:alert(1))"),
    ("md-link-data", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
    ("md-ref-link-js", "[x][evil]\n\n[evil]: javascript:alert(1)"),
    ("html-link-js", '<a href="javascript:alert(1)">x</a>'),
    ("entities", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("numeric-entities", "&#60;script&#62;alert(1)&#60;/script&#62;"),
    ("hex-entities", "&#x3C;img src=x onerror=alert(1)&#x3E;"),
    ("attr-list", '{: onclick="alert(1)" }'),
    ("attr-list-inline", "text{: onmouseover=alert(1)}"),
    ("snippets", '--8<-- "/etc/passwd"'),
    ("snippets-fenced", '```\n--8<-- "../../../../etc/passwd"\n```'),
    ("iframe", '<iframe src="https://evil.example/"></iframe>'),
    ("style", "<style>body{display:none}</style>"),
    ("md-in-html", '<div markdown="1">**alert(1)**</div>'),
    ("comment-script", "<!-- x --><script>alert(1)</script>"),
    ("details-ontoggle", "<details open ontoggle=alert(1)>"),
    ("footnote-def", "[^1]: javascript:alert(1)"),
    ("emphasis", "***bold*** _x_ `code` ~~s~~ ==m== ^^u^^"),
    ("base-tag", '<base href="https://evil.example/">'),
    ("form", '<form action="https://evil.example/"><input name=q></form>'),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example/">'),
    ("link-stylesheet", "<link rel=stylesheet href=https://evil.example/x.css>"),
    ("md-image-external", "![pixel](https://evil.example/pixel.png)"),
    ("object", '<object data="javascript:alert(1)"></object>'),
    ("attr-breakout", '"><script>alert(1)</script>'),
    ("attr-breakout-single", "' onmouseover='alert(1)"),
    ("jinja", "{{ config.extra }} {% raw %}alert(1){% endraw %}"),
    ("percent-encoded", "%3Cscript%3Ealert(1)%3C/script%3E"),
    ("mxss", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"),
    ("md-title-breakout", '[x](https://example.com "t\\" onmouseover=\\"alert(1)")'),
    ("autolink-js", "<javascript:alert(1)>"),
    ("autolink-external", "<https://evil.example/>"),
    ("heading-and-list", "# Heading\n\n- item\n\n1. one\n\n    indented code alert(1)"),
    ("html-block", "<div>\n<script>alert(1)</script>\n</div>"),
    ("table-pipe", "| a | b |\n| - | - |\n| <script>alert(1)</script> | x |"),
    ("abbr", "*[HTML]: alert(1)"),
    ("emoji-colons", ":material-alert: :smile:"),
    ("backslashes", "\\<script\\>alert(1)\\</script\\>"),
    ("unicode-lookalike", "＜script＞alert(1)＜/script＞"),
]

# Names and titles are single-line plain text without '<' or '>': these still must be inert.
NAME_PAYLOADS: list[tuple[str, str]] = [
    ("name-md-link", "[Evil](javascript:alert(1))"),
    ("name-ampersand", "AT&T &amp; Co &lt;b&gt;"),
    ("name-attr-list", "Name {: onclick=alert(1) }"),
    ("name-quotes", "O'Brien \"Quoted\" `tick`"),
    ("name-jinja", "{{ config }} {% if %}"),
]


def _quote_line(payload: str) -> str:
    return " ".join(payload.split())


def seed_payloads(root: Path) -> list[str]:
    """Write every payload into a copy of a knowledge base; returns the page paths made."""
    body_lines = [f"Hostile line {i}: {_quote_line(p)}" for i, (_, p) in enumerate(PAYLOADS)]
    seed = {"id": "hostile-source", "title": "Hostile & <not a tag> source".replace("<", "").replace(">", ""),
            "language": "en", "original_file": "hostile.txt"}
    (root / "seeds" / "hostile-source.md").write_text(
        "---\n" + yaml.safe_dump(seed, allow_unicode=True) + "---\n" + "\n".join(body_lines) + "\n", encoding="utf-8")
    pages = ["sources/hostile-source.md"]
    org_dir = root / "data" / "organizations"
    for i, (name, payload) in enumerate(PAYLOADS):
        rid = f"hostile-{name}"
        record = {
            "id": rid, "name": f"Hostile {name}", "type": "company",
            "aliases": ["Alias {: onclick=alert(1) } [x](javascript:alert(1))"] if i == 0 else [],
            "description": payload,
            "sources": [{"source": "hostile-source", "quote": body_lines[i]}],
            # the explanation behind a provenance badge (site/views/provenance.py) is data text too
            "provenance": {"type": {"basis": "outside", "how": payload}},
        }
        (org_dir / f"{rid}.yaml").write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
        pages.append(f"organizations/{rid}.md")
    for name, payload in NAME_PAYLOADS:
        rid = f"hostile-{name}"
        record = {"id": rid, "name": payload, "type": "company",
                  "sources": [{"source": "hostile-source", "quote": body_lines[0]}]}
        (org_dir / f"{rid}.yaml").write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
        pages.append(f"organizations/{rid}.md")
    # Payloads in the nested text fields and in a discrepancy note
    person = {"id": "hostile-person", "name": "Hostile Person",
              "roles": [{"title": "Chief {: onclick=alert(1) } [x](javascript:alert(1))",
                         "sources": [{"source": "hostile-source", "quote": body_lines[1]}]}],
              "sources": [{"source": "hostile-source", "quote": body_lines[2]}]}
    (root / "data" / "people" / "hostile-person.yaml").write_text(yaml.safe_dump(person, sort_keys=False), encoding="utf-8")
    pages.append("people/hostile-person.md")
    disc = {"id": "hostile-discrepancy", "name": "Hostile discrepancy", "about": ["hostile-person"], "field": "name",
            "variants": [{"value": "[a](javascript:alert(1))", "sources": [{"source": "hostile-source", "quote": body_lines[3]}]},
                         {"value": "{: onclick=alert(1) }", "sources": [{"source": "hostile-source", "quote": body_lines[4]}]}],
            "preferred": "[a](javascript:alert(1))", "note": PAYLOADS[0][1] + "\n\n" + PAYLOADS[5][1],
            "sources": [{"source": "hostile-source", "quote": body_lines[5]}]}
    (root / "data" / "discrepancies" / "hostile-discrepancy.yaml").write_text(yaml.safe_dump(disc, sort_keys=False), encoding="utf-8")
    pages.append("discrepancies/hostile-discrepancy.md")
    return pages
