"""Time the site build on realistic synthetic knowledge bases (benchmarks/synthetic.py).

    python benchmarks/bench_build.py [--records 1000 5000 10000] [--no-mkdocs] [--keep DIR]

Per size, one table row:
  validate      `build()` (load, schema, references, quotes, duplicates), in this process
  render        site_files(): every page's Markdown and the downloads, in this process
  in-build      load+validate+render as timed inside `mkdocs build` (the plugin's share of the build:
                its on_files, and the time MkDocs then waited for the pages the workers were still making)
  mkdocs        `mkdocs build --strict` wall time, in a fresh process (plain `build` when the data
                has warnings, which --strict would turn into a failure; marked with *)
  RSS           that process's peak resident memory
  workers       render worker processes (vnus_kb/workers.py) x the largest one's own memory (not shared
                with the build process, which they fork): the build's memory is about RSS + this sum
                (validation's workers, which stop before the render workers start, on a line below)
  page med/max  median record page HTML, and the largest HTML page of the site (with its path)
  search        the search index the site ships: search/search_index.json (lunr), or pagefind/
  rewrite       files an unchanged regeneration (`write_tree` twice) writes the second time: 0 expected

Prints figures; asserts nothing (these machines are shared and noisy).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import FOLDER, make_kb

from vnus_kb.knowledge.build import build as build_kb
from vnus_kb.knowledge.diagnostics import has_errors
from vnus_kb.site.pages import site_files, write_tree

REPO = Path(__file__).parent.parent

# Run inside the child process: times the plugin's own work (load, validate, render) within the build.
_CHILD = r"""
import json, resource, sys, time
from vnus_kb import plugin
spent = [0.0]
orig = plugin.VnusKbPlugin._site
def timed(self):
    t = time.perf_counter()
    try:
        return orig(self)
    finally:
        spent[0] += time.perf_counter() - t
plugin.VnusKbPlugin._site = timed
# A one-shot build's record and source pages are made by the workers while MkDocs reads them: the
# time MkDocs waited for them (and for the heads) belongs to the plugin's share too.
stop = plugin.VnusKbPlugin._stop_workers
def stopped(self, heads=False):
    running = self._running
    stop(self, heads)
    if running is not None:  # after the heads are taken: waiting for them counts too
        spent[0] += running.waited
plugin.VnusKbPlugin._stop_workers = stopped
# Render workers (vnus_kb/workers.py) are forks: their own memory is what they do not share with this
# process, Private_Clean + Private_Dirty of smaps_rollup, noted by each after each of its tasks.
import os
from vnus_kb import workers
task = workers._task
def noted(i):
    job = workers._TASKS[i]  # this worker's copy, as it was when it forked
    out = task(i)
    mine = [ln.split() for ln in open("/proc/self/smaps_rollup") if ln.startswith("Private_")]
    name = getattr(getattr(job, "func", job), "__name__", "?")
    with open(os.environ["BENCH_WORKERS"], "a") as f:
        f.write(f"{os.getpid()} {sum(int(x[1]) for x in mine) / 1024:.1f} {name}\n")
    return out
workers._task = noted
from mkdocs.__main__ import cli
t0 = time.perf_counter()
try:
    cli(sys.argv[1:], standalone_mode=False)
    ok = True
except SystemExit as e:
    ok = not e.code
except Exception as e:
    print(repr(e), file=sys.stderr)
    ok = False
# This process's own peak: VmHWM, not ru_maxrss, which starts at the peak of the process that
# spawned it (the benchmark, holding its own knowledge bases) when that one forked it.
hwm = [ln for ln in open("/proc/self/status") if ln.startswith("VmHWM:")]
rss = int(hwm[0].split()[1]) / 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"ok": ok, "wall": time.perf_counter() - t0, "plugin": spent[0], "rss_mb": rss,
                  "ru_maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def mkdocs_build(root: Path, strict: bool) -> dict[str, float]:
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    if not (root / "docs").exists():
        shutil.copytree(REPO / "docs", root / "docs")
    args = [sys.executable, "-c", _CHILD, "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")]
    if strict:
        args.append("--strict")
    noted = root / "workers.txt"
    noted.unlink(missing_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BENCH_WORKERS": str(noted)}
    p = subprocess.run(args, capture_output=True, text=True, env=env, cwd=root)
    out: dict[str, float] = json.loads(p.stdout.strip().splitlines()[-1])
    # The workers of validation (reading the files, the near-duplicate check) have stopped before
    # the render workers start: only the render workers are counted, validation's largest apart.
    peak: dict[str, float] = {}
    checking: dict[str, float] = {}
    for line in (noted.read_text().splitlines() if noted.exists() else []):
        pid, mb, name = line.split()
        into = checking if name in ("_marshalled", "check_duplicates") else peak
        into[pid] = max(into.get(pid, 0.0), float(mb))
    out["workers"], out["workers_mb"] = len(peak), max(peak.values(), default=0.0)
    out["check_mb"] = max(checking.values(), default=0.0)
    if not out["ok"]:
        print(p.stderr[-2000:], file=sys.stderr)
    return out


def site_sizes(site: Path) -> tuple[float, int, str, int]:
    """Median record page bytes, largest page (bytes, path), and the search index's bytes."""
    record = [f.stat().st_size for folder in FOLDER.values() for f in (site / folder).glob("*/index.html")]
    pages = [(f.stat().st_size, f.relative_to(site).as_posix()) for f in site.rglob("*.html")]
    biggest = max(pages)
    search = 0
    if (site / "pagefind").is_dir():
        search = sum(f.stat().st_size for f in (site / "pagefind").rglob("*") if f.is_file())
    elif (site / "search" / "search_index.json").is_file():
        search = (site / "search" / "search_index.json").stat().st_size
    return statistics.median(record) if record else 0.0, biggest[0], biggest[1], search


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, nargs="+", default=[1000, 5000, 10000])
    ap.add_argument("--no-mkdocs", action="store_true", help="skip the full MkDocs build")
    ap.add_argument("--keep", type=Path, help="build under this folder (kept) instead of a temporary one")
    args = ap.parse_args()
    head = (f"{'records':>7} {'warn':>5} {'validate':>8} {'render':>7} {'in-build':>8} {'mkdocs':>8} {'RSS MB':>6} {'workers':>8} "
            f"{'page med':>8} {'page max':>8} {'search':>8} {'rewrite':>7}  largest page")
    print(head)
    print("-" * len(head))
    for n in args.records:
        with tempfile.TemporaryDirectory() as tmp:
            root = (args.keep / f"kb{n}") if args.keep else Path(tmp)
            if root.exists():
                shutil.rmtree(root)
            root.mkdir(parents=True)
            make_kb(root, n)
            build_kb(root)  # warm up imports and caches, as a build does once
            t0 = time.perf_counter()
            kb, diags = build_kb(root)
            t1 = time.perf_counter()
            assert not has_errors(diags), [d.text() for d in diags[:3]]
            pages, others = site_files(kb)
            t2 = time.perf_counter()
            out = root / "out"
            files = {**{p: pg.markdown for p, pg in pages.items()}, **others}
            write_tree(out, files, [])
            kb2, _ = build_kb(root)
            pages2, others2 = site_files(kb2)
            rewrite = write_tree(out, {**{p: pg.markdown for p, pg in pages2.items()}, **others2}, [])
            del kb, kb2, pages, pages2, others, others2, files
            mk: dict[str, float] = {"wall": float("nan"), "plugin": float("nan"), "rss_mb": float("nan"), "ok": True}
            med = big = search = 0.0
            where = ""
            if not args.no_mkdocs:
                mk = mkdocs_build(root, strict=not diags)
                if (root / "site").is_dir():
                    med, big_i, where, search_i = site_sizes(root / "site")
                    big, search = float(big_i), float(search_i)
            workers = f"{mk['workers']:.0f}x{mk['workers_mb']:.0f}MB" if mk.get("workers") else "-"
            flag = "" if mk["ok"] else "!"
            strict = "" if not diags else "*"
            print(f"{n:>7} {len(diags):>5} {t1 - t0:>7.2f}s {t2 - t1:>6.2f}s {mk['plugin']:>7.1f}s "
                  f"{mk['wall']:>6.1f}s{strict}{flag:1} {mk['rss_mb']:>6.0f} {workers:>8} {med / 1e3:>6.1f}KB {big / 1e3:>6.0f}KB "
                  f"{search / 1e6:>6.1f}MB {rewrite:>7}  {where}", flush=True)
            if mk.get("check_mb"):
                print(f"{'':>7} validation's workers (stopped before rendering): largest {mk['check_mb']:.0f} MB", flush=True)


if __name__ == "__main__":
    main()
