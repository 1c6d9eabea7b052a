"""Names in a sentence: linked to the record they mean (by id, name, alias or Vietnamese name, with or
without diacritics, or through a near miss such as a misspelling), or new with the kind they probably are."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..knowledge.kb import KnowledgeBase
from ..knowledge.text import fold_name, strip_accents

_TOKEN = re.compile(r"[\w’'&.-]*\w|\$")
_CONNECT = {"of", "for", "and", "the", "on", "de", "la", "&", "in"}  # inside a name: 'Ministry of Science and Technology'
_STOP = {
    "a", "an", "the", "this", "that", "these", "those", "it", "its", "he", "she", "his", "her", "they", "their",
    "we", "our", "i", "in", "on", "at", "by", "for", "from", "to", "with", "as", "and", "but", "or", "if", "while",
    "during", "after", "before", "since", "under", "over", "also", "however", "meanwhile", "additionally",
    "furthermore", "moreover", "both", "several", "many", "most", "some", "all", "each", "other", "such", "there",
    "here", "when", "where", "what", "which", "who", "how", "why", "not", "no", "yes", "mr", "mrs", "ms", "dr",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "speaking", "last", "next", "first", "new", "one", "two", "three", "more", "according",
    "against", "through", "among", "between", "about", "photo", "photos", "source", "vna",
}
_TITLES = re.compile(
    r"(?:President|Prime Minister|Minister|Deputy Minister|Deputy Prime Minister|Secretary|General Secretary|"
    r"Party Chief|Chairman|Chairwoman|Chair|CEO|Chief Executive|Director|Ambassador|Governor|Senator|"
    r"Vice President|Founder|Professor|Dr\.?|Mr\.?|Ms\.?|Mrs\.?|Deputy|Head|spokesperson|founder|chief)"
    r"(?:\s+of\s+[\w\s]+?)?\s*,?\s*$")
_TITLE_ONLY = re.compile(r"(?:(?:US|U\.S\.|Vietnamese|American|Deputy|Vice|General|State|Party|Prime|Chief|"
                         r"Executive|Minister|President|Secretary|Chairman|Chief|Director|Ambassador|CEO|Governor|Mr|"
                         r"Ms|Mrs|Dr|Head|Founder)\.?\s*)+")
_DEMONYMS = {"vietnamese", "american", "americans", "korean", "japanese", "chinese", "european", "asian", "indian",
             "taiwanese", "german", "french", "british", "thai", "singaporean", "australian", "global", "western"}
_SURNAMES = {"nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ho",
             "ngo", "duong", "ly", "truong", "dinh", "doan", "lam", "mai", "trinh", "cao", "luong", "ha", "to"}
_KIND_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("agreement", re.compile(r"(?i)\b(agreement|memorandum|mou|treaty|accord|deal|contract|joint statement)\b")),
    ("programme", re.compile(r"(?i)\b(strategy|program|programme|initiative|plan|law|act|project|decree|"
                             r"resolution|scheme|fund programme|competition|challenge)\b")),
    ("event", re.compile(r"(?i)\b(summit|conference|forum|visit|expo|exhibition|dialogue|festival|week|"
                         r"ceremony|meeting|talks|workshop|seminar|congress)\b")),
    ("place", re.compile(r"(?i)\b(province|city|district|park|zone|region|state|county|island|town|village|"
                         r"hi-tech park|industrial park|commune|valley|delta)\b")),
    ("organization", re.compile(r"(?i)\b(company|corporation|corp|inc|group|ministry|agency|association|university|"
                                r"institute|bank|fund|council|department|technologies|technology|semiconductors?|"
                                r"labs?|systems|solutions|jsc|ltd|llc|alliance|commission|committee|party|"
                                r"academy|school|college|centre|center|office|chamber|federation|network|"
                                r"holdings|partners|ventures|capital|electronics|motors|airlines|airways|"
                                r"foundation|society|union|administration|government|bureau|authority|ai)\b")),
)


@dataclass(frozen=True)
class Link:
    text: str  # as written in the sentence
    record: str | None  # the id it means, or None for a new name
    kind: str  # the record's kind, or the probable kind of a new name
    how: str  # 'name', 'alias', 'Vietnamese name', 'id', 'without diacritics', 'near miss of ...', 'new'
    start: int
    end: int


class NameIndex:
    """Every name of every record, folded, with what kind of name it is; built once per run."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.names: dict[str, tuple[str, str, str]] = {}  # folded -> (id, how, spelling)
        self.spellings: dict[tuple[str, str], str] = {}  # (id, spelling as written) -> how
        for e in kb.entries.values():
            r = e.record
            spellings = [(r.name, "name"), *((a, "alias") for a in r.aliases)]
            if r.name_vi:
                spellings.append((r.name_vi, "Vietnamese name"))
            for spelling, how in spellings:
                self.names.setdefault(fold_name(spelling), (e.id, how, spelling))
                self.spellings.setdefault((e.id, spelling), how)
        for e in kb.entries.values():
            self.names.setdefault(fold_name(e.id.replace("-", " ")), (e.id, "id", e.id))
        self.names.pop("", None)
        self.longest = max((len(k.split()) for k in self.names), default=1)
        self._fuzzy = [k for k in self.names if len(k) >= 5]

    def exact(self, text: str) -> tuple[str, str, str] | None:
        hit = self.names.get(fold_name(text))
        if hit is None:
            return None
        rid, how, spelling = hit
        if spelling.isupper() and len(spelling) <= 5 and not text.isupper():
            return None  # 'US' is a record, 'us' a pronoun
        if how == "id" and text != spelling and text.lower() == text:
            return None  # a lower-case phrase that happens to spell an id ('ai factory')
        if (rid, text) in self.spellings:
            how = self.spellings[rid, text]
        elif how != "id" and spelling != text and strip_accents(spelling) == text:
            how = f"{how} without diacritics"
        return rid, how, spelling

    def near(self, text: str) -> tuple[str, str] | None:
        """The record whose name is one or two edits away (a misspelling), and that name."""
        key = fold_name(text)
        if len(key) < 5:
            return None
        limit = 1 if len(key) < 9 else 2
        found = process.extractOne(key, self._fuzzy, scorer=OSA.distance, score_cutoff=limit)
        if not found or found[1] == 0:
            return None
        rid, _, spelling = self.names[found[0]]
        return rid, spelling


def _tokens(sentence: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group().rstrip(".")) for m in _TOKEN.finditer(sentence)]


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or (word[:1].isdigit() and any(c.isupper() for c in word))


def guess_kind(name: str, before: str) -> str:
    """The probable kind of a new name, from its words and the words just before it."""
    words = name.split()
    if _TITLES.search(before) and 2 <= len(words) <= 4 and not any(p.search(name) for _, p in _KIND_WORDS):
        return "person"
    if 2 <= len(words) <= 4 and strip_accents(words[0]).lower() in _SURNAMES:
        return "person"
    for kind, pattern in _KIND_WORDS:
        if pattern.search(name):
            return kind
    if name.isupper() and len(name) >= 2:
        return "organization"
    if re.search(r"(?i)\b(?:in|near|at|province of)\s*$", before):
        return "place"
    return "organization"


def find_names(sentence: str, index: NameIndex, new: Mapping[str, Link] | None = None) -> list[Link]:
    """Known names first (longest match wins), then runs of capitalised words as near misses or new names.
    ``new``: new names met earlier in the article (folded, and by their first word) -> their link."""
    new = new or {}
    toks = _tokens(sentence)
    used = [False] * len(toks)
    links: list[Link] = []
    for i in range(len(toks)):
        if used[i]:
            continue
        for n in range(min(index.longest + 2, len(toks) - i), 0, -1):
            if any(used[i:i + n]):
                continue
            a, b = toks[i][0], toks[i + n - 1][1]
            text = sentence[a:b]
            if not _capitalised(text) and not text[:1].isdigit():
                continue
            if any(sentence[toks[k][1]:toks[k + 1][0]].strip() for k in range(i, i + n - 1)):
                continue  # a name does not run across punctuation
            if any(not t[:1].isupper() and not fold_name(t) for _, _, t in toks[i:i + n]):
                continue  # 'the', 'company' in lower case belong to the sentence, not the name
            hit = index.exact(text)
            if hit:
                rid, how, _ = hit
                if sentence[b:b + 1] == "." and (rid, text + ".") in index.spellings:  # 'U.S.', 'Inc.'
                    text, how = text + ".", index.spellings[rid, text + "."]
                links.append(Link(text, rid, index.kb.entries[rid].kind, how, a, a + len(text)))
                for k in range(i, i + n):
                    used[k] = True
                break
    i = 0
    while i < len(toks):
        if used[i] or not _capitalised(toks[i][2]) or (toks[i][2].lower() in _STOP and not toks[i][2].isupper()):
            i += 1
            continue
        j = i
        while j + 1 < len(toks) and not used[j + 1] and (
                _capitalised(toks[j + 1][2]) or (toks[j + 1][2].lower() in _CONNECT and j + 2 < len(toks)
                                                 and not used[j + 2] and _capitalised(toks[j + 2][2]))):
            if sentence[toks[j][1]:toks[j + 1][0]].strip(" "):  # punctuation between words ends a name
                break
            j += 1
        a, b = toks[i][0], toks[j][1]
        sentence_initial = not sentence[:a].strip(" “\"'(")
        i = j + 1
        text = sentence[a:b]
        if sentence_initial and a == toks[j][0] and not text.isupper() and not re.search(r"\d|[A-Z].*[A-Z]", text[1:]):
            earlier = new.get(fold_name(text))
            if earlier is not None:  # 'Orion' for 'Orion Microdevices', named earlier
                links.append(Link(text, None, earlier.kind, f"new, short for '{earlier.text}'", a, b))
            links.extend(lk for lk in _unknown(text, a, sentence, index) if lk.record)
            continue  # 'Several', 'Over': one capitalised word opening a sentence is seldom a new name
        parts = [(a, text)]
        if not index.near(text) and not any(p.search(text) for _, p in _KIND_WORDS):
            parts = [(a + m.start(), m.group()) for m in re.finditer(r"\S.*?(?=\s+(?:and|&)\s+|$)", text)
                     if m.group() not in ("and", "&")]
        for start, part in parts:
            part = re.sub(r"^(?:and|&)\s+", "", part)
            start = a + text.find(part, start - a)
            links.extend(_unknown(part, start, sentence, index))
    return sorted(links, key=lambda lk: lk.start)


def _unknown(text: str, start: int, sentence: str, index: NameIndex) -> list[Link]:
    """A near miss of a known name, or a new name; nothing for a title or a nationality."""
    if _TITLE_ONLY.fullmatch(text) or _demonym(text, index):
        return []
    near = index.near(text)
    if near:
        rid, spelling = near
        return [Link(text, rid, index.kb.entries[rid].kind, f"near miss of '{spelling}'", start, start + len(text))]
    return [Link(text, None, guess_kind(text, sentence[max(0, start - 40):start]), "new", start, start + len(text))]


def _demonym(text: str, index: NameIndex) -> bool:
    """'Vietnamese', 'American', 'Korean': an adjective of nationality, not a name."""
    word = fold_name(text)
    if " " in word:
        return False
    if word in _DEMONYMS:
        return True
    return any(word.startswith(k) and word[len(k):] in ("ese", "ian", "an", "n", "ns", "ans", "ish", "i")
               for k in (word[:n] for n in range(4, len(word))) if k in index.names)
