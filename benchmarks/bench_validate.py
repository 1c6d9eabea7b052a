"""Time `vnus-kb validate` on a synthetic, valid knowledge base, and say where the time goes.

    python benchmarks/bench_validate.py                      # 300 records
    python benchmarks/bench_validate.py --records 300 3000 --repeat 5

The knowledge base (places, organizations with a headquarters, investments with investors and a
place, each quoting a line of one generated source) is written to a temporary folder. Each run is
the whole of kb.build(): load (find, read, parse YAML with positions) then schema, references and
checks, each run reading and parsing every file again, as a fresh `vnus-kb validate` does (the
edit loop's BuildCache is measured by bench_cache.py). The phases are timed separately afterwards on the same data. Prints
figures; asserts nothing (shared machines are noisy).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import make_kb

from vnus_kb.knowledge.build import build
from vnus_kb.knowledge.checks.dedupe import check_duplicates
from vnus_kb.knowledge.checks.forms import parse
from vnus_kb.knowledge.checks.run import check_claims, check_dates, check_quotes
from vnus_kb.knowledge.checks.values import check_provenance, check_values
from vnus_kb.knowledge.read.load import load


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def phases(root: Path, repeat: int) -> dict[str, float]:
    """Median seconds of each phase of build(), run on its own."""
    kb, _ = build(root)

    def quotes() -> None:
        kb.cites.clear()
        list(check_quotes(kb))

    def per_record() -> None:
        for e in kb.entries.values():
            list(check_dates(e))
            list(check_claims(e))

    def values() -> None:
        parse.cache_clear()  # each quote parsed once per run, as in a fresh process
        for e in kb.entries.values():
            list(check_provenance(e))
            list(check_values(e, kb))

    return {
        name: statistics.median(timed(fn, repeat))
        for name, fn in (
            ("load", partial(load, root)),
            ("quotes", quotes),
            ("dates+claims", per_record),
            ("values", values),
            ("duplicates", partial(check_duplicates, kb)),
        )
    }


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--records", type=int, nargs="+", default=[300])
    ap.add_argument("--repeat", type=int, default=5, help="runs per size (default 5)")
    args = ap.parse_args()
    print(
        f"{'records':>8} {'files':>6} {'min s':>7} {'median s':>9} {'records/s':>10}   "
        f"share of median: load / schema+refs / quotes / dates+claims / values / duplicates"
    )
    for n in args.records:
        with tempfile.TemporaryDirectory() as tmp:
            root = make_kb(Path(tmp), n)
            files = sum(1 for _ in (root / "data").rglob("*.yaml"))
            build(root)  # warm up: imports, pycountry's tables, rapidfuzz
            kb, diags = build(root)
            assert not diags, [d.text() for d in diags[:3]]
            runs = timed(partial(build, root), args.repeat)
            total = statistics.median(runs)
            p = phases(root, args.repeat)
            rest = max(total - sum(p.values()), 0.0)
            shares = " / ".join(
                f"{100 * v / total:.0f}%"
                for v in (p["load"], rest, p["quotes"], p["dates+claims"], p["values"], p["duplicates"])
            )
            print(
                f"{len(kb.entries):>8} {files:>6} {min(runs):>7.3f} {total:>9.3f} {len(kb.entries) / total:>10.0f}   "
                f"{shares}",
                flush=True,
            )


if __name__ == "__main__":
    main()
