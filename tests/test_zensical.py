"""The second engine: Zensical (Material for MkDocs' successor) builds the site from
`vnus-kb render --out DIR --zensical`, and every internal link of what it builds resolves to a file."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from vnus_kb.cli import main as cli_main

from .conftest import REPO

ZENSICAL = Path(sys.executable).parent / "zensical"


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and ((tag == "a" and name == "href") or (tag in ("img", "script") and name == "src")
                          or (tag == "link" and name == "href")):
                self.urls.append(value)


def target(site: Path, page: Path, url: str, mount: str = "/") -> Path | None:
    """The file an internal link of ``page`` names (an absolute path is under the site's ``mount``,
    the path of its site_url); None for links elsewhere."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("#", "mailto:", "data:", "javascript:")):
        return None
    path = unquote(parts.path)
    if not path:
        return None
    base = page.parent
    if path.startswith("/"):
        if not path.startswith(mount):
            return site / "__outside_the_mount__" / path.lstrip("/")
        resolved = site / path[len(mount):]
    else:
        resolved = base / path
    resolved = Path(*[p for p in resolved.resolve().parts])
    return resolved / "index.html" if path.endswith("/") or resolved.is_dir() else resolved


def test_the_configuration_is_toml_with_the_navigation(tmp_path: Path) -> None:
    assert cli_main(["render", str(REPO), "--out", str(tmp_path), "--zensical"]) == 0
    config = tomllib.loads((tmp_path / "zensical.toml").read_text(encoding="utf-8"))["project"]
    assert config["docs_dir"] == "docs" and config["site_name"] == "vnus-kb"
    assert {"Timeline": "timeline.md"} in config["nav"]
    assert (tmp_path / "docs" / "index.md").is_file() and (tmp_path / "docs" / "about.md").is_file()
    assert (tmp_path / "docs" / "assets" / "vnus-kb.css").is_file()


def test_a_page_too_long_for_zensicals_search_is_left_out_of_it() -> None:
    from vnus_kb.site.zensical import SEARCH_WORDS, project

    long = "---\ntitle: Investments\n---\n\n# Investments\n\n" + "word " * (SEARCH_WORDS + 1)
    out = project(REPO, {"investments/index.md": long, "people/x.md": "---\ntitle: X\n---\n\n# X\n"})
    assert out["docs/investments/index.md"].startswith("---\ntitle: Investments\nsearch:\n  exclude: true\n---\n")
    assert out["docs/people/x.md"] == "---\ntitle: X\n---\n\n# X\n"


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_zensical_builds_the_site_and_its_links_resolve(tmp_path: Path) -> None:
    if not ZENSICAL.is_file():
        pytest.fail(f"{ZENSICAL} is missing: zensical is in the test extras (pip install -e '.[test]')")
    project = tmp_path / "project"
    assert cli_main(["render", str(REPO), "--out", str(project), "--zensical"]) == 0
    done = subprocess.run([str(ZENSICAL), "build", "--strict"], cwd=project, capture_output=True, text=True,
                          timeout=540, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    site = project / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 150
    for rel in ("index.html", "people/pham-minh-chinh/index.html", "sources/index.html", "timeline/index.html"):
        assert (site / rel).is_file(), rel
    assert "Phạm Minh Chính" in (site / "people/pham-minh-chinh/index.html").read_text(encoding="utf-8")
    mount = urlsplit(tomllib.loads((project / "zensical.toml").read_text(encoding="utf-8"))["project"]["site_url"]).path
    broken: list[str] = []
    checked = 0
    for page in pages:
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.urls:
            file = target(site, page, url, mount)
            if file is None:
                continue
            checked += 1
            if not file.is_file() or site.resolve() not in file.parents:
                broken.append(f"{page.relative_to(site)} -> {url}")
    assert checked > 1000
    assert not broken, f"{len(broken)} internal links lead nowhere:\n" + "\n".join(broken[:40])
    shutil.rmtree(site)
