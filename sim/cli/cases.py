"""``python -m sim.cases``: write (and publish) the report of a case sweep."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from sim.analysis.cases import publish, write_case_report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sim.cases",
                                     description="Write the case report of a case sweep.")
    parser.add_argument("folder", type=Path, help="a case sweep folder")
    parser.add_argument("--publish", action="store_true",
                        help="also copy the report to experiments/<case>/")
    parser.add_argument("--publish-check", action="store_true",
                        help="store summary.csv as experiments/<case>/summary_check.csv")
    parser.add_argument("--no-plots", action="store_true")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"{args.folder}: no such folder", file=sys.stderr)
        return 2
    print(f"case report: {write_case_report(args.folder, plots=not args.no_plots)}")
    if args.publish:
        print(f"published: {publish(args.folder)}")
    if args.publish_check:
        print(f"reference table: {publish(args.folder, check=True)}")
    return 0
