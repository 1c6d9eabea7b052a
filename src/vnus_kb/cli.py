"""vnus-kb validate / render / schema / coverage."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .diagnostics import FORMATTERS, Level, has_errors


def _root(arg: str | None) -> Path:
    root = Path(arg or ".")
    if not root.is_dir():
        raise SystemExit(_usage(f"'{root}' is not a folder"))
    return root


def _usage(msg: str) -> int:
    print(f"vnus-kb: {msg}", file=sys.stderr)
    return 2


def cmd_validate(args: argparse.Namespace) -> int:
    from .kb import build

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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="vnus-kb", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check data/ and seeds/: schema, references, quotes, duplicates, dates")
    p.add_argument("path", nargs="?", help="the repository root holding data/ and seeds/ (default: .)")
    p.add_argument("--format", choices=sorted(FORMATTERS), default="text")
    p.add_argument("--strict", action="store_true", help="warnings fail too")
    p.set_defaults(func=cmd_validate)

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
