"""A one-shot `mkdocs build` lets go of each page once it is written (plugin.py, packedfiles.py,
shelf.py): after the build the plugin holds no knowledge base, page or HTML, and the pages are those
of a build that keeps everything (the edit loop's)."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from vnus_kb.plugin import VnusKbPlugin

from .conftest import FIXTURES
from .test_plugin import make_site


def _build(root: Path, out: Path, command: str) -> VnusKbPlugin:
    config = load_config(str(make_site(root)), site_dir=str(out))
    plugin = config.plugins["vnus-kb"]
    assert isinstance(plugin, VnusKbPlugin)
    plugin.on_startup(command=command, dirty=False)
    try:
        build(config)
    finally:
        plugin.on_shutdown()  # the edit loop indexes for search in the background
    state = copy.copy(plugin)
    # MkDocs keeps one plugin instance for every later load_config of this process (the dev
    # server's rebuilds): leave it as a fresh one for the other tests.
    plugin.__init__()  # type: ignore[misc]
    return state


def test_one_shot_build_keeps_nothing_and_makes_the_pages_the_edit_loop_makes(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "kb", tmp_path / "kb")
    once = _build(tmp_path / "kb", tmp_path / "once", "build")
    assert (once._kb, once._last, once._pages, once._heads, len(once._shelf)) == (None, None, {}, {}, 0)
    kept = _build(tmp_path / "kb", tmp_path / "kept", "serve")
    assert kept._kb is not None and kept._heads

    def pages(site: Path) -> dict[Path, bytes]:
        return {p.relative_to(site): p.read_bytes() for p in site.rglob("*.html")}
    once_pages, kept_pages = pages(tmp_path / "once"), pages(tmp_path / "kept")
    assert len(once_pages) > 20 and once_pages.keys() == kept_pages.keys()
    assert [p for p in once_pages if once_pages[p] != kept_pages[p]] == []
    record = once_pages[Path("investments/amkor-bac-ninh/index.html")].decode()
    assert "<title>" in record and 'application/ld+json' in record  # titles and heads survived the release
