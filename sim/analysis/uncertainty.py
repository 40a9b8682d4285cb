"""A paired effect's two intervals: Monte Carlo noise only, and with parameter uncertainty.

A run with ``run.posterior_draws = K`` repeats its R replications under K draws of the
behaviour posterior, and replication r keeps its seed in every draw. The paired effects
``D[k, r]`` (scenario minus baseline, draw k, replication r) then give two intervals at
the comparison's confidence level (:data:`sim.analysis.stats.LEVEL`), both centred on the
mean effect over all draws and replications:

* **MC only**: what R replications at one parameter set can tell, today's interval. Its
  variance is ``s_w² / R``, with ``s_w²`` the variance of the effects within draws, pooled
  over the draws; its t quantile has Satterthwaite's degrees of freedom, because the
  replications share their seeds across draws (with identical draws there are only
  R - 1). With one draw it is the paired t-interval over the replications.
* **with parameter uncertainty**: by the law of total variance, a draw's estimated effect
  varies by ``tau² + s_w² / R``, where ``tau²`` is the spread of the true effect over the
  posterior. ``tau²`` is estimated by the method of moments from the draw x replication
  table (two-way analysis of variance): the between-draw mean square less the residual
  mean square, over R, and at least 0. Adding ``s_w² / R`` to the raw variance of the draw
  means instead would count the Monte Carlo noise the draws do not share twice. The two
  half-widths add in quadrature, each with its own t quantile (K - 1 degrees of freedom
  for ``tau``), so the full interval is never narrower than the MC one and equals it when
  the draws give the same effects. With one replication per draw nothing separates the
  two parts: the interval is the t-interval over the K draw effects.

Percentiles of the K x R single-run effects were not chosen: their spread is the noise of
one replication, not of a mean of R, so they would not reduce to today's interval when
parameters do not matter.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from sim.analysis.stats import LEVEL, paired_interval


@dataclass(frozen=True)
class Effect:
    """A paired effect: its mean, the MC-only interval and the full interval."""

    mean: float
    low: float
    high: float
    full_low: float
    full_high: float
    draws: int

    def columns(self, name: str) -> dict[str, float]:
        """The effect as comparison.csv columns (``name``, ``name_lo``, ``name_full_lo``...)."""
        return {name: self.mean, f"{name}_lo": self.low, f"{name}_hi": self.high,
                f"{name}_full_lo": self.full_low, f"{name}_full_hi": self.full_high}


NO_EFFECT = Effect(math.nan, math.nan, math.nan, math.nan, math.nan, 0)


def draw_table(diffs: pd.Series) -> np.ndarray:
    """Draws x replications of the paired effects, replications missing in a draw dropped;
    a series indexed by replication alone is one draw."""
    if "draw" not in diffs.index.names:
        return diffs.to_numpy(dtype=float)[None, :]
    return diffs.unstack(level="replication").dropna(axis=1).to_numpy(dtype=float)


def paired_effect(diffs: pd.Series, level: float = LEVEL) -> Effect:
    """The two intervals of an effect from its per-(draw, replication) differences, as the
    module docstring says."""
    d = draw_table(diffs)
    k, r = d.shape
    if d.size == 0:
        return NO_EFFECT
    if k <= 1:
        mean, low, high = paired_interval(diffs.to_numpy(dtype=float), level)
        return Effect(mean, low, high, low, high, 1)
    mean = float(d.mean())
    if r == 1:
        _, low, high = paired_interval(d[:, 0], level)
        return Effect(mean, math.nan, math.nan, low, high, k)
    ms_draw, ms_rep, ms_res = mean_squares(d)
    mc_half = _mc_half_width(ms_rep, ms_res, k, r, level)
    tau2 = max(0.0, (ms_draw - ms_res) / r)
    full_half = math.hypot(mc_half, _quantile(level, k - 1) * math.sqrt(tau2))
    return Effect(mean, mean - mc_half, mean + mc_half, mean - full_half, mean + full_half, k)


def mean_squares(d: np.ndarray) -> tuple[float, float, float]:
    """Between-draw, between-replication and residual mean squares of a K x R table."""
    k, r = d.shape
    grand = d.mean()
    by_draw, by_rep = d.mean(axis=1), d.mean(axis=0)
    ms_draw = r * float(((by_draw - grand) ** 2).sum()) / (k - 1)
    ms_rep = k * float(((by_rep - grand) ** 2).sum()) / (r - 1)
    residual = d - by_draw[:, None] - by_rep[None, :] + grand
    ms_res = float((residual ** 2).sum()) / ((k - 1) * (r - 1))
    return ms_draw, ms_rep, ms_res


def _mc_half_width(ms_rep: float, ms_res: float, k: int, r: int, level: float) -> float:
    """Half-width of the MC-only interval: ``s_w² / R`` with Satterthwaite's degrees of
    freedom over its replication and residual parts."""
    rep_part, res_part = ms_rep / (k * r), (k - 1) * ms_res / (k * r)
    var = rep_part + res_part
    if var <= 0:
        return 0.0
    df = var ** 2 / (rep_part ** 2 / (r - 1) + res_part ** 2 / ((k - 1) * (r - 1)))
    return _quantile(level, df) * math.sqrt(var)


def _quantile(level: float, df: float) -> float:
    return float(stats.t.ppf(0.5 + level / 2, df))
