"""Search at scale, as a reader meets it: per query, the bytes the browser fetches and the time
from typing to the first result, on a freshly opened page of a synthetic knowledge base.

    python benchmarks/bench_search.py [--records 10000] [--engine pagefind lunr] [--work DIR]

`pagefind` is the site as shipped (Pagefind index, the search dialog); `lunr` is the site as it was
(MkDocs' `search` plugin with Material's search box). Headless Debian Chromium, no cache, the site
served from 127.0.0.1 with no throttling: the times are a floor, the bytes are exact. With --work
the built sites are kept and reused. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import make_kb

REPO = Path(__file__).parent.parent
CHROMIUM = os.environ.get("VNUS_KB_CHROMIUM", "/usr/bin/chromium")


def build(root: Path, engine: str) -> Path:
    """The synthetic project in ``root`` built for ``engine``; returns the site folder."""
    site = root / f"site-{engine}"
    if (site / "index.html").is_file():
        return site
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    if engine == "lunr":
        config["plugins"] = ["search", "tags", {"vnus-kb": {"search": False}}]
    (root / f"mkdocs-{engine}.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    if not (root / "docs").is_dir():
        shutil.copytree(REPO / "docs", root / "docs")
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    t0 = time.perf_counter()
    mkdocs_build(load_config(str(root / f"mkdocs-{engine}.yml"), site_dir=str(site)))
    print(f"  built the {engine} site in {time.perf_counter() - t0:.0f} s", flush=True)
    return site


def queries(root: Path, n: int = 6) -> list[str]:
    """Names of records, some with diacritics and their unaccented spelling, and a phrase."""
    rng = random.Random(3)
    names: list[str] = []
    for f in sorted((root / "data").rglob("*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        names.append(str(data.get("name_vi") or data["name"]))
    picked = rng.sample(names, n)
    accented = [x for x in names if not x.isascii()]
    if accented:
        from vnus_kb.knowledge.text import strip_accents

        picked[:2] = [accented[len(accented) // 2], strip_accents(accented[len(accented) // 2])]
    words = picked[-1].split()
    picked.append(" ".join(words[:2]) if len(words) > 1 else words[0])
    return picked


class Counting(SimpleHTTPRequestHandler):
    """Counts the bytes of every file served (Pagefind's workers fetch too: counted here, not in
    the page). No compression on the wire: Pagefind's files are gzipped already, lunr's JSON not."""

    sent: ClassVar[dict[str, int]] = {}
    phase = "page"

    def copyfile(self, source: Any, outputfile: Any) -> None:
        data = source.read()
        path = self.path.split("?", 1)[0]
        search = "/pagefind/" in path or "/search/" in path or "workers/search" in path or "vnus-search" in path
        for key in (Counting.phase, "search") if search else (Counting.phase,):
            Counting.sent[key] = Counting.sent.get(key, 0) + len(data)
        outputfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def measure(site: Path, engine: str, qs: list[str], browser: Any) -> list[tuple[str, float, int, int]]:
    """Per query, on a fresh page: the reader opens the search, waits a second, types the query
    (80 ms a key); seconds from the last key to the results of the whole query, bytes fetched
    for the search (its index, engine and scripts, whenever fetched), bytes of the visit as a whole."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Counting, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    out = []
    try:
        for q in qs:
            context = browser.new_context(service_workers="block", viewport={"width": 1280, "height": 900})
            page = context.new_page()
            Counting.sent = {}
            Counting.phase = "page"
            page.goto(url, wait_until="networkidle")
            Counting.phase = "query"
            if engine == "pagefind":
                page.locator("button.vnus-search__open").first.click()
                box, done = "#vnus-search-input", "(q) => { const l = document.getElementById('vnus-search-results');" \
                    " return l.dataset.query === q && document.getElementById('vnus-search-status').textContent; }"
            else:
                page.locator("input.md-search__input").click()
                box, done = "input.md-search__input", "(q) => document.querySelector('.md-search-result__item')" \
                    " && document.querySelector('.md-search-result__meta').textContent.match(/\\d/)"
            page.wait_for_timeout(1000)  # the reader's hand reaches the keys
            page.locator(box).press_sequentially(q, delay=80)
            t0 = time.perf_counter()  # the last key is down: from here the reader waits
            page.wait_for_function(done, arg=q, timeout=120_000)
            took = time.perf_counter() - t0
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(300)
            sent = dict(Counting.sent)
            out.append((q, took, sent.get("search", 0), sent.get("page", 0) + sent.get("query", 0)))
            context.close()
    finally:
        server.shutdown()
        server.server_close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--records", type=int, nargs="+", default=[10000])
    ap.add_argument("--engine", nargs="+", default=["pagefind", "lunr"], choices=["pagefind", "lunr"])
    ap.add_argument("--work", type=Path, help="keep the built projects here (one folder per size) and reuse them")
    args = ap.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for n in args.records:
            with tempfile.TemporaryDirectory() as tmp:
                root = (args.work / str(n)) if args.work else Path(tmp)
                if not (root / "data").is_dir():
                    make_kb(root, n)
                qs = queries(root)
                for engine in args.engine:
                    site = build(root, engine)
                    index = sum(f.stat().st_size for f in (site / "pagefind").rglob("*") if f.is_file()) \
                        if engine == "pagefind" else (site / "search" / "search_index.json").stat().st_size
                    print(f"{n} records, {engine}: index on disk {index / 1e6:.1f} MB", flush=True)
                    print(f"  {'query':<44} {'results s':>14} {'search KB':>9} {'visit KB':>9}")
                    rows = measure(site, engine, qs, browser)
                    for q, took, qbytes, total in rows:
                        print(f"  {q[:44]:<44} {took:>14.2f} {qbytes / 1e3:>9.0f} {total / 1e3:>9.0f}", flush=True)
                    print(f"  median: {statistics.median(r[1] for r in rows):.2f} s from the last key to the results, "
                          f"{statistics.median(r[2] for r in rows) / 1e3:.0f} KB per query, "
                          f"max {max(r[2] for r in rows) / 1e3:.0f} KB", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
