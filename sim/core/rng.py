"""Counter-based random streams keyed by (seed, key, month, purpose).

A draw is a pure function of its key rather than of the order in which draws are
made. That is what lets the fast engine (all claimants at once) and the agent engine
(one claimant at a time) meet exactly the same luck, and what gives every person the
same luck under every policy (common random numbers for paired comparisons).

The mixer is SplitMix64's finaliser applied to the key parts in turn; 53 bits of the
result become a uniform number in [0, 1). The draws are compiled loops (numba): the
parts shared by a call's draws (seed, month, purpose) are mixed once, then each key in
one pass, where the same arithmetic as NumPy operations takes ten passes over the keys.
"""

from __future__ import annotations

import zlib
from enum import IntEnum

import numba
import numpy as np
from llvmlite import binding
from numba import types
from numba.extending import get_cython_function_address
from scipy.special import pdtr, pdtrik

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


_PURPOSE_PRIME = np.uint64(0x1000193)
_INT64 = np.dtype(np.int64)


@numba.njit(cache=True, nogil=True, inline="always")
def _mix(z: np.uint64) -> np.uint64:
    """SplitMix64's finaliser. Integer arithmetic wraps around, as SplitMix64 intends."""
    z = (z ^ (z >> _S30)) * _M1
    z = (z ^ (z >> _S27)) * _M2
    return z ^ (z >> _S31)


@numba.njit(cache=True, nogil=True, inline="always")
def _head(seed: int, month: int, purpose: int) -> np.uint64:
    """The part of the key shared by all draws of a seed, month and purpose (each taken
    as its 64 bits, a negative month wrapping around)."""
    head = _mix(np.uint64(seed) ^ _mix(np.uint64(purpose) * _PURPOSE_PRIME))
    return _mix(head ^ (np.uint64(month) * _GOLDEN))


@numba.njit(cache=True, nogil=True, inline="always")
def _unit(key: np.uint64, head: np.uint64) -> float:
    """One uniform number in [0, 1): the finaliser on ``key * M2 + GOLDEN ^ head``, its
    top 53 bits scaled."""
    return np.float64(_mix((key * _M2 + _GOLDEN) ^ head) >> _S11) * _TO_UNIT


@numba.njit(cache=True, nogil=True)
def _unit_draws(keys: np.ndarray, seed: int, month: int, purpose: int) -> np.ndarray:
    head = _head(seed, month, purpose)
    out = np.empty(keys.shape[0], dtype=np.float64)
    for i in range(keys.shape[0]):
        out[i] = _unit(keys[i], head)
    return out


@numba.njit(cache=True, nogil=True)
def _unit_draws_at(keys: np.ndarray, rows: np.ndarray, seed: int, month: int, purpose: int
                   ) -> np.ndarray:
    head = _head(seed, month, purpose)
    out = np.empty(rows.shape[0], dtype=np.float64)
    for i in range(rows.shape[0]):
        out[i] = _unit(np.uint64(keys[rows[i]]), head)
    return out


@numba.njit(cache=True, nogil=True)
def _unit_draws_many(keys: np.ndarray, seed: int, month: int, purposes: np.ndarray
                     ) -> np.ndarray:
    out = np.empty((purposes.shape[0], keys.shape[0]), dtype=np.float64)
    for r in range(purposes.shape[0]):
        head = _head(seed, month, purposes[r])
        for i in range(keys.shape[0]):
            out[r, i] = _unit(keys[i], head)
    return out


def _as_u64(value: int | np.ndarray) -> np.ndarray:
    if type(value) is np.ndarray and value.dtype is _INT64 and value.ndim == 1:
        return value.view(np.uint64)  # person ids: no copy
    arr = np.asarray(value)
    if arr.dtype == np.uint64:
        return np.atleast_1d(arr)
    if arr.dtype.kind in "iu":
        return np.atleast_1d(arr.astype(np.int64)).view(np.uint64)
    raise TypeError(f"random-stream keys must be integers, got {arr.dtype}")


def _bits(value: int) -> np.uint64:
    """A Python integer's 64 low bits (a negative one wrapping around)."""
    return np.uint64(value & _MASK64)


def derive_seed(seed: int, *parts: int) -> int:
    """A child seed for a replication or sub-stream, stable across platforms."""
    h = _mix(_bits(seed) ^ _GOLDEN)
    for part in parts:
        h = _mix(h ^ _bits((part & _MASK64) * int(_GOLDEN)))
    return int(h) >> 1


def uniform(seed: int, key: int | np.ndarray, month: int, purpose: int) -> np.ndarray:
    """Uniform draws in [0, 1), one per key, for this seed, month and purpose.

    Always returns a 1-d array (length 1 for a scalar key) so that a single agent and
    a whole array go through exactly the same arithmetic.
    """
    return _unit_draws(_as_u64(key), seed & _MASK64, month, int(purpose))


def uniform_at(seed: int, keys: np.ndarray, rows: np.ndarray, month: int, purpose: int
               ) -> np.ndarray:
    """``uniform(seed, keys[rows], month, purpose)``, without gathering the keys first."""
    return _unit_draws_at(keys, rows, seed & _MASK64, month, int(purpose))


def uniform_many(seed: int, key: np.ndarray, month: int, purposes) -> dict[int, np.ndarray]:
    """:func:`uniform` for several purposes at once (the same numbers, fewer calls)."""
    codes = np.array([int(p) for p in purposes], dtype=np.int64)
    out = _unit_draws_many(_as_u64(key), seed & _MASK64, month, codes)
    return {int(p): row for p, row in zip(purposes, out, strict=True)}


def _cython_special(name: str, arguments: int) -> types.ExternalFunction:
    """A function of scipy.special's Cython API, callable from compiled code: the same C
    function as the ufunc of that name, so compiled and numpy draws agree to the bit. It
    is linked by a symbol name, so the compiled loops that call it can be cached."""
    symbol = f"sim_scipy_special_{name}"
    binding.add_symbol(symbol, get_cython_function_address("scipy.special.cython_special",
                                                           name))
    return types.ExternalFunction(symbol, types.float64(*[types.float64] * arguments))


_ndtri = _cython_special("ndtri", 1)
_pdtr = _cython_special("pdtr", 2)
_LOWEST, _HIGHEST = 1e-300, 1.0 - 2.0**-53  # u kept inside (0, 1) before inversion


@numba.njit(cache=True, nogil=True)
def _normal_draws(keys: np.ndarray, seed: int, month: int, purpose: int) -> np.ndarray:
    head = _head(seed, month, purpose)
    out = np.empty(keys.shape[0], dtype=np.float64)
    for i in range(keys.shape[0]):
        out[i] = _ndtri(min(max(_unit(keys[i], head), _LOWEST), _HIGHEST))
    return out


def normal(seed: int, key: int | np.ndarray, month: int, purpose: int) -> np.ndarray:
    """Standard normal draws by inversion of :func:`uniform` (the same numbers)."""
    return _normal_draws(_as_u64(key), seed & _MASK64, month, int(purpose))


POISSON_MARGIN = 1e-6  # closer than this to a step of the CDF, defer to pdtrik


def poisson_count(seed: int, key: int | np.ndarray, month: int, purpose: int, mean) -> np.ndarray:
    """Poisson counts by inversion, so a count is a pure function of its key and mean.

    The quantile is the smallest k with P(X <= k) >= u, found as scipy.stats.poisson.ppf
    finds it (see :func:`poisson_inverse`); :func:`poisson_quantile` reaches the same k
    with a few evaluations of the CDF, about five times faster.
    """
    u = uniform(seed, key, month, purpose)
    mean = np.asarray(mean, dtype=np.float64)
    if mean.ndim == 0:  # one mean for every key
        mean = np.full(len(u), mean)
    return poisson_quantile(u, mean).astype(np.int64)


def poisson_inverse(u: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """The quantile from the inverse of the incomplete gamma function, then one check."""
    k = np.ceil(pdtrik(u, mean))
    below = np.maximum(k - 1.0, 0.0)
    return np.where(pdtr(below, mean) >= u, below, k)


def poisson_quantile(u: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """:func:`poisson_inverse`'s k, found by stepping the CDF from a Cornish-Fisher guess
    (0 where the mean is not positive).

    Where u lies within ``POISSON_MARGIN`` of a step of the CDF, pdtrik's own rounding
    could decide, so those few are handed to :func:`poisson_inverse` itself: the counts are
    those of :func:`poisson_inverse` (checked on millions of draws in the tests).
    """
    k, unsure = _poisson_steps(np.asarray(u, dtype=np.float64),
                               np.asarray(mean, dtype=np.float64), POISSON_MARGIN)
    if len(unsure):
        k[unsure] = poisson_inverse(u[unsure], mean[unsure])
    return k


@numba.njit(cache=True, nogil=True)
def _poisson_steps(u: np.ndarray, mean: np.ndarray, margin: float
                   ) -> tuple[np.ndarray, np.ndarray]:
    """The stepping of :func:`poisson_quantile`, one draw at a time; also the positions
    where u lies within ``margin`` of a step of the CDF."""
    k = np.zeros(len(u), dtype=np.float64)
    unsure = np.empty(len(u), dtype=np.int64)
    n_unsure = 0
    for i in range(len(u)):
        m = mean[i]
        if not m > 0.0:
            continue
        z = _ndtri(min(max(u[i], _LOWEST), _HIGHEST))
        ki = max(np.floor(m + np.sqrt(m) * z + (z * z - 1.0) / 6.0), 0.0)
        at = _pdtr(ki, m)
        while at < u[i]:  # up until P(X <= k) >= u
            ki += 1.0
            at = _pdtr(ki, m)
        below = _pdtr(ki - 1.0, m) if ki > 0 else -np.inf
        while below >= u[i]:  # down while P(X <= k - 1) >= u still
            ki -= 1.0
            at = below
            below = _pdtr(ki - 1.0, m) if ki > 0 else -np.inf
        k[i] = ki
        if at < u[i] + margin or below > u[i] - margin:
            unsure[n_unsure] = i
            n_unsure += 1
    return k, unsure[:n_unsure]
