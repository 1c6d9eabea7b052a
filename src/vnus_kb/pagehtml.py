"""Generated pages' Markdown to HTML in C: cmark-gfm (GitHub's CommonMark parser, through cmarkgfm),
shaped as Python-Markdown's toc and footnotes extensions shape theirs, so that the theme, our CSS and
the search see the same page.

Python-Markdown converts about 1 µs per byte of our pages in pure Python: half of a 10,000-record
`mkdocs build`. cmark-gfm converts the same Markdown some thirty times faster. The Markdown of a
generated page is ours (site/markup/markdown.py turns every special character of data text into a character
reference) and holds only CommonMark, GFM pipe tables, footnotes and raw HTML; `HtmlPage` takes over
a generated page's conversion only when mkdocs.yml enables no extension that could read it otherwise
(`converts_like_python_markdown`). MkDocs' own work on a page is kept: links to other pages are
resolved and checked, anchors collected and checked, the table of contents and the title made.
"""

from __future__ import annotations

import ctypes
import html
import logging
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from cmarkgfm import _cmark
from cmarkgfm.cmark import Options, core_extensions_ensure_registered, find_syntax_extension
from markdown.extensions.toc import nest_toc_tokens, slugify, unique
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.plugins.vnus_kb")

_OPTIONS = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_FOOTNOTES  # UNSAFE: our raw HTML (pictures, badges)
core_extensions_ensure_registered()
_TABLE = find_syntax_extension("table")
# cmarkgfm's own markdown_to_html frees neither the document nor the HTML it returns (about ten
# bytes per byte of Markdown: 600 MB at 10,000 records); both are freed here, by the functions
# its module exports but does not wrap.
_SO = ctypes.CDLL(_cmark.__file__)
_SO.cmark_node_free.argtypes = [ctypes.c_void_p]
_SO.cmark_node_free.restype = None
_FREE = ctypes.CDLL(None).free  # cmark's default allocator is the C library's
_FREE.argtypes = [ctypes.c_void_p]
_FREE.restype = None
# Extensions whose syntax generated Markdown never holds (MkDocs enables the first three itself);
# with any other, a generated page goes through Python-Markdown as every other page does.
INERT = frozenset({"toc", "tables", "fenced_code", "footnotes", "attr_list", "md_in_html", "admonition"})
_TOC_OPTIONS = frozenset({"permalink", "permalink_title", "permalink_class", "slugify", "separator", "title"})

_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)
_TAG = re.compile(r"<[^>]*>")
_FNREF = re.compile(r'<sup class="footnote-ref"><a href="#fn-([^"]+?)" id="fnref-\1(?:-(\d+))?" '
                    r'data-footnote-ref>([^<]*)</a></sup>')
_BACKREFS = re.compile(r'(?: <a href="#fnref-[^"]*" class="footnote-backref"[^>]*>↩'
                       r'(?:<sup class="footnote-ref">\d+</sup>)?</a>)+')
_BACKREF = re.compile(r'href="#fnref-([^"]+?)(?:-(\d+))?"')
_FN_ITEM = re.compile(r'<li id="fn-([^"]+)">')
_HREF = re.compile(r'(?<![\w:-])href="([^"]*)"|xlink:href="([^"]*)"')
_ID = re.compile(r'\sid="([^"]*)"')


def converts_like_python_markdown(extensions: list[Any], configs: Mapping[str, Any]) -> bool:
    """True when cmark-gfm gives generated pages what Python-Markdown would with these extensions."""
    names = {e if isinstance(e, str) else type(e).__module__ for e in extensions}
    toc = configs.get("toc") or {}
    return names <= INERT and set(toc) <= _TOC_OPTIONS


@dataclass
class Converted:
    html: str
    toc: list[dict[str, Any]]  # Python-Markdown's toc_tokens, nested
    title: str | None  # the text of the first <h1>
    ids: set[str] = field(default_factory=set)


def convert(markdown: str, toc: Mapping[str, Any] | None = None) -> Converted:
    """HTML with heading ids, permalinks and Python-Markdown's footnote markup."""
    toc = toc or {}
    permalink = toc.get("permalink", False)
    mark = "&para;" if permalink is True else str(permalink) if permalink else ""
    make_slug: Callable[[str, str], str] = toc.get("slugify", slugify)
    separator = toc.get("separator", "-")
    title_attr = html.escape(toc.get("permalink_title", "Permanent link"), quote=True)
    css = html.escape(toc.get("permalink_class", "headerlink"), quote=True)
    out = _cmark_html(markdown)
    ids: set[str] = set()
    tokens: list[dict[str, Any]] = []
    first_h1: list[str] = []

    def heading(m: re.Match[str]) -> str:
        level, inner = int(m.group(1)), m.group(2)
        text = html.unescape(_TAG.sub("", inner))
        slug = unique(make_slug(text, separator), ids)  # unique() records it in ids
        if level == 1 and not first_h1:
            first_h1.append(text)
        tokens.append({"level": level, "id": slug, "name": html.escape(text, quote=False), "html": inner,
                       "data-toc-label": "", "children": []})
        link = f'<a class="{css}" href="#{slug}" title="{title_attr}">{mark}</a>' if mark else ""
        return f'<h{level} id="{slug}">{inner}{link}</h{level}>'

    out = _HEADING.sub(heading, out)
    if "footnote" in out:
        out = _footnotes(out)
    return Converted(out, nest_toc_tokens(tokens), first_h1[0] if first_h1 else None)


def _address(pointer: Any) -> int:
    return int(_cmark.ffi.cast("uintptr_t", pointer))


def _cmark_html(markdown: str) -> str:
    lib = _cmark.lib
    data = markdown.encode("utf-8")
    parser = lib.cmark_parser_new(_OPTIONS)
    try:
        lib.cmark_parser_attach_syntax_extension(parser, _TABLE)
        lib.cmark_parser_feed(parser, data, len(data))
        root = lib.cmark_parser_finish(parser)  # the caller's to free
        try:
            raw = lib.cmark_render_html(root, _OPTIONS, lib.cmark_parser_get_syntax_extensions(parser))
            try:
                return str(_cmark.ffi.string(raw).decode("utf-8"))
            finally:
                _FREE(_address(raw))
        finally:
            _SO.cmark_node_free(_address(root))
    finally:
        lib.cmark_parser_free(parser)


def _footnotes(out: str) -> str:
    numbers: dict[str, str] = {}

    def ref(m: re.Match[str]) -> str:
        label, nth, number = m.group(1), m.group(2), m.group(3)
        numbers.setdefault(label, number)
        return f'<sup id="fnref{nth or ""}:{label}"><a class="footnote-ref" href="#fn:{label}">{number}</a></sup>'

    def backrefs(m: re.Match[str]) -> str:
        links = []
        for b in _BACKREF.finditer(m.group(0)):
            label, nth = b.group(1), b.group(2)
            links.append(f'<a class="footnote-backref" href="#fnref{nth or ""}:{label}" '
                         f'title="Jump back to footnote {numbers.get(label, label)} in the text">&#8617;</a>')
        return "&#160;" + "".join(links)

    out = _FNREF.sub(ref, out)
    out = _BACKREFS.sub(backrefs, out)
    out = _FN_ITEM.sub(lambda m: f'<li id="fn:{m.group(1)}">', out)
    return out.replace('<section class="footnotes" data-footnotes>\n', '<div class="footnote">\n<hr />\n') \
              .replace("</ol>\n</section>", "</ol>\n</div>")


class HtmlPage(Page):
    """A generated page converted by `convert`; MkDocs' link and anchor checks still apply to it.

    The plugin gives a generated page this class (``page.__class__ = HtmlPage``) before MkDocs
    renders it; everything else about the page is MkDocs' own."""

    _links: dict[Any, dict[str, str]]

    def render(self, config: Any, files: Any) -> None:
        if self.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        done = convert(self.markdown, (config["mdx_configs"] or {}).get("toc"))
        self.links_to_anchors = self._links = {}
        content = _HREF.sub(lambda m: self._resolve(m, config, files), done.html)
        self.content = content
        self.toc = get_toc(done.toc)  # type: ignore[arg-type]  # Python-Markdown's token dicts
        self._title_from_render = done.title
        self.present_anchor_ids = set(_ID.findall(content))

    def _resolve(self, m: re.Match[str], config: Any, files: Any) -> str:
        """A link as MkDocs resolves it (structure/pages.py, _RelativePathTreeprocessor.path_to_url)."""
        raw = m.group(1) if m.group(1) is not None else m.group(2)
        url = html.unescape(raw)
        scheme, netloc, path, query, anchor = urlsplit(url)
        if scheme or netloc or url.startswith(("/", "\\")):
            return m.group(0)  # external, or absolute (the renderer writes none)
        if not path:
            if anchor:
                self._links.setdefault(self.file, {}).setdefault(anchor, url)
            return m.group(0)
        target_uri = posixpath.normpath(posixpath.join(posixpath.dirname(self.file.src_uri), unquote(path)))
        target = files.get_file_from_path(target_uri.lstrip("/"))
        if target is None:
            log.log(config.validation.links.not_found,
                    f"Doc file '{self.file.src_uri}' contains a link '{url}', "
                    f"but the target '{target_uri}' is not found among documentation files.")
            return m.group(0)
        if anchor:
            self._links.setdefault(target, {}).setdefault(anchor, url)
        new = get_relative_url(target.url, self.file.url)
        new += (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")
        attr = "href" if m.group(1) is not None else "xlink:href"
        return f'{attr}="{html.escape(new, quote=True)}"'
