"""Which assumptions drive each policy's effect: the simulation as a sensitivity model, and
the Morris-then-Sobol pipeline that ``sim-sensitivity`` runs.

A row of the design sets behaviour and instrument parameters; the model runs each chosen
policy against its own baseline on common random numbers (:mod:`sim.analysis.paired`) and
returns its extra exits to work and its net budget effect, plus the baseline's monthly
outflow rate. Morris screens every parameter; Sobol indices follow for those it keeps,
the others held at their defaults.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from sim.analysis import sensitivity
from sim.analysis.paired import paired_outcomes
from sim.config.params import Config
from sim.config.space import Param, apply, salib_problem

CSV_FILE = "sensitivity.csv"
FIELDS = ("outcome", "parameter", "method", "index", "value", "conf")
BASELINE_RATE = "baseline outflow rate"


def outcome_names(policies: tuple[str, ...]) -> list[str]:
    return [f"{p}: {o}" for p in policies
            for o in ("extra exits to work", "net budget effect")] + [BASELINE_RATE]


@dataclass(frozen=True)
class PolicyModel:
    """Paired outcomes of each policy at one row of parameter values (picklable, so the
    rows can run in other processes)."""

    base: Config
    params: tuple[Param, ...]
    policies: tuple[str, ...]

    def __call__(self, row: np.ndarray) -> dict[str, float]:
        values = {p.key: p.value(x) for p, x in zip(self.params, row, strict=True)}
        out: dict[str, float] = {}
        for name in self.policies:
            mine = {k: v for k, v in values.items()
                    if not k.startswith("policy.") or k.split(".")[1] == name}
            got = paired_outcomes(apply(self.base, mine, switch_on=[name]))
            out[f"{name}: extra exits to work"] = got["extra_exits_to_work"]
            out[f"{name}: net budget effect"] = got["net_budget_effect"]
            out[BASELINE_RATE] = got["baseline_outflow_rate"]
        return out


def run(folder: Path, base: Config, params: list[Param], policies: tuple[str, ...],
        morris_n: int, sobol_n: int, keep: int, seed: int, jobs: int = 1,
        progress: bool = True, launcher: str = "joblib",
        options: dict[str, Any] | None = None) -> tuple[list[dict[str, Any]], list[str]]:
    """Morris over ``params``, then Sobol over the ``keep`` it ranks first; the rows of
    ``sensitivity.csv`` and the kept parameters. ``launcher`` and its ``options`` say
    where the rows run (:mod:`sim.analysis.launchers`)."""
    where = {"launcher": launcher, "options": options}
    problem = salib_problem(params)
    design = sensitivity.prepare(folder / "morris", problem, "morris", morris_n, seed)
    model = PolicyModel(base, tuple(params), policies)
    y = sensitivity.evaluate(model, design, folder / "morris", jobs, progress,
                             sensitivity.block_size(problem, "morris"), **where)
    rows = sensitivity.indices(problem, "morris", design, y, seed)
    kept = sensitivity.screened(rows, keep)
    if sobol_n:
        chosen = [p for p in params if p.key in kept]
        problem_s = salib_problem(chosen)
        design_s = sensitivity.prepare(folder / "sobol", problem_s, "sobol", sobol_n, seed)
        y_s = sensitivity.evaluate(PolicyModel(base, tuple(chosen), policies), design_s,
                                   folder / "sobol", jobs, progress,
                                   sensitivity.block_size(problem_s, "sobol"), **where)
        rows += sensitivity.indices(problem_s, "sobol", design_s, y_s, seed)
    write_csv(folder / CSV_FILE, rows)
    return rows, kept


def write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", newline="") as f:
        w = csv.DictWriter(f, FIELDS, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({**r, "value": f"{r['value']:.6g}", "conf": f"{r['conf']:.6g}"})
    tmp.replace(path)
