"""The free behavioural parameters, their prior ranges, and the file their fitted values
live in.

The fit itself is the ABC-SMC posterior of :mod:`sim.analysis.posterior` (``python -m
sim.posterior``): it writes the ensemble to ``configs/behaviour/posterior.csv`` and its
centre (the weighted median of each parameter) to ``configs/behaviour/calibrated.yaml``,
which the behaviour defaults are read from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from sim.config.paths import CONFIGS, DOCS

CONFIG_FILE = CONFIGS / "behaviour" / "calibrated.yaml"
REPORT_FILE = DOCS / "calibration.md"


@dataclass(frozen=True)
class Free:
    """A free parameter: its prior range, and a value inside it (a start for searches)."""

    key: str
    low: float
    high: float
    start: float


FREE = (
    Free("vacancies_per_1000", 0.4, 6.0, 1.4),
    Free("other_income_rate", 0.002, 0.012, 0.0055),
    Free("ww_entrants_per_1000", 0.05, 1.0, 0.28),
    Free("job_loss_first_year", 0.02, 0.10, 0.056),
    Free("other_income_return_rate", 0.01, 0.08, 0.04),
    Free("age55_penalty", 0.0, 0.5, 0.24),
    Free("part_time_share", 0.1, 0.9, 0.55),
    Free("noncompliance_rate", 0.001, 0.05, 0.01),
    Free("inflow_elasticity", 0.0, 2.0, 0.6),
    Free("vacancy_elasticity", 0.2, 1.5, 1.0),
)
SEED = 20240101
SIGNIFICANT = 4


def _round(value: float) -> float:
    return float(f"{value:.{SIGNIFICANT}g}")


def write_config(values: dict[str, float], path: Path = CONFIG_FILE) -> None:
    header = ("# Behavioural parameters: the centre (weighted median) of the posterior that\n"
              "# `python -m sim.posterior --write` fits (configs/behaviour/posterior.csv; do\n"
              "# not edit by hand, rerun it). The other behavioural parameters keep their\n"
              "# defaults in sim/config/behaviour.py.\n")
    path.write_text(header + yaml.safe_dump(values, sort_keys=False))


def committed() -> dict[str, float]:
    return yaml.safe_load(CONFIG_FILE.read_text()) or {}
