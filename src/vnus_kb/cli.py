"""vnus-kb validate / render / schema / coverage."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .knowledge.diagnostics import FORMATTERS, Level, has_errors

if TYPE_CHECKING:
    from .knowledge.kb import KnowledgeBase


def _root(arg: str | None) -> Path:
    root = Path(arg or ".")
    if not root.is_dir():
        raise SystemExit(_usage(f"'{root}' is not a folder"))
    return root


def _usage(msg: str) -> int:
    print(f"vnus-kb: {msg}", file=sys.stderr)
    return 2


def cmd_validate(args: argparse.Namespace) -> int:
    from .knowledge.build import build

    root = _root(args.path)
    kb, diags = build(root)
    sys.stdout.write(FORMATTERS[args.format](diags))
    errors = sum(d.level is Level.ERROR for d in diags)
    warnings = len(diags) - errors
    if args.format == "text":
        print(f"{len(kb.entries)} records, {len(kb.sources)} sources: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    if any(d.code in ("path-missing",) for d in diags):
        return 2
    return 1 if has_errors(diags) or (args.strict and warnings) else 0


def _valid_kb(root: Path) -> KnowledgeBase | None:
    """The knowledge base, or None after printing its errors."""
    from .knowledge.build import build

    kb, diags = build(root)
    if has_errors(diags):
        sys.stderr.write(FORMATTERS["text"](diags))
        print("vnus-kb: the data has errors; run `vnus-kb validate` for the full list", file=sys.stderr)
        return None
    return kb


def cmd_render(args: argparse.Namespace) -> int:
    from .site.pages import site_files, write_tree

    root = _root(args.path)
    kb = _valid_kb(root)
    if kb is None:
        return 1
    pages, others = site_files(kb)
    files = {p: page.markdown for p, page in pages.items()} | others
    if args.zensical:
        from .site.zensical import project

        files = project(root, files)
    try:
        written = write_tree(Path(args.out), files, protected=[root / "data", root / "seeds"])
    except (OSError, ValueError) as exc:
        return _usage(str(exc))
    print(f"{len(pages)} pages and {len(others)} other files in {args.out} ({written} written, {len(files) - written} unchanged)", file=sys.stderr)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .site.export import schemas
    from .site.pages import write_tree

    files = {f"{kind}.json": text for kind, text in schemas().items()}
    try:
        write_tree(Path(args.out), files, protected=[])
    except (OSError, ValueError) as exc:
        return _usage(str(exc))
    print(f"{len(files)} JSON Schemas in {args.out}", file=sys.stderr)
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    from .knowledge.coverage import report

    kb = _valid_kb(_root(args.path))
    if kb is None:
        return 1
    text, complete = report(kb)
    sys.stdout.write(text)
    return 0 if complete or not args.check else 1


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a console that cannot show 'ạ' gets '\u1ea1', not a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = argparse.ArgumentParser(prog="vnus-kb", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check data/ and seeds/: schema, references, quotes, duplicates, dates")
    p.add_argument("path", nargs="?", help="the repository root holding data/ and seeds/ (default: .)")
    p.add_argument("--format", choices=sorted(FORMATTERS), default="text")
    p.add_argument("--strict", action="store_true", help="warnings fail too")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("render", help="write the site's Markdown pages and downloads, for any static-site generator")
    p.add_argument("path", nargs="?", help="the repository root (default: .)")
    p.add_argument("--out", required=True, help="the folder to write into (never data/ or seeds/)")
    p.add_argument("--zensical", action="store_true",
                   help="write a Zensical project: OUT/zensical.toml (from mkdocs.yml) and OUT/docs/; "
                        "then `cd OUT && zensical build`")
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("schema", help="write a JSON Schema per kind of record, for editors")
    p.add_argument("--out", required=True, help="the folder to write into")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("coverage", help="list, per source, the sentences no record cites")
    p.add_argument("path", nargs="?", help="the repository root (default: .)")
    p.add_argument("--check", action="store_true", help="exit 1 when a sentence stating a fact is uncited")
    p.set_defaults(func=cmd_coverage)

    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        result: int = args.func(args)
    except SystemExit as exc:
        return int(exc.code or 0)
    except KeyboardInterrupt:
        return 130
    return result


if __name__ == "__main__":
    sys.exit(main())
