"""The thin MkDocs adapter: pages and downloads as generated files, edit links, watching, sanitising."""

from __future__ import annotations

import html
import logging
import posixpath
import re
import sys
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from .knowledge.build import build
from .knowledge.diagnostics import format_text, has_errors
from .site.feed import feed_link, read_history
from .site.jsonld import open_graph, record_heads
from .site.page import Page
from .site.pages import ASSETS, site_files
from .site.sanitize import clean

log = logging.getLogger("mkdocs.plugins.vnus_kb")
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


class VnusKbPlugin(BasePlugin[VnusKbConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.root = Path(".")
        self._last: tuple[dict[str, Page], dict[str, str]] | None = None
        self._generated: set[str] = set()
        self._heads: dict[str, str] = {}  # JSON-LD and Open Graph of each record page
        self.site_url = ""
        self.site_name = "vnus-kb"

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: Any) -> Any:
        # Our template overrides (a repository link that fetches nothing from other hosts).
        overrides = str(Path(__file__).parent / "overrides")
        if overrides not in config.theme.dirs:
            config.theme.dirs.insert(0, overrides)
        self.site_url, self.site_name = config.site_url or "", config.site_name
        base = Path(config.config_file_path).parent
        self.root = (base / self.config.root).resolve() if self.config.root else base.resolve()
        for css in (a for a in ASSETS if a.endswith(".css")):
            if css not in config.extra_css:
                config.extra_css.append(css)
        for js in (a for a in ASSETS if a.endswith(".js")):
            if js not in [str(x) for x in config.extra_javascript]:
                config.extra_javascript.append(js)
        return config

    def _site(self) -> tuple[dict[str, Page], dict[str, str]]:
        kb, diags = build(self.root)
        report = format_text(diags).rstrip()
        if has_errors(diags) and self.serving and self._last is not None:
            # Not through logging: under strict mode a logged error would abort the rebuild, and
            # the dev server would hold every request until one succeeds.
            print(f"vnus-kb validate:\n{report}\nvnus-kb: the data has errors; still serving the last good build",
                  file=sys.stderr, flush=True)
            return self._last
        if diags:
            (log.error if has_errors(diags) else log.warning)("vnus-kb validate:\n%s", report)
        if has_errors(diags):
            raise PluginError("vnus-kb: the data has errors (listed above); fix them or run `vnus-kb validate`")
        try:
            self._last = site_files(kb, read_history(self.root), self.site_url, self.site_name)
        except ValueError as e:  # two pages at one address: never drop one silently
            raise PluginError(f"vnus-kb: {e}") from e
        self._heads = record_heads(kb, self.site_url, self.site_name)
        return self._last

    def on_files(self, files: Files, config: Any) -> Files:
        pages, others = self._site()
        for f in files:
            if f.src_uri in pages or f.src_uri in others:
                raise PluginError(f"vnus-kb: docs/{f.src_uri} clashes with a generated page; rename it")
            if f.is_documentation_page():
                f.edit_uri = f"{Path(config.docs_dir).name}/{f.src_uri}"
        self._generated = set(pages)
        for path, page in pages.items():
            f = File.generated(config, path, content=page.markdown)
            f.edit_uri = page.edit_path
            files.append(f)
        for path, content in others.items():
            files.append(File.generated(config, path, content=content))
        return files

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        if page.file.src_uri in self._generated:
            return clean(resolve_md_hrefs(html, page.file.src_uri, files, page.file))
        return html

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        # After the sanitiser (on_page_content): markup for the <head> that site/jsonld.py and
        # site/feed.py escape themselves.
        head = self._heads.get(page.file.src_uri) or open_graph(
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
                server.watch(str(self.root / folder))
        return server
