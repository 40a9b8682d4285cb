"""``python -m sim.paramdoc``.

Write docs/parameters.md from the parameter schema, or check that it is current.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sim.analysis.paramdoc import COMMAND, DOC_PATH, iter_parameters, render

DESCRIPTION = "Write docs/parameters.md from the parameter schema, or check that it is current."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sim.paramdoc",
                                     description=DESCRIPTION)
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if the file differs from the schema")
    parser.add_argument("--out", type=Path, default=DOC_PATH, help="file to write or check")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else None
        if current != text:
            print(f"{args.out} is out of date; regenerate it with `{COMMAND}`", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({sum(1 for _ in iter_parameters())} parameters)")
    return 0

