"""``python -m sim.validate``.

Does the baseline reproduce the national flow rates? (make validate)
"""

from __future__ import annotations

import argparse

import pandas as pd

from sim.analysis.validation import compare
from sim.config.params import Config

DESCRIPTION = "Does the baseline reproduce the national flow rates? (make validate)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sim.validate",
                                     description=DESCRIPTION)
    parser.add_argument("--replications", type=int, default=10)
    parser.add_argument("--claimants", type=int, default=2700)
    parser.add_argument("--seed", type=int, default=Config().run.seed)
    args = parser.parse_args(argv)
    cfg = Config()
    cfg.run.replications, cfg.run.seed = args.replications, args.seed
    cfg.run.horizon_months = 48
    cfg.municipality.claimants = args.claimants
    table = compare(cfg)
    with pd.option_context("display.width", 160, "display.max_colwidth", 60):
        print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    return 0 if table["within"].all() else 1

