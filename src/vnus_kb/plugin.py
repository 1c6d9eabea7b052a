"""The thin MkDocs adapter: pages and downloads as generated files, edit links, watching, sanitising."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .knowledge.build import build
from .knowledge.diagnostics import format_text, has_errors
from .site.page import Page
from .site.pages import ASSETS, site_files
from .site.sanitize import clean
from .site.search import SearchIndexError, index_site

log = logging.getLogger("mkdocs.plugins.vnus_kb")


class VnusKbConfig(Config):
    root = config_options.Type(str, default="")  # holds data/ and seeds/; default: beside mkdocs.yml
    search = config_options.Type(bool, default=True)  # index the built site with Pagefind (site/search.py)


class VnusKbPlugin(BasePlugin[VnusKbConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.root = Path(".")
        self._last: tuple[dict[str, Page], dict[str, str]] | None = None
        self._generated: set[str] = set()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: Any) -> Any:
        # Our template overrides (a repository link that fetches nothing from other hosts).
        overrides = str(Path(__file__).parent / "overrides")
        if overrides not in config.theme.dirs:
            config.theme.dirs.insert(0, overrides)
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
        self._last = site_files(kb)
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
            return clean(html)
        return html

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        for folder in ("data", "seeds"):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        return server

    def on_post_build(self, *, config: Any) -> None:
        if not self.config.search:
            return
        try:
            index_site(Path(config.site_dir))
        except SearchIndexError as e:
            raise PluginError(f"vnus-kb: {e}") from e
