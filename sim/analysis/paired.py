"""A policy against its own baseline on common random numbers, as a few numbers.

The outcomes every exploration reports for a configuration with instruments on: the
extra exits to work over the horizon and the net budget effect (scenario minus baseline,
mean over the runs paired by posterior draw and seed), and the baseline's monthly outflow
rate. Used by the EMA workbench adapter and the sensitivity analysis, so both measure
alike.

A scenario and its baseline share their spin-up (:mod:`sim.core.checkpoint`), and a
baseline's totals are kept per process: rows of a design that differ only in an
instrument's parameters have the same baseline, which then runs once.
"""

from __future__ import annotations

import copy
from collections import OrderedDict

import numpy as np
import pandas as pd

from sim.config.params import Config
from sim.config.posterior import draw_configs
from sim.core.checkpoint import state_key
from sim.output.scenario import run_model
from sim.policies.registry import Policy

OUTCOMES = ("extra_exits_to_work", "net_budget_effect", "baseline_outflow_rate")
BASELINES_KEPT = 256
_BASELINES: OrderedDict[tuple[str, int], tuple[float, float, float]] = OrderedDict()


TOTALS_COLUMNS = ("outflow_work", "outflow_subsidised_work", "outflow", "stock", "cost_total")


def _totals_of(cfg: Config, replication: int) -> tuple[float, float, float]:
    """The totals of one replication, from the few ledger columns they need."""
    model = run_model(cfg, replication, columns=TOTALS_COLUMNS)
    return _totals(model.datacollector.get_model_vars_dataframe())


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
            s_work, s_cost, _ = _totals_of(scenario, r)
            b_work, b_cost, b_rate = baseline_totals(baseline, r)
            rows.append((s_work - b_work, s_cost - b_cost, b_rate))
    means = np.mean(np.asarray(rows), axis=0)
    return dict(zip(OUTCOMES, (float(v) for v in means), strict=True))


def baseline_totals(cfg: Config, replication: int) -> tuple[float, float, float]:
    """Exits to work, cost and outflow rate of one baseline replication, run once per
    process (keyed by the state at month 0 and the horizon)."""
    key = (state_key(cfg, replication), cfg.run.horizon_months)
    if key not in _BASELINES:
        _BASELINES[key] = _totals_of(cfg, replication)
        while len(_BASELINES) > BASELINES_KEPT:
            _BASELINES.popitem(last=False)
    return _BASELINES[key]
