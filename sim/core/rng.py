"""Counter-based random streams keyed by (seed, key, month, purpose).

A draw is a pure function of its key rather than of the order in which draws are
made. That is what lets the fast engine (all claimants at once) and the agent engine
(one claimant at a time) meet exactly the same luck, and what gives every person the
same luck under every policy (common random numbers for paired comparisons).

The mixer is SplitMix64's finaliser applied to the key parts in turn; 53 bits of the
result become a uniform number in [0, 1).
"""

from __future__ import annotations

import zlib
from enum import IntEnum
from functools import lru_cache

import numpy as np
from scipy.special import ndtri, pdtr, pdtrik

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
    HOURS_GROWTH = 37
    PART_TIME_LOSS = 38
    COMPLIANCE = 39
    CALL_IN = 45
    GATE = 46
    WW_SEARCH = 47
    PARTNER_INCOME = 49
    ASSETS = 50
    ENROLMENT = 51
    VACANCY_HOURS = 52
    # employers and vacancies
    EMPLOYER_SCREENING = 40
    EMPLOYER_LEVEL = 41
    EMPLOYER_WEIGHT = 42
    VACANCY_COUNT = 43
    OUTSIDE_CANDIDATE = 44


# Streams of named components (policy instruments) lie above every Purpose: a block of 256
# per name, placed by the name's CRC-32, so adding a component allocates nothing by hand.
NAMED_STREAMS = 1 << 16


def named_stream(name: str) -> int:
    """The first purpose of the block of streams that belongs to ``name``."""
    return NAMED_STREAMS + (zlib.crc32(name.encode("utf-8")) << 8)


_S30, _S27, _S31, _S11 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(11)


def _mix(z: np.ndarray) -> np.ndarray:
    z = (z ^ (z >> _S30)) * _M1
    z = (z ^ (z >> _S27)) * _M2
    return z ^ (z >> _S31)


def _mix_inplace(z: np.ndarray) -> np.ndarray:
    """:func:`_mix` on a fresh array, without temporaries on the hot path."""
    z ^= z >> _S30
    z *= _M1
    z ^= z >> _S27
    z *= _M2
    z ^= z >> _S31
    return z


def _as_u64(value: int | np.ndarray) -> np.ndarray:
    if isinstance(value, np.ndarray) and value.dtype == np.int64 and value.ndim == 1:
        return value.view(np.uint64)  # person ids: no copy
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


def _mix_int(z: int) -> int:
    """:func:`_mix` on one 64-bit Python integer (the same bits, without array overhead)."""
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
    return z ^ (z >> 31)


@lru_cache(maxsize=65536)
def _head(seed: int, month: int, purpose: int) -> np.uint64:
    """The part of the key shared by all draws of a seed, month and purpose."""
    head = _mix_int((seed & _MASK64) ^ _mix_int((int(purpose) * 0x1000193) & _MASK64))
    return np.uint64(_mix_int(head ^ (((month & _MASK64) * 0x9E3779B97F4A7C15) & _MASK64)))


def uniform(seed: int, key: int | np.ndarray, month: int, purpose: int) -> np.ndarray:
    """Uniform draws in [0, 1), one per key, for this seed, month and purpose.

    Always returns a 1-d array (length 1 for a scalar key) so that a single agent and
    a whole array go through exactly the same arithmetic.
    """
    z = _as_u64(key) * _M2  # integer arrays wrap around silently: no errstate needed
    z += _GOLDEN
    z ^= _head(seed, month, int(purpose))
    _mix_inplace(z)
    z >>= _S11
    out = z.astype(np.float64)
    out *= _TO_UNIT
    return out


def uniform_many(seed: int, key: np.ndarray, month: int, purposes) -> dict[int, np.ndarray]:
    """:func:`uniform` for several purposes at once (the same numbers, fewer calls)."""
    keys = _as_u64(key)
    heads = np.array([_head(seed, month, int(p)) for p in purposes], dtype=np.uint64)
    with np.errstate(over="ignore"):
        z = keys * _M2
        z += _GOLDEN
        z = z[None, :] ^ heads[:, None]
        _mix_inplace(z)
    z >>= _S11
    out = z.astype(np.float64)
    out *= _TO_UNIT
    return {int(p): row for p, row in zip(purposes, out, strict=True)}


def normal(seed: int, key: int | np.ndarray, month: int, purpose: int) -> np.ndarray:
    """Standard normal draws by inversion of :func:`uniform`."""
    u = uniform(seed, key, month, purpose)
    return ndtri(np.clip(u, 1e-300, 1.0 - 2.0**-53))


POISSON_MARGIN = 1e-6  # closer than this to a step of the CDF, defer to pdtrik


def poisson_count(seed: int, key: int | np.ndarray, month: int, purpose: int, mean) -> np.ndarray:
    """Poisson counts by inversion, so a count is a pure function of its key and mean.

    The quantile is the smallest k with P(X <= k) >= u, found as scipy.stats.poisson.ppf
    finds it (see :func:`poisson_inverse`); :func:`poisson_quantile` reaches the same k
    with a few evaluations of the CDF, about five times faster.
    """
    u = uniform(seed, key, month, purpose)
    mean = np.broadcast_to(np.asarray(mean, dtype=np.float64), u.shape)
    return np.where(mean > 0.0, poisson_quantile(u, mean), 0.0).astype(np.int64)


def poisson_inverse(u: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """The quantile from the inverse of the incomplete gamma function, then one check."""
    k = np.ceil(pdtrik(u, mean))
    below = np.maximum(k - 1.0, 0.0)
    return np.where(pdtr(below, mean) >= u, below, k)


def poisson_quantile(u: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """:func:`poisson_inverse`'s k, found by stepping the CDF from a Cornish-Fisher guess.

    Where u lies within ``POISSON_MARGIN`` of a step of the CDF, pdtrik's own rounding
    could decide, so those few are handed to :func:`poisson_inverse` itself: the counts are
    those of :func:`poisson_inverse` (checked on millions of draws in the tests).
    """
    z = ndtri(np.clip(u, 1e-300, 1.0 - 2.0**-53))
    k = np.maximum(np.floor(mean + np.sqrt(mean) * z + (z * z - 1.0) / 6.0), 0.0)
    at = pdtr(k, mean)
    step = np.flatnonzero(at < u)
    while len(step):  # up until P(X <= k) >= u
        k[step] += 1.0
        at[step] = pdtr(k[step], mean[step])
        step = step[at[step] < u[step]]
    below = np.full(len(u), -np.inf)
    step = np.flatnonzero(k > 0)
    below[step] = pdtr(k[step] - 1.0, mean[step])
    step = step[below[step] >= u[step]]
    while len(step):  # down while P(X <= k - 1) >= u still
        k[step] -= 1.0
        at[step] = below[step]
        below[step] = np.where(k[step] > 0, pdtr(np.maximum(k[step] - 1.0, 0.0), mean[step]),
                               -np.inf)
        step = step[below[step] >= u[step]]
    unsure = (at < u + POISSON_MARGIN) | (below > u - POISSON_MARGIN)
    k[unsure] = poisson_inverse(u[unsure], mean[unsure])
    return k
