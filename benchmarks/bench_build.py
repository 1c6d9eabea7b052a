"""Time the site build on a synthetic knowledge base: validate, render, and a full MkDocs build.

    python benchmarks/bench_build.py [--records 300 1000 3000]

Prints figures; asserts nothing (these machines are shared and noisy).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import make_kb

from vnus_kb.knowledge.build import build as build_kb
from vnus_kb.site.pages import site_files

REPO = Path(__file__).parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--records", type=int, nargs="+", default=[300, 1000])
    ap.add_argument("--no-mkdocs", action="store_true", help="skip the full MkDocs build")
    args = ap.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    print(f"{'records':>8} {'validate s':>11} {'render s':>9} {'pages':>6} {'mkdocs s':>9} {'max RSS MB':>10}")
    for n in args.records:
        with tempfile.TemporaryDirectory() as tmp:
            root = make_kb(Path(tmp), n)
            t0 = time.perf_counter()
            kb, diags = build_kb(root)
            t1 = time.perf_counter()
            assert not diags, diags[:3]
            pages, _ = site_files(kb)
            t2 = time.perf_counter()
            mk = float("nan")
            if not args.no_mkdocs:
                from mkdocs.commands.build import build
                from mkdocs.config import load_config

                shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
                shutil.copytree(REPO / "docs", root / "docs")
                t3 = time.perf_counter()
                build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
                mk = time.perf_counter() - t3
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3  # whole process so far
            print(f"{n:>8} {t1 - t0:>11.3f} {t2 - t1:>9.3f} {len(pages):>6} {mk:>9.1f} {peak:>10.0f}", flush=True)


if __name__ == "__main__":
    main()
