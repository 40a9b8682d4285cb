"""``sim-compare``: compare every scenario of a sweep folder with its baseline.

    sim-compare results/sweeps/<date>/<time>
    sim-compare --pairing-demo municipality=small
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sim.analysis.comparison import compare_sweep, report
from sim.analysis.pairing import pairing_demo
from sim.cli.about import version_line

DEMO_DEFAULTS = ["municipality=medium", "run.replications=10", "run.progress=false"]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="sim-compare",
        description="Compare every policy scenario in a sweep folder with its baseline.")
    p.add_argument("folder", nargs="?", type=Path, help="a sweep folder (sim-run -m)")
    p.add_argument("--out", type=Path, help="where to write (default: the sweep folder)")
    p.add_argument("--no-plots", action="store_true", help="skip the PNG plots")
    p.add_argument("--pairing-demo", action="store_true",
                   help="run a scenario and its baseline with common and with different "
                        "seeds and print both interval widths")
    p.add_argument("--policy", default="intensive_coaching",
                   help="--pairing-demo: the scenario's policy (default %(default)s)")
    p.add_argument("--version", action="version", version=version_line("sim-compare"))
    p.add_argument("overrides", nargs="*", default=[],
                   help="--pairing-demo: Hydra overrides, e.g. municipality=small")
    return p


def print_pairing_demo(result: dict[str, Any]) -> None:
    print(f"Extra exits to work, {result['policy']} vs baseline: {result['municipality']} "
          f"municipality, {result['replications']} replications, "
          f"{result['horizon_months']} months")
    print(f"{'':34}{'estimate':>10}{'95% interval':>24}{'width':>10}")
    for name, key in (("paired (same seeds)", "paired"),
                      ("independent (baseline seed + 1)", "independent")):
        m, lo, hi = result[key]
        print(f"{name:34}{m:10.1f}{f'{lo:.1f} to {hi:.1f}':>24}{hi - lo:10.1f}")
    ratio = result["independent_width"] / result["paired_width"]
    print(f"The paired interval is {ratio:.1f} times narrower.")


def main(argv: Sequence[str] | None = None) -> int:
    p = parser()
    args, extra = p.parse_known_args(argv)
    if args.pairing_demo:
        overrides = [str(args.folder)] if args.folder else []
        overrides += [*args.overrides, *extra]
        given = {o.split("=", 1)[0] for o in overrides}
        overrides = [d for d in DEMO_DEFAULTS if d.split("=", 1)[0] not in given] + overrides
        print_pairing_demo(pairing_demo(overrides, policy=args.policy))
        return 0
    if extra or args.overrides:
        p.error(f"unexpected arguments: {' '.join([*args.overrides, *extra])}")
    if args.folder is None:
        p.error("give a sweep folder, or --pairing-demo")
    if not args.folder.is_dir():
        print(f"sim-compare: {args.folder}: no such folder", file=sys.stderr)
        return 2
    result = compare_sweep(args.folder, args.out, plots=not args.no_plots)
    if not result.jobs:
        print(f"sim-compare: no job folders under {args.folder}", file=sys.stderr)
        return 2
    report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
