"""Browser fixtures: a site built with MkDocs from a copy of a knowledge base, served by the
standard library on 127.0.0.1, a headless Debian Chromium driven by Playwright, and a recorder of
what each page does: console errors, uncaught exceptions, dialogs, requests to any other host.

Nothing leaves the machine: every request to a host other than 127.0.0.1 is aborted (and
recorded). Playwright never downloads a browser; without /usr/bin/chromium the tests skip.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest

from ..conftest import FIXTURES, REPO

# Debian's chromium by default; VNUS_KB_CHROMIUM names another build (GitHub's runners ship Chrome).
CHROMIUM = Path(os.environ.get("VNUS_KB_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
ARTIFACTS = REPO / "test-artifacts"
LOCAL_HOST = "127.0.0.1"

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


# --- building --------------------------------------------------------------------------------

def copy_project(dest: Path, kb: Path = REPO) -> Path:
    """mkdocs.yml and docs/ of the repository, data/ and seeds/ of ``kb``, copied into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(REPO / "docs", dest / "docs")
    for folder in ("data", "seeds"):
        if (kb / folder).is_dir():
            shutil.copytree(kb / folder, dest / folder)
        else:
            (dest / folder).mkdir()
    return dest


def build_site(root: Path, out: Path | None = None) -> Path:
    """`mkdocs build` (strict, as set in mkdocs.yml) of the project in ``root``; returns the site dir."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    out = out or root / "site"
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(out)))
    return out


def mount_path(root: Path) -> str:
    """The path the site lives under once deployed: that of `site_url` (e.g. /vnus-kb/)."""
    from mkdocs.config import load_config

    path = urlsplit(load_config(str(root / "mkdocs.yml")).site_url or "/").path
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


# --- serving ---------------------------------------------------------------------------------

class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves the site under its mount path, like GitHub Pages: its own 404.html for what is missing."""

    mount = "/"

    def translate_path(self, path: str) -> str:
        bare = path.split("?", 1)[0].split("#", 1)[0]
        if not bare.startswith(self.mount):
            return str(Path(self.directory) / "__outside_the_mount__" / "missing")
        return super().translate_path("/" + path[len(self.mount):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the browser cancelling a request is not news


@contextlib.contextmanager
def serve(directory: Path, mount: str = "/") -> Iterator[str]:
    """Serve ``directory`` at ``mount`` on 127.0.0.1, a free port, in a background thread; yields
    the base URL (ending with ``mount``)."""
    handler = functools.partial(type("Handler", (_SiteHandler,), {"mount": mount}), directory=str(directory))
    server = _QuietServer((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}{mount}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOCAL_HOST, 0))
        return int(s.getsockname()[1])


def wait_until_answers(url: str, timeout: float = 60.0, alive: Any = None) -> str:
    """Poll ``url`` until it answers 200; returns the final URL after redirects."""
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        if alive is not None and not alive():
            raise RuntimeError(f"the server exited before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status == 200:
                    return str(r.url)
        except (OSError, urllib.error.URLError) as e:
            last = e
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f}s: {last}")


def http_get(url: str, timeout: float = 10.0) -> tuple[int, bytes]:
    """Status and body of a GET; status 0 (and the error as body) when there is no answer in time."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except (OSError, urllib.error.URLError) as e:  # includes TimeoutError
        return 0, f"no answer within {timeout:.0f} s: {e!r}".encode()


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "javascript"):
        return True
    return parts.hostname == LOCAL_HOST


def normalise(url: str) -> str:
    """A page URL without its fragment, with index.html folded into its folder."""
    url = urldefrag(url)[0]
    if url.endswith("/index.html"):
        url = url[: -len("index.html")]
    return url


@dataclass
class Site:
    name: str
    root: Path  # the copied project
    dir: Path  # the built site
    url: str  # base URL, ends with '/'

    def page(self, path: str) -> str:
        return self.url + path.lstrip("/")


@contextlib.contextmanager
def built_and_served(name: str, root: Path, kb: Path) -> Iterator[Site]:
    copy_project(root, kb)
    site_dir = build_site(root)
    with serve(site_dir, mount_path(root)) as url:
        yield Site(name, root, site_dir, url)


# --- the browser -----------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (`make chromium`) for the browser tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")
    pw = sync_api.sync_playwright().start()
    try:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        pw.stop()


@dataclass
class Event:
    kind: str  # console-error, page-error, dialog, external-request, http-error
    page: str  # the URL being visited when it happened
    detail: str

    def __str__(self) -> str:
        return f"{self.page}: {self.kind}: {self.detail}"


@dataclass
class Recorder:
    """One browser context whose pages are watched. Requests to hosts other than 127.0.0.1 are
    aborted and recorded; console errors, uncaught exceptions, dialogs (dismissed) and local
    responses with status >= 400 are recorded against the page being visited."""

    context: Any
    events: list[Event] = field(default_factory=list)
    where: str = "(no page yet)"

    def __post_init__(self) -> None:
        self.context.route("**/*", self._route)
        self.context.on("request", self._request)
        self.context.on("response", self._response)
        self.context.on("page", self._attach)

    def _route(self, route: Any) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def _request(self, request: Any) -> None:
        if not is_local(request.url):
            self.events.append(Event("external-request", self.where, f"{request.method} {request.url}"))

    def _response(self, response: Any) -> None:
        if is_local(response.url) and response.status >= 400:
            self.events.append(Event("http-error", self.where, f"{response.status} {response.url}"))

    def _attach(self, page: Any) -> None:
        def console(msg: Any) -> None:
            if msg.type == "error":
                loc = msg.location or {}
                url = loc.get("url") or ""
                if "ERR_BLOCKED_BY_CLIENT" in msg.text and url and not is_local(url):
                    return  # our own abort of a request to another host, already recorded as such
                self.events.append(Event("console-error", self.where, f"{msg.text} @ {loc.get('url', '')}:{loc.get('lineNumber', '')}"))

        def page_error(error: Any) -> None:
            self.events.append(Event("page-error", self.where, str(error)))

        def dialog(d: Any) -> None:
            self.events.append(Event("dialog", self.where, f"{d.type}: {d.message}"))
            with contextlib.suppress(Exception):
                d.dismiss()

        page.on("console", console)
        page.on("pageerror", page_error)
        page.on("dialog", dialog)

    def new_page(self) -> Any:
        return self.context.new_page()

    def goto(self, page: Any, url: str, **kwargs: Any) -> Any:
        """Open ``url`` (events are recorded against it) and wait for the page's scripts."""
        self.where = url
        kwargs.setdefault("wait_until", "load")
        return page.goto(url, **kwargs)

    def settle(self, page: Any, ms: int = 150) -> None:
        """Give late scripts and fetches (search index, sitemap, ...) a moment to run."""
        with contextlib.suppress(Exception):
            page.wait_for_load_state("networkidle", timeout=5_000)
        page.wait_for_timeout(ms)

    def problems(self, kinds: tuple[str, ...] | None = None) -> list[str]:
        return [str(e) for e in self.events if kinds is None or e.kind in kinds]


@contextlib.contextmanager
def recording(browser: Any, **context_options: Any) -> Iterator[Recorder]:
    context_options.setdefault("viewport", {"width": 1280, "height": 900})
    context_options.setdefault("service_workers", "block")
    context_options.setdefault("color_scheme", "light")
    context_options.setdefault("locale", "en-US")
    context = browser.new_context(**context_options)
    context.set_default_timeout(15_000)
    context.set_default_navigation_timeout(30_000)
    try:
        yield Recorder(context)
    finally:
        context.close()


@pytest.fixture
def recorder(browser: Any) -> Iterator[Recorder]:
    """A fresh, watched browser context at desktop size."""
    with recording(browser) as rec:
        yield rec


__all__ = ["ARTIFACTS", "CHROMIUM", "FIXTURES", "REPO", "Event", "Recorder", "Site", "build_site",
           "built_and_served", "copy_project", "free_port", "http_get", "is_local", "mount_path", "normalise",
           "recording", "serve", "wait_until_answers"]
