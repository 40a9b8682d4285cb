"""Replay a published design inside the model: the same people treated and untreated.

A :class:`Trial` says what the treated arm gets, who its cohort is, what is measured and
when. Replication ``r`` runs a treated and a control model on the same seed (common
random numbers), so every person meets the same luck in both; the cohort is picked in the
treated run as the design picks it (those who enrolled, or those who applied), and the
same persons are followed in the control run. The effect is the treated share less the
control share, per replication; the mean and a paired 95% interval go to the table.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sim.analysis.stats import breakeven_index, paired_interval
from sim.analysis.trials.watch import CohortWatch
from sim.config.params import Config
from sim.config.space import apply
from sim.core.model import ReintegrationModel
from sim.policies.registry import Policy

CohortRule = Callable[[ReintegrationModel, int], np.ndarray]


@dataclass(frozen=True)
class Published:
    """The published figure a replay is held against."""

    figure: str  # as published, in words
    design: str  # RCT, quasi-experiment, meta-analysis, municipal claim, descriptive
    source: str
    band: tuple[float, float] | None = None  # percentage points a replay must fall in
    direction: int = 0  # +1 or -1 where only the sign is published (0: see band)


@dataclass(frozen=True)
class Trial:
    """One published design, as the model replays it."""

    name: str
    title: str
    treat: Callable[[Config], None]  # what the treated arm gets (the control: nothing)
    cohort: CohortRule  # person ids picked in the treated run after a month
    measure: str  # a CohortWatch measure, or "breakeven" (months to recover the cost)
    horizons: tuple[int, ...]  # months after the start at which it is read
    published: Published
    enrol_months: int = 1  # months over which the cohort is gathered
    claimants: int = 2700
    note: str = ""  # where the replay differs from the original design
    gap: str = ""  # what the model lacks that could make it miss, said in advance
    fitted: str = ""  # what, if anything, was set from this very figure
    read_at: int | None = None  # the horizon the verdict reads (None: the first)
    rising: bool = False  # the published effect grows with time: checked too
    settings: dict[str, Any] = field(default_factory=dict)  # dotted keys set in both arms


@dataclass(frozen=True)
class Replay:
    """A trial's replay: per horizon, the treated and control shares and the effect."""

    trial: Trial
    replications: int
    cohort: float  # mean cohort size per replication
    treated: dict[int, float]
    control: dict[int, float]
    effect: dict[int, tuple[float, float, float]]  # mean, low, high (percentage points)


def configs(trial: Trial, base: Config) -> tuple[Config, Config]:
    control = apply(base, {"municipality.claimants": trial.claimants, **trial.settings})
    control.policy = Policy()
    treated = copy.deepcopy(control)
    trial.treat(treated)
    return treated, control


def _run_pair(trial: Trial, treated_cfg: Config, control_cfg: Config, r: int
              ) -> tuple[CohortWatch | None, CohortWatch | None, list[float]]:
    t_model = ReintegrationModel(treated_cfg, replication=r)
    c_model = ReintegrationModel(control_cfg, replication=r)
    start, ids, net = t_model.month, [], []
    for _ in range(trial.enrol_months):
        t_model.step()
        c_model.step()
        net.append(t_model.ledger["cost_total"] - c_model.ledger["cost_total"])
        ids.append(trial.cohort(t_model, start))
    cohort = np.unique(np.concatenate(ids)) if ids else np.array([], dtype=np.int64)
    watch_t, watch_c = CohortWatch(cohort, start), CohortWatch(cohort, start)
    # the cohort's status after the gathering months is read again below, from then on
    for month in range(trial.enrol_months, max(trial.horizons) + 1):
        watch_t.observe(t_model)
        watch_c.observe(c_model)
        if month == max(trial.horizons):
            break
        t_model.step()
        c_model.step()
        net.append(t_model.ledger["cost_total"] - c_model.ledger["cost_total"])
    return watch_t, watch_c, net


def replay(trial: Trial, base: Config | None = None, replications: int = 10) -> Replay:
    """Run the trial's treated and control arms ``replications`` times."""
    base = copy.deepcopy(base or Config())
    base.run.progress = False
    base.run.horizon_months = max(trial.horizons)
    treated_cfg, control_cfg = configs(trial, base)
    shares_t: dict[int, list[float]] = {h: [] for h in trial.horizons}
    shares_c: dict[int, list[float]] = {h: [] for h in trial.horizons}
    sizes = []
    for r in range(replications):
        wt, wc, net = _run_pair(trial, treated_cfg, control_cfg, r)
        sizes.append(len(wt.ids))
        for h in trial.horizons:
            if trial.measure == "breakeven":
                i = breakeven_index(net[:h])  # None: not recovered within h months
                shares_t[h].append(float("nan") if i is None else float(i))
                shares_c[h].append(0.0)
            else:
                shares_t[h].append(wt.share(trial.measure, h))
                shares_c[h].append(wc.share(trial.measure, h))
    scale = 1.0 if trial.measure == "breakeven" else 100.0
    effect = {h: tuple(scale * v for v in paired_interval(
        np.subtract(shares_t[h], shares_c[h]))) for h in trial.horizons}
    return Replay(trial, replications, float(np.mean(sizes)),
                  {h: float(np.mean(v)) for h, v in shares_t.items()},
                  {h: float(np.mean(v)) for h, v in shares_c.items()}, effect)


def band_verdict(value: float, band: tuple[float, float]) -> str:
    """Inside the published band, or on which side of it."""
    low, high = band
    if low <= value <= high:
        return "matches"
    return "larger than published" if value > high else "smaller than published"


def verdict(rep: Replay) -> str:
    """Does the replay stand beside the published figure? At the horizon it reads."""
    trial = rep.trial
    pub, h = trial.published, trial.read_at or trial.horizons[0]
    mean, lo, hi = rep.effect[h]
    if np.isnan(mean):
        return f"not reached within {h} months"
    if trial.rising:
        first, last = rep.effect[trial.horizons[0]][0], rep.effect[trial.horizons[-1]][0]
        if not last > first:
            return "does not grow with time"
    if pub.band is not None:
        return band_verdict(mean, pub.band)
    if pub.direction:
        if np.isnan(lo) or (lo <= 0 <= hi):
            return "no clear effect, published: " + ("positive" if pub.direction > 0
                                                    else "negative")
        return "same sign" if np.sign(mean) == pub.direction else "opposite sign"
    return "no published figure to hold it against"
