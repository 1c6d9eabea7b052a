"""The thin MkDocs adapter: pages and downloads as generated files, edit links, watching, sanitising,
the search index after the build; under `mkdocs serve --dirty`, only the pages an edit changed are
built again (site/incremental.py decides which)."""

from __future__ import annotations

import gc
import html
import logging
import os
import posixpath
import re
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, cast

import jinja2
import jinja2.bccache
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

from .knowledge.build import BuildCache, build
from .knowledge.diagnostics import format_text, has_errors
from .knowledge.kb import KnowledgeBase
from .livewatch import NativeWatch
from .packedfiles import GeneratedPage, PackedFile
from .pagehtml import INERT, HtmlPage, converts_like_python_markdown
from .shelf import Shelf
from .site.incremental import update
from .site.markup.page import Page, pack, unpack
from .site.markup.sanitize import clean
from .site.outputs.export import Dumps, packed_exports
from .site.outputs.feed import feed_link, read_history
from .site.outputs.jsonld import RecordHeads, open_graph
from .site.outputs.search import Background, SearchIndexError, index_site
from .site.pages import ASSETS, check_addresses, render, render_with, site_files, site_rest
from .workers import Held, Running

log = logging.getLogger("mkdocs.plugins.vnus_kb")
_HEADS = 2500  # record heads a render task makes (a one-shot build)
_INDENT = re.compile(r"\n\s+")

# Links the renderer writes in raw HTML (pictures, cards) name pages by their .md path, as Markdown
# links do; Markdown's links are resolved by MkDocs, these by us, against the same Files.
_MD_HREF = re.compile(r'href="([A-Za-z0-9._/-]+\.md)([?#][^"]*)?"')


def resolve_md_hrefs(html: str, src_uri: str, files: Any, page_file: Any) -> str:
    """Rewrite ``href="other.md#x"`` or ``other.md?q=x`` (relative to ``src_uri``) to that page's URL."""
    def url(m: re.Match[str]) -> str:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), m.group(1)))
        f = files.get_file_from_path(path)
        if f is None:
            return m.group(0)
        return f'href="{f.url_relative_to(page_file)}{m.group(2) or ""}"'
    return _MD_HREF.sub(url, html)


class VnusKbConfig(Config):
    root = config_options.Type(str, default="")  # holds data/ and seeds/; default: beside mkdocs.yml
    search = config_options.Type(bool, default=True)  # index the built site with Pagefind (site/outputs/search.py)


class _Bytecode(jinja2.BytecodeCache):
    """Compiled theme templates kept in memory between the edit loop's rebuilds (MkDocs makes a new
    Jinja environment for each, and compiling Material's templates costs more than a small rebuild)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


class _QuietDirty(logging.Filter):
    """`--dirty` is how the edit loop works here, not a risk: drop MkDocs' warning about it (it
    would also abort every rebuild under strict mode)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def _packed_heads(held: Held, paths: list[str]) -> dict[str, bytes]:
    heads: RecordHeads = held.get()
    return heads.packed(paths)


class VnusKbPlugin(BasePlugin[VnusKbConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.dirty = False
        self.root = Path(".")
        self._last: tuple[dict[str, Page], dict[str, bytes]] | None = None
        self._generated: set[str] = set()
        self._running: Running | None = None  # a one-shot build's render workers, still making pages
        self._heads_later: list[Callable[[], dict[str, bytes]]] = []  # and then the heads of the record pages
        self.waited_for_pages = 0.0  # seconds MkDocs waited for them (their share of the build beyond _site)
        self._heads: RecordHeads | dict[str, bytes] = {}  # JSON-LD and Open Graph of each record page (one-shot: packed)
        self.site_url = ""
        self.site_name = "vnus-kb"
        self._kb: KnowledgeBase | None = None  # the last good knowledge base, and its pages
        self._pages: dict[str, Page] = {}
        self._changed: set[str] | None = None  # pages that differ from the last build; None: all
        self._removed: set[str] = set()
        self._front: dict[str, tuple[bytes | None, dict[str, Any]]] = {}  # a page's packed Markdown, its front matter
        self._indexer = Background()
        self._watch = NativeWatch()  # data/ and seeds/, heard at once (livewatch.py)
        self._bytecode = _Bytecode()
        self._listings: dict[Any, list[str]] = {}
        self._failed = False
        self._dumps = Dumps()  # serve: each record serialised for the downloads, while it is unchanged
        self._frozen = False  # serve: the first build's objects frozen (gc.freeze), once
        self._shelf = Shelf()
        self._build_cache = BuildCache()  # serve: an unchanged file is not read, parsed or validated again
        self._cmark = False  # generated pages converted by cmark-gfm (pagehtml.py)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = self.serving and dirty
        if self.dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_QuietDirty())

    def on_config(self, config: Any) -> Any:
        if self.serving:
            self._indexer.hold()  # a rebuild starts: the cores are its own (the index follows it)
            self._cache_theme_listing(config.theme)
        # Our template overrides (a repository link that fetches nothing from other hosts).
        overrides = str(Path(__file__).parent / "overrides")
        if overrides not in config.theme.dirs:
            config.theme.dirs.insert(0, overrides)
        self.site_url, self.site_name = config.site_url or "", config.site_name
        self._cmark = converts_like_python_markdown(config.markdown_extensions, config.mdx_configs or {})
        if not self._cmark:
            log.info("vnus-kb: mkdocs.yml enables Markdown extensions beyond %s: generated pages are "
                     "converted by Python-Markdown (slower)", ", ".join(sorted(INERT)))
        base = Path(config.config_file_path).parent
        self.root = (base / self.config.root).resolve() if self.config.root else base.resolve()
        for css in (a for a in ASSETS if a.endswith(".css")):
            if css not in config.extra_css:
                config.extra_css.append(css)
        for js in (a for a in ASSETS if a.endswith(".js")):
            if js not in [str(x) for x in config.extra_javascript]:
                config.extra_javascript.append(js)
        return config

    def _cache_theme_listing(self, theme: Any) -> None:
        """MkDocs lists the theme's files on every build: 14,500 with Material's icons, about a
        second of each rebuild on a busy machine. The theme does not change while serving."""
        make_env = theme.get_env

        def get_env() -> jinja2.Environment:
            env = cast(jinja2.Environment, make_env())
            listing = env.list_templates

            def cached(extensions: Any = None, filter_func: Any = None) -> list[str]:
                key = (tuple(theme.dirs), extensions, filter_func is not None)
                if key not in self._listings:
                    self._listings[key] = listing(extensions, filter_func)
                return list(self._listings[key])

            env.list_templates = cached  # type: ignore[method-assign]
            return env

        theme.get_env = get_env

    def _site(self) -> tuple[dict[str, Page], dict[str, bytes]]:
        kb, diags = build(self.root, cache=self._build_cache if self.serving else None)
        report = format_text(diags).rstrip()
        if has_errors(diags) and self.serving and self._last is not None:
            # Not through logging: under strict mode a logged error would abort the rebuild, and
            # the dev server would hold every request until one succeeds.
            print(f"vnus-kb validate:\n{report}\nvnus-kb: the data has errors; still serving the last good build",
                  file=sys.stderr, flush=True)
            self._changed, self._removed = set(), set()
            return self._last
        if diags:
            (log.error if has_errors(diags) else log.warning)("vnus-kb validate:\n%s", report)
        if has_errors(diags):
            raise PluginError("vnus-kb: the data has errors (listed above); fix them or run `vnus-kb validate`")
        if not self.serving:  # the data is valid: nothing will ask where a value stands in its file
            kb.forget_documents()
        heads = RecordHeads(kb, self.site_url, self.site_name)
        # Other files are held compressed until MkDocs writes them (one at a time, so that no second
        # copy of all of them is made): the downloads of 10,000 records are 50 MB of text, their heads 18 MB.
        try:
            if self.serving:  # the edit loop: only what a save can change is rendered, heads as pages are written
                pages = update(self._kb, self._pages, kb)[0] if self._kb is not None else render(kb)
                pages, others = site_files(kb, read_history(self.root), self.site_url, self.site_name,
                                           rendered=pages, dumps=self._dumps)
                site = (pages, {path: pack(others.pop(path)) for path in list(others)})
                self._heads = heads
            else:  # the downloads (packed) and every head made by the render workers too, beside the pages
                paths = list(heads)
                # Record and source pages still being made by the workers when this returns: MkDocs
                # reads them in the order the workers make them (pages.PendingPage).
                # The heads are wanted only once every page is read: made after the pages.
                held = Held(heads)  # let go of here once the workers have it
                pages, (exported,), self._heads_later, self._running = render_with(
                    kb, [partial(packed_exports, kb)], later=True,
                    after=[partial(_packed_heads, held, paths[i:i + _HEADS]) for i in range(0, len(paths), _HEADS)])
                held.release()
                kb.forget_memos()
                pages, others = site_rest(kb, {p: n for p, (_, n) in exported.items()}, read_history(self.root),
                                          self.site_url, self.site_name, pages)
                packed = {path: pack(content) for path, content in others.items()}
                packed.update((path, made) for path, (made, _) in exported.items())
                check_addresses([*pages, *packed])
                site = (pages, dict(sorted(packed.items())))
        except ValueError as e:  # two pages at one address: never drop one silently
            raise PluginError(f"vnus-kb: {e}") from e
        before = self._last[0] if self._last else {}
        self._removed = set(before) - set(site[0])
        if self._last is None or self._failed:  # a build that failed may have written part of the site
            self._failed, self._changed = False, None
        else:
            self._changed = {p for p, pg in site[0].items() if before.get(p) != pg}
            if self._changed:
                self._changed.add("tags.md")  # lists every page's sectors
        self._kb, self._pages, self._last = kb, pages, site
        return site

    def on_files(self, files: Files, config: Any) -> Files:
        pages, others = self._site()
        for f in files:
            if f.src_uri in pages or f.src_uri in others:
                raise PluginError(f"vnus-kb: docs/{f.src_uri} clashes with a generated page; rename it")
            if f.is_documentation_page():
                f.edit_uri = f"{Path(config.docs_dir).name}/{f.src_uri}"
        self._generated = set(pages)
        for path, page in pages.items():
            f = cast(GeneratedPage, GeneratedPage.holding(config, path, page))
            f.changed = self._changed is None or path in self._changed
            f.edit_uri = page.edit_path
            files.append(f)
        for path, packed in others.items():
            f = PackedFile.holding(config, path, packed)
            f.once = not self.serving
            files.append(f)
        for path in self._removed:  # a dirty build leaves the pages of removed records behind
            self._front.pop(path, None)
            gone = File.generated(config, path, content="")
            if os.path.isfile(gone.abs_dest_path):
                os.remove(gone.abs_dest_path)
        return files

    @event_priority(110)  # before the tags plugin lists pages by sector (priority 100)
    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        """A dirty build reads only changed pages; the tags plugin still needs every page's sectors.
        MkDocs has read every page by now: a one-shot build's render workers are done."""
        self._stop_workers(heads=True)
        if self.serving:
            env.bytecode_cache = self._bytecode
        if not self.dirty:
            return env
        tags = config.plugins.get("material/tags")
        mappings = getattr(tags, "mappings", None)
        for f in files.documentation_pages():
            if isinstance(f, GeneratedPage) and f.page is not None and f.page.markdown is None:
                # Not written this time: only its front matter is read (the title, the tags), and
                # kept for the next rebuild while the page stays the same.
                known = self._front.get(f.src_uri)
                if known is None or known[0] is not f.packed:
                    known = self._front[f.src_uri] = (f.packed, get_data(f.content_string)[1])
                f.page.markdown, f.page.meta = "", dict(known[1])
                if mappings is not None and f.page.meta.get("tags"):
                    mappings.add(f.page, "")
        return env

    def on_build_error(self, *, error: Exception) -> None:
        self._failed = True  # the next build writes every page again
        self._stop_workers()

    def _stop_workers(self, heads: bool = False) -> None:
        """The workers of a one-shot build, once MkDocs has read every page; with ``heads``, the
        record heads they made after the pages taken first. (A failed build only stops them.)"""
        if self._running is None:
            return
        try:
            if heads:
                self._heads = {path: head for part in self._heads_later for path, head in part().items()}
        finally:
            self._heads_later = []
            self.waited_for_pages = self._running.waited
            log.debug("vnus-kb: waited %.2f s for pages the workers were still making", self.waited_for_pages)
            self._running.close()
            self._running = None

    @event_priority(-100)  # after every other plugin: it sees the Markdown MkDocs will convert
    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
        # A generated page that no plugin rewrote (the tags plugin writes attribute lists into
        # tags.md) is converted in C; links are resolved and checked as MkDocs does (pagehtml.py).
        if self._cmark and page.file.src_uri in self._generated and markdown == page.markdown:
            page.__class__ = HtmlPage
        if not self.serving:  # a one-shot build: free what only the edit loop needs
            self._kb, self._pages, self._last = None, {}, None
            if isinstance(page.file, GeneratedPage):
                page.file.release()  # MkDocs has read it into page.markdown
        return markdown

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        if isinstance(page, HtmlPage):
            html = clean(html)
        elif page.file.src_uri in self._generated:
            html = clean(resolve_md_hrefs(html, page.file.src_uri, files, page.file))
        if self.serving:
            return html
        # Made into HTML, nothing reads the Markdown again in a one-shot build ("", not None:
        # MkDocs takes a page whose markdown is None for one not read, and gives it no title).
        page.markdown = ""
        return self._shelf.put(page, html, config)

    def on_page_context(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        self._shelf.take(page)
        return context

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        # After the sanitiser (on_page_content): markup for the <head> that site/outputs/jsonld.py and
        # site/outputs/feed.py escape themselves.
        src = page.file.src_uri
        # A one-shot build writes each page once: what only its writing needed goes with it
        # (the anchors MkDocs checks afterwards are kept apart from the HTML and the toc).
        if isinstance(self._heads, RecordHeads):
            head = self._heads.get(src)
        else:
            packed = self._heads.pop(src, None)
            head = unpack(packed).decode("utf-8") if packed is not None else None
        if not self.serving:
            page.content, page.toc = None, []
        head = head or open_graph(
            html.unescape(page.title or self.site_name), config.site_description or "",
            page.canonical_url or "", site_name=self.site_name)
        # The feed's address relative to the page: Material's instant navigation fetches the
        # sitemap beside every rel="alternate" link, and the site loads nothing from other hosts.
        feed = feed_link(get_relative_url("feed.xml", page.url), self.site_name)
        output = output.replace("</head>", head + feed + "</head>", 1)
        # The theme indents its markup deeply; on thousands of generated pages that is a fifth of
        # their bytes. A line's leading white space means nothing outside <pre> and <textarea>.
        if page.file.src_uri in self._generated and "<pre" not in output and "<textarea" not in output:
            return _INDENT.sub("\n", output)
        return output

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        for folder in ("data", "seeds"):
            if (self.root / folder).is_dir():
                self._watch.watch(server, self.root / folder)
        return server

    def on_post_build(self, *, config: Any) -> None:
        self._stop_workers()
        if self.serving and not self._frozen:
            # The first build's knowledge base, pages and caches live as long as the server. Out of
            # the collector's reach, a full collection during a later rebuild (0.11 s at 1,000
            # records, every other save) walks only what the rebuilds made since. Only cycles among
            # these objects could outlive their use; the edit loop replaces records, not cycles.
            self._frozen = True
            gc.collect()
            gc.freeze()
        if not self.config.search:
            return
        if self.serving:  # the reload need not wait for the index: it follows a moment later
            self._indexer.request(Path(config.site_dir))
            return
        try:
            index_site(Path(config.site_dir))
        except SearchIndexError as e:
            raise PluginError(f"vnus-kb: {e}") from e

    def on_shutdown(self) -> None:
        self._watch.stop()
        self._indexer.wait(timeout=60)
