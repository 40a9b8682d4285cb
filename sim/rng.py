"""Counter-based random streams keyed by (seed, key, month, purpose).

A draw is a pure function of its key rather than of the order in which draws are
made. That is what lets the fast engine (all claimants at once) and the agent engine
(one claimant at a time) meet exactly the same luck, and what gives every person the
same luck under every policy (common random numbers for paired comparisons).

The mixer is SplitMix64's finaliser applied to the key parts in turn; 53 bits of the
result become a uniform number in [0, 1).
"""

from __future__ import annotations

from enum import IntEnum
from functools import lru_cache

import numpy as np
from scipy.special import ndtri
from scipy.stats import poisson

_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MASK64 = (1 << 64) - 1
_TO_UNIT = 1.0 / float(1 << 53)


class Purpose(IntEnum):
    """What a draw is for; each purpose is an independent stream."""

    # attributes of persons (drawn once, at creation)
    HOUSEHOLD = 1
    AGE = 2
    EDUCATION = 3
    BARRIER_HEALTH = 4
    BARRIER_DEBT = 5
    BARRIER_LANGUAGE = 6
    BARRIER_CONFIDENCE = 7
    WAGE_VALUE = 8
    WORK_HISTORY = 9
    INITIAL_DURATION = 10
    WW_REMAINING = 11
    AGE_WITHIN_BAND = 12
    PERMIT_HOLDER = 13
    # monthly events
    NEW_COUNT = 20
    WW_COUNT = 21
    WW_FIND_WORK = 22
    WW_ELIGIBLE = 23
    RESOLVE_HEALTH = 24
    RESOLVE_DEBT = 25
    RESOLVE_LANGUAGE = 26
    RESOLVE_CONFIDENCE = 27
    SEARCH = 28
    VACANCY_CHOICE = 29
    SCORE_NOISE = 30
    ACCEPT = 31
    JOB_LOSS = 32
    RETURN_ELIGIBLE = 33
    MOVE = 34
    OTHER_INCOME = 35
    OTHER_INCOME_RETURN = 36
    # employers and vacancies
    EMPLOYER_SCREENING = 40
    EMPLOYER_LEVEL = 41
    EMPLOYER_WEIGHT = 42
    VACANCY_COUNT = 43
    OUTSIDE_CANDIDATE = 44
    # policies (issue-specific streams live above 100)
    POLICY = 100


def _mix(z: np.ndarray) -> np.ndarray:
    z = (z ^ (z >> np.uint64(30))) * _M1
    z = (z ^ (z >> np.uint64(27))) * _M2
    return z ^ (z >> np.uint64(31))


def _as_u64(value: int | np.ndarray) -> np.ndarray:
    arr = np.asarray(value)
    if arr.dtype == np.uint64:
        return np.atleast_1d(arr)
    if arr.dtype.kind in "iu":
        return np.atleast_1d(arr.astype(np.int64)).view(np.uint64)
    raise TypeError(f"random-stream keys must be integers, got {arr.dtype}")


def derive_seed(seed: int, *parts: int) -> int:
    """A child seed for a replication or sub-stream, stable across platforms."""
    with np.errstate(over="ignore"):
        h = _mix(np.array([seed & _MASK64], dtype=np.uint64) ^ _GOLDEN)
        for part in parts:
            h = _mix(h ^ (np.array([part & _MASK64], dtype=np.uint64) * _GOLDEN))
    return int(h[0] >> np.uint64(1))


@lru_cache(maxsize=65536)
def _head(seed: int, month: int, purpose: int) -> np.ndarray:
    """The part of the key shared by all draws of a seed, month and purpose."""
    with np.errstate(over="ignore"):
        head = _mix(
            np.array([seed & _MASK64], dtype=np.uint64)
            ^ _mix(np.array([(int(purpose) * 0x1000193) & _MASK64], dtype=np.uint64))
        )
        return _mix(head ^ (np.array([month & _MASK64], dtype=np.uint64) * _GOLDEN))


def uniform(seed: int, key: int | np.ndarray, month: int, purpose: int) -> np.ndarray:
    """Uniform draws in [0, 1), one per key, for this seed, month and purpose.

    Always returns a 1-d array (length 1 for a scalar key) so that a single agent and
    a whole array go through exactly the same arithmetic.
    """
    keys = _as_u64(key)
    with np.errstate(over="ignore"):
        z = _mix(_head(seed, month, int(purpose)) ^ (keys * _M2 + _GOLDEN))
    return (z >> np.uint64(11)).astype(np.float64) * _TO_UNIT


def normal(seed: int, key: int | np.ndarray, month: int, purpose: int) -> np.ndarray:
    """Standard normal draws by inversion of :func:`uniform`."""
    u = uniform(seed, key, month, purpose)
    return ndtri(np.clip(u, 1e-300, 1.0 - 2.0**-53))


def poisson_count(seed: int, key: int | np.ndarray, month: int, purpose: int, mean) -> np.ndarray:
    """Poisson counts by inversion, so a count is a pure function of its key and mean."""
    u = uniform(seed, key, month, purpose)
    return poisson.ppf(u, np.asarray(mean, dtype=np.float64)).astype(np.int64)
