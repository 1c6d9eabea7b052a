"""Two records that are one thing under two spellings."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process

from ..diagnostics import Diagnostic, error, warning
from ..text import fold_name
from ..vietnamese import differ_by_syllable, differ_in_marks

if TYPE_CHECKING:
    from ..kb import KnowledgeBase

_DIGITS = re.compile(r"\d+")
NEAR = 92.0  # fuzz.ratio on folded names; below this, names like "FPT" / "FPT University" differ


# fuzz.ratio is 100 * (1 - indel / (la + lb)) and indel >= |la - lb|: two keys can only score NEAR or
# more when the longer is at most this many times the length of the shorter.
_LONGEST = (200 - NEAR) / NEAR


def _close_pairs(keys: list[str], block: int = 250) -> list[tuple[int, int]]:
    """Index pairs (i < j) of near-identical keys. Keys are compared in order of length, each
    only with the keys long enough to score NEAR: every such pair is found, in a fraction of
    the comparisons of all against all; in row blocks, so memory stays small. (Blocks of 250
    rows compare less in vain than blocks of 1,000, the rows of a block reaching no further than
    its longest row needs: 0.30 s instead of 0.48 s for the 12,000 names of 10,000 records.)"""
    order = sorted(range(len(keys)), key=lambda k: len(keys[k]))
    ordered = [keys[k] for k in order]
    lengths = [len(k) for k in ordered]
    pairs: list[tuple[int, int]] = []
    for lo in range(0, len(ordered), block):
        hi = min(lo + block, len(ordered))
        end = bisect_right(lengths, int(lengths[hi - 1] * _LONGEST), lo=hi)
        scores = process.cdist(ordered[lo:hi], ordered[lo:end], scorer=fuzz.ratio, score_cutoff=NEAR,
                               dtype=np.uint8, workers=-1)
        for i, j in zip(*scores.nonzero(), strict=True):
            if i < j:
                a, b = order[lo + int(i)], order[lo + int(j)]
                pairs.append((min(a, b), max(a, b)))
    return sorted(pairs)


def _distinct(kb: KnowledgeBase, a: str, b: str) -> bool:
    return b in kb.entries[a].record.distinct_from or a in kb.entries[b].record.distinct_from


def check_duplicates(kb: KnowledgeBase) -> list[Diagnostic]:
    # (folded name, id, where the name stands, the name as written)
    rows: list[tuple[str, str, tuple[str | int, ...], str]] = []
    for e in kb.entries.values():
        r = e.record
        named = [(("name",), r.name)] + [(("aliases", i), a) for i, a in enumerate(r.aliases)]
        if r.name_vi:
            named.append((("name_vi",), r.name_vi))
        seen: set[str] = set()
        for loc, n in named:
            key = fold_name(n)
            if key and key not in seen:
                seen.add(key)
                rows.append((key, e.id, loc, n))
    if not rows:
        return []
    keys = [r[0] for r in rows]
    out: list[Diagnostic] = []
    reported: set[tuple[str, str]] = set()
    for i, j in _close_pairs(keys):
        (ka, ida, _, na), (kb_, idb, locb, nb) = rows[i], rows[j]
        if ida == idb or (ida, idb) in reported or _distinct(kb, ida, idb):
            continue
        if ka != kb_ and _DIGITS.findall(ka) != _DIGITS.findall(kb_):
            continue  # "Trade 2022" and "Trade 2023" differ by a number, not by a spelling
        if differ_by_syllable(ka, kb_) or differ_in_marks(na, nb):
            continue  # "Vu Van Duc Ha" / "Vu Van Duc Thao", "Hùng" / "Hưng": namesakes, different given names
        reported.add((ida, idb))
        for (id1, n1, loc1), (id2, n2, loc2) in (((ida, na, rows[i][2]), (idb, nb, locb)), ((idb, nb, locb), (ida, na, rows[i][2]))):
            # on both files, so that whichever one a pull request adds is annotated
            other = kb.entries[id2]
            how = "the same name as" if ka == kb_ else "nearly the same as"
            msg = f"'{n1}' is {how} '{n2}' of {other.kind} '{id2}' ({other.doc.pos(loc2)})"
            hint = f"merge the two records, or add 'distinct_from: [{id2}]' if they are different things"
            make = error if ka == kb_ else warning
            out.append(make("duplicate-name", msg, kb.entries[id1].doc.pos(loc1), hint))
    return out
