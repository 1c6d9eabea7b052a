"""How a value on a page was obtained: a value that is not in the words of its quotes (inferred, or from
outside the sources) is shown marked, with a badge whose explanation is one hover, focus or tap away.

The markup is a wrapper span, the value, a button (the badge: focusable, announced with its explanation
through aria-describedby) and the explanation (role=tooltip). CSS shows the explanation on hover and on
focus; assets/vnus-kb.js toggles it on a tap (browsers that do not focus a tapped button) and closes it
with Escape. Every piece of data text goes through markdown.text().
"""

from __future__ import annotations

from ...knowledge.checks.values import Claim, claims
from ...knowledge.kb import KnowledgeBase
from ...knowledge.read.models import Loc
from ..markup.markdown import Md, html_attr, text
from ..markup.page import TIP, source_label

# Data text reaches a page only through markdown.text(), which escapes '"' and '#': no data can
# write this placeholder.
_TIP = TIP

BADGES = {"inferred": "inferred", "outside": "outside the sources"}
_LEADS = {"inferred": "Inferred, not stated in these words", "outside": "From outside the sources"}


class Marks:
    """The class of every claimed value of a knowledge base, and the markup that shows it."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.claims: dict[tuple[str, Loc], Claim] = {(c.record, c.loc): c for c in claims(kb)}

    def basis(self, rid: str, loc: Loc) -> str | None:
        c = self.claims.get((rid, loc))
        return c.basis if c else None

    def explanation(self, c: Claim) -> str:
        """The words behind the badge, as plain text."""
        assert c.provenance is not None
        p = c.provenance
        bits = [f"{_LEADS[p.basis]}: {p.how.rstrip('.')}."]
        if p.source and p.source in self.kb.sources:
            bits.append(f"From: {source_label(self.kb.sources[p.source])}.")
        return " ".join(bits)

    def mark(self, rid: str, loc: Loc, shown: str) -> Md:
        """``shown`` (Markdown already) marked when its value is inferred or from outside the sources."""
        c = self.claims.get((rid, loc))
        if c is None or c.provenance is None:
            return Md(shown)
        tip = _TIP  # numbered per page when the Page is made (site/markup/page.py), so that a page never depends on the others
        basis = c.provenance.basis
        ref = c.provenance.reference
        link = (f' <a href="{html_attr(ref)}" rel="nofollow noopener">{text(ref)}</a>' if ref else "")
        return Md(f'<span class="vnus-basis vnus-{basis}"><span class="vnus-value">{shown}</span>'
                  f'<button type="button" class="vnus-badge" aria-describedby="{tip}" aria-expanded="false">'
                  f"{text(BADGES[basis])}</button>"
                  f'<span class="vnus-why" id="{tip}" role="tooltip">{text(self.explanation(c))}{link}</span></span>')
