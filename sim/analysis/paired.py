"""A policy against its own baseline on common random numbers, as a few numbers.

The outcomes every exploration reports for a configuration with instruments on: the
extra exits to work over the horizon and the net budget effect (scenario minus baseline,
mean over the runs paired by posterior draw and seed), and the baseline's monthly outflow
rate. Used by
the EMA workbench adapter and the sensitivity analysis, so both measure alike.
"""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd

from sim.config.params import Config
from sim.config.posterior import draw_configs
from sim.output.scenario import run_replication
from sim.policies.registry import Policy

OUTCOMES = ("extra_exits_to_work", "net_budget_effect", "baseline_outflow_rate")


def _totals(monthly: pd.DataFrame) -> tuple[float, float, float]:
    work = float((monthly["outflow_work"] + monthly["outflow_subsidised_work"]).sum())
    stock_before = monthly["stock"].shift(1)
    rate = float((monthly["outflow"] / stock_before).iloc[1:].mean())
    return work, float(monthly["cost_total"].sum()), rate


def paired_outcomes(cfg: Config, replications: int | None = None) -> dict[str, float]:
    """The outcomes of ``cfg`` (instruments on) against the same config without them."""
    base = copy.deepcopy(cfg)
    base.policy = Policy()
    reps = cfg.run.replications if replications is None else replications
    rows = []
    for scenario, baseline in zip(draw_configs(cfg), draw_configs(base), strict=True):
        for r in range(reps):
            s_work, s_cost, _ = _totals(run_replication(scenario, r)[0])
            b_work, b_cost, b_rate = _totals(run_replication(baseline, r)[0])
            rows.append((s_work - b_work, s_cost - b_cost, b_rate))
    means = np.mean(np.asarray(rows), axis=0)
    return dict(zip(OUTCOMES, (float(v) for v in means), strict=True))
