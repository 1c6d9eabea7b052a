"""Where the memory of `mkdocs build` goes, stage by stage.

    python benchmarks/mem_build.py KB_ROOT [--rss]

KB_ROOT holds data/ and seeds/ and a mkdocs.yml with docs/ (bench_build.py --keep DIR leaves
DIR/kbN so). Builds the site in this process into KB_ROOT/site-mem. At each stage (after on_files,
after every page is populated, halfway through writing pages, after the build) it prints the
resident memory and what the build still holds:

  kb            the plugin's knowledge base (every object reachable from it)
  plugin heads  the JSON-LD heads of record pages
  plugin pages  the plugin's copies of the generated pages and other files, and the HTML it shelves
  file content  the Markdown handed to MkDocs as File.generated(content=...)
  page.markdown / page.content / page.toc  what MkDocs keeps on each Page
  files, pages  the rest of what the Files and Pages reach (anchors kept for validation, meta,
                navigation...)

With --rss, only the resident memory and its peak so far, at finer stages (while pages are made
into HTML too), with nothing else in the process to distort them (the accounting itself takes
memory: its peak is above a plain build's). Asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import types
from pathlib import Path
from typing import Any

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

_SKIP = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.CodeType)


def rss_mb() -> tuple[int, int]:
    """Current and peak resident memory of this process, MB."""
    status = Path("/proc/self/status").read_text()
    get = {ln.split(":")[0]: int(ln.split()[1]) // 1024 for ln in status.splitlines() if ln.startswith("Vm")}
    return get["VmRSS"], get["VmHWM"]


def deep_size(*roots: Any, seen: set[int] | None = None) -> int:
    """Bytes of every object reachable from ``roots`` (not counting classes, modules, functions),
    each once (``seen`` is shared between calls, so objects counted once are not counted again)."""
    seen = set() if seen is None else seen
    total, stack = 0, list(roots)
    while stack:
        o = stack.pop()
        if id(o) in seen or isinstance(o, _SKIP):
            continue
        seen.add(id(o))
        total += sys.getsizeof(o)
        stack.extend(gc.get_referents(o))
    return total


def holdings(plugin: Any, files: Any) -> dict[str, int]:
    seen: set[int] = set()
    out = {"kb": deep_size(plugin._kb, seen=seen)}
    out["plugin heads"] = deep_size(plugin._heads, seen=seen)
    out["plugin pages"] = deep_size(plugin._last, plugin._pages, getattr(plugin, "_shelf", None), seen=seen)
    pages = [f.page for f in files or [] if getattr(f, "page", None) is not None]
    out["file content"] = deep_size(*[f._content for f in files or []], seen=seen)
    out["page.markdown"] = deep_size(*[p.markdown for p in pages], seen=seen)
    out["page.content"] = deep_size(*[p.content for p in pages], seen=seen)
    out["page.toc"] = deep_size(*[p.toc for p in pages], seen=seen)
    out["files, pages"] = deep_size(files or [], seen=seen)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("root", type=Path)
    ap.add_argument("--trace", action="store_true", help="tracemalloc: who allocated what is held")
    ap.add_argument("--rss", action="store_true", help="only resident memory, at more stages (no accounting)")
    ap.add_argument("--depth", type=int, default=30)
    ap.add_argument("--top", type=int, default=15)
    args = ap.parse_args()

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from vnus_kb import plugin

    rows: list[tuple[str, dict[str, int], tuple[int, int], None]] = []
    state: dict[str, Any] = {}

    def snap(stage: str, me: Any) -> None:
        if args.rss:
            rows.append((stage, {}, rss_mb(), None))
            return
        gc.collect()
        rss = rss_mb()
        rows.append((stage, holdings(me, state.get("files")), rss, None))

    def wrap(name: str, stage: str, every: int = 0) -> None:
        orig = getattr(plugin.VnusKbPlugin, name)
        count = [0]

        def hook(self: Any, *a: Any, **kw: Any) -> Any:
            out = orig(self, *a, **kw)
            if name == "on_files":
                state["files"] = out
            count[0] += 1
            if not every or count[0] == every:
                snap(stage, self)
            return out
        setattr(plugin.VnusKbPlugin, name, hook)

    pages = sum(1 for _ in (args.root / "data").rglob("*.yaml"))
    wrap("on_config", "on_config")
    if args.rss:
        wrap("_site", "after _site")
    wrap("on_files", "after on_files")
    if args.rss:
        for part in (4, 2, 1):
            wrap("on_page_content", f"populate 1/{part}" if part > 1 else "populate all", every=max(1, pages // part))
    wrap("on_env", "after populate")
    wrap("on_post_page", "writing (half)", every=max(1, pages // 2))
    wrap("on_post_build", "after build")
    config = load_config(str(args.root / "mkdocs.yml"), site_dir=str(args.root / "site-mem"), strict=False)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    print(f"peak RSS {rss_mb()[1]} MB")
    if args.rss:
        for stage, _, (rss, hwm), _ in rows:
            print(f"{stage:<16} RSS {rss:>5} MB, peak so far {hwm:>5} MB")
        return
    cats = list(rows[0][1])
    print(f"{'stage':<16}{'RSS':>6}" + "".join(f"{c:>15}" for c in cats))
    for stage, held, (rss, _), _ in rows:
        print(f"{stage:<16}{rss:>6}" + "".join(f"{held[c] / 2**20:>13.1f}MB" for c in cats))


if __name__ == "__main__":
    main()
