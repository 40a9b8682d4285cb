"""Interval estimates for paired and independent runs, and the break-even month.

Replication ``r`` of a scenario and of its baseline run on the same seed (common random
numbers), so a policy effect is estimated from the per-replication differences with a
one-sample t-interval; two independently seeded sets of runs get a Welch interval.
Both come from ``scipy.stats``.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence

import numpy as np
from scipy import stats

LEVEL = 0.95


def _interval(result, centre: float, level: float) -> tuple[float, float, float]:
    with warnings.catch_warnings():  # identical values (no spread) are a valid answer here
        warnings.simplefilter("ignore", RuntimeWarning)
        ci = result.confidence_interval(confidence_level=level)
    return centre, float(ci.low), float(ci.high)


def paired_interval(diffs: Sequence[float] | np.ndarray, level: float = LEVEL
                    ) -> tuple[float, float, float]:
    """Mean of paired differences with a t-interval; NaN bounds below two pairs."""
    d = np.asarray(diffs, dtype=float)
    mean = float(d.mean()) if d.size else math.nan
    if d.size < 2:
        return mean, math.nan, math.nan
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        result = stats.ttest_1samp(d, 0.0)
    return _interval(result, mean, level)


def independent_interval(a: Sequence[float] | np.ndarray, b: Sequence[float] | np.ndarray,
                         level: float = LEVEL) -> tuple[float, float, float]:
    """Difference of means ``a - b`` of two independent samples, Welch t-interval."""
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    diff = float(x.mean() - y.mean())
    if x.size < 2 or y.size < 2:
        return diff, math.nan, math.nan
    if x.var() == 0 and y.var() == 0:
        return diff, diff, diff
    return _interval(stats.ttest_ind(x, y, equal_var=False), diff, level)


def breakeven_index(net_by_month: Sequence[float] | np.ndarray) -> int | None:
    """First month index from which the cumulative net budget effect is negative for good.

    ``net_by_month`` is scenario cost minus baseline cost per month; a negative running
    total means cumulative savings exceed cumulative spending. None if it never turns.
    """
    cum = np.cumsum(np.asarray(net_by_month, dtype=float))
    if cum.size == 0 or cum[-1] >= 0:
        return None
    not_yet = np.flatnonzero(cum >= 0)
    return int(not_yet[-1] + 1) if not_yet.size else 0
