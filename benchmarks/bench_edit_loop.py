"""The edit loop: from saving a YAML file to the open page showing the change, under
`mkdocs serve --livereload` (as `make serve` runs it), in headless Chromium.

    python benchmarks/bench_edit_loop.py [--records 0 1000] [--edits 7] [--no-dirty]

0 records means the repository's own knowledge base. Each edit renames a record that other records
refer to; the time is until the record's open page shows the new name, and then a referrer's page
is checked too. Prints the median and the spread; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import make_kb

REPO = Path(__file__).parent.parent
CHROMIUM = os.environ.get("VNUS_KB_CHROMIUM", "/usr/bin/chromium")


def project(dest: Path, records: int) -> Path:
    dest.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(REPO / "docs", dest / "docs")
    if records:
        make_kb(dest, records)
    else:
        shutil.copytree(REPO / "data", dest / "data")
        shutil.copytree(REPO / "seeds", dest / "seeds")
    return dest


def a_referred_record(root: Path) -> tuple[Path, str, str, str]:
    """A record file with incoming references: (file, folder, id, a referrer's page path)."""
    refs: dict[str, str] = {}
    files = sorted((root / "data").rglob("*.yaml"))
    ids = {f.stem: f for f in files}
    for f in files:
        text = f.read_text(encoding="utf-8")
        for rid in ids:
            if rid != f.stem and rid not in refs and (f": {rid}\n" in text or f"- {rid}\n" in text
                                                       or f"[{rid}]" in text):
                refs[rid] = f"{f.parent.name}/{f.stem}/"
    rid = sorted(refs, key=lambda r: (ids[r].parent.name != "organizations", r))[0]
    return ids[rid], ids[rid].parent.name, rid, refs[rid]


def wait_until_up(url: str, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise TimeoutError(url)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--records", type=int, nargs="+", default=[0, 1000])
    ap.add_argument("--edits", type=int, default=7)
    ap.add_argument("--no-dirty", action="store_true", help="serve without --dirty (every save rebuilds all)")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for n in args.records:
            root = project(Path(tmp) / f"kb-{n}", n)
            record, folder, rid, referrer = a_referred_record(root)
            port = 8100 + (os.getpid() + n) % 800
            cmd = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "--livereload"]
            if not args.no_dirty:
                cmd.append("--dirty")
            log = (Path(tmp) / f"serve-{n}.log").open("wb")
            server = subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
            try:
                base = f"http://127.0.0.1:{port}/vnus-kb/"
                t0 = time.monotonic()
                wait_until_up(base)
                print(f"{n or 'repository'} records: served after {time.monotonic() - t0:.0f} s; editing "
                      f"{record.relative_to(root)}, watching {folder}/{rid}/ and {referrer}", flush=True)
                page = browser.new_page()
                page.goto(base + f"{folder}/{rid}/")
                times = []
                original = record.read_text(encoding="utf-8")
                data = yaml.safe_load(original)
                name = str(data["name"])
                for i in range(args.edits):
                    page.wait_for_timeout(1500)  # the previous rebuild and its background index settle
                    new = f"{name} edit {i}"
                    record.write_text(yaml.safe_dump({**data, "name": new}, sort_keys=False, allow_unicode=True),
                                      encoding="utf-8")
                    start = time.monotonic()
                    page.wait_for_function("t => document.querySelector('h1') && "
                                           "document.querySelector('h1').textContent.includes(t)",
                                           arg=new, timeout=120_000, polling=20)
                    times.append(time.monotonic() - start)
                    other = browser.new_page()
                    other.goto(base + referrer)
                    shown = new in other.inner_text("article")
                    other.close()
                    print(f"  edit {i}: {times[-1]:.2f} s; the referrer shows the new name: {shown}", flush=True)
                record.write_text(original, encoding="utf-8")
                print(f"  median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}) "
                      f"from the save to the reloaded page{' (no --dirty)' if args.no_dirty else ''}", flush=True)
                page.close()
            finally:
                server.terminate()
                server.wait(timeout=30)
                log.close()
        browser.close()


if __name__ == "__main__":
    main()
