"""``python -m sim.calibrate``.

Fit the free behavioural parameters to the national figures, reproducibly.
"""

from __future__ import annotations

import argparse
import logging

from sim.analysis.calibration import (
    CONFIG_FILE,
    EVALUATIONS,
    REPORT_FILE,
    calibrate,
    committed,
    fit_table,
    write_config,
)
from sim.config.paths import REPO

DESCRIPTION = "Fit the free behavioural parameters to the national figures, reproducibly."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sim.calibrate",
                                     description=DESCRIPTION)
    parser.add_argument("--evaluations", type=int, default=EVALUATIONS)
    parser.add_argument("--check", action="store_true",
                        help="exit 1 unless the committed values are what the search finds")
    args = parser.parse_args(argv)
    logging.getLogger("MESA").setLevel(logging.WARNING)
    best, value = calibrate(args.evaluations)
    print(f"best loss {value:.4f}: {best}")
    if args.check:
        same = committed() == best
        print("committed calibration is current" if same else
              f"committed values differ: {committed()}")
        return 0 if same else 1
    write_config(best)
    REPORT_FILE.write_text(fit_table(best))
    print(f"wrote {CONFIG_FILE.relative_to(REPO)} and {REPORT_FILE.relative_to(REPO)}")
    return 0

