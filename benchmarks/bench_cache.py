"""The edit loop's rebuild: `build(root)` after one record file was saved, with and without a
BuildCache (knowledge/build.py), on a synthetic knowledge base (benchmarks/synthetic.py).

    python benchmarks/bench_cache.py [--records 1000] [--edits 7]

Per size, the median of ``--edits`` rebuilds, each after renaming one record (its name, a value
other records' diagnostics and the duplicate check read):
  cached     build(root, cache=cache): only the saved file is read, parsed and validated again;
             every check across records still runs on the whole knowledge base
  cold       build(root) with nothing remembered (as `vnus-kb validate` does)
The files are made, then left 2 s to settle: a file modified less than 2 s before a build is
"racy" and is compared by content (as the saved one is, on the next rebuild). Prints figures;
asserts only that the cached and the uncached builds agree.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import make_kb

from vnus_kb.knowledge.build import BuildCache, build
from vnus_kb.knowledge.read import load as load_module


def rename(path: Path, n: int) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    i = next(i for i, line in enumerate(lines) if line.startswith("name: "))
    lines[i] = lines[i].rstrip("\n") + f" {n}\n"
    path.write_text("".join(lines), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, nargs="+", default=[1000])
    ap.add_argument("--edits", type=int, default=7)
    args = ap.parse_args()
    print(f"{'records':>7} {'first (cache)':>13} {'cached':>8} {'cold':>8}   parsed/reused per cached rebuild")
    for n in args.records:
        with tempfile.TemporaryDirectory() as tmp:
            root = make_kb(Path(tmp), n)
            files = sorted((root / "data" / "organizations").glob("*.yaml"))
            build(root)  # imports, pycountry's tables
            time.sleep(load_module.RACY_NS / 1e9 + 0.1)
            cache = BuildCache()
            t0 = time.perf_counter()
            build(root, cache=cache)
            first = time.perf_counter() - t0
            cached, cold, counts = [], [], set()
            for i in range(args.edits):
                rename(files[(i * 7919) % len(files)], i)
                t0 = time.perf_counter()
                kb, diags = build(root, cache=cache)
                cached.append(time.perf_counter() - t0)
                counts.add((cache.parsed, cache.reused))
                t0 = time.perf_counter()
                kb2, diags2 = build(root)
                cold.append(time.perf_counter() - t0)
                assert diags == diags2 and list(kb.entries) == list(kb2.entries)
            print(f"{n:>7} {first:>12.3f}s {statistics.median(cached):>7.3f}s "
                  f"{statistics.median(cold):>7.3f}s   {sorted(counts)}", flush=True)


if __name__ == "__main__":
    main()
