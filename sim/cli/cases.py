"""``python -m sim.cases``: write (and publish) the report of a case sweep."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from sim.analysis import history
from sim.analysis.cases import publish, write_case_report
from sim.analysis.jobs import find_jobs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sim.cases",
                                     description="Write the case report of a case sweep (or the "
                                     "history report of the national replay).")
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
    jobs = find_jobs(args.folder)
    if jobs and jobs[0].setting("case.name") == "national_history":
        print(f"history report: {history.write_history_report(args.folder)}")
        if args.publish:
            print(f"published: {history.publish(args.folder)}")
        return 0
    print(f"case report: {write_case_report(args.folder, plots=not args.no_plots)}")
    if args.publish:
        print(f"published: {publish(args.folder)}")
    if args.publish_check:
        print(f"reference table: {publish(args.folder, check=True)}")
    return 0
