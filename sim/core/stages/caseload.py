"""Client managers and their caseloads: who is seen, and what a contact does.

A contact lifts search and may resolve barriers. It also carries obligations for those
not exempted: it may find an obligation not met (applications, showing up, a suitable
job refused), which leads to a sanction, and being called in brings out other income,
undeclared work or a move for some, who then leave bijstand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numba
import numpy as np

from sim.core import rng
from sim.core.population import BARRIERS, EndReason, State
from sim.core.rng import Purpose
from sim.core.stages.common import draw

if TYPE_CHECKING:
    from sim.core.model import ReintegrationModel

RESOLVE_PURPOSE = {
    "health": Purpose.RESOLVE_HEALTH,
    "debt": Purpose.RESOLVE_DEBT,
    "language": Purpose.RESOLVE_LANGUAGE,
    "confidence": Purpose.RESOLVE_CONFIDENCE,
}


def meet_caseloads(m: ReintegrationModel, rows: np.ndarray) -> None:
    """Client managers see their caseloads in priority order until their time is used up."""
    if len(rows) == 0:
        return
    pop, t = m.pop, m.month
    key = m.rules.contact_priority(lambda: t - pop.last_contact[rows],
                                   lambda: t - pop.spell_start[rows],
                                   lambda: pop.wage_value[rows])
    be_seen(m, rows[seen_first(pop.cm[rows], key, m.cm_capacity)])


def seen_first(cm: np.ndarray, key: np.ndarray, capacity: np.ndarray) -> np.ndarray:
    """The positions each client manager sees, up to ``capacity[cm]``: by client manager,
    then the higher key first, ties by position (the order of ``np.lexsort((-key, cm))``).

    One stable sort by key (a counting sort when the keys are whole numbers in a short
    range, as months are), then a counting pass by client manager.
    """
    order = _descending_whole(key)
    if len(order) < len(key):  # not whole numbers in a short range
        order = np.argsort(-key, kind="stable")
    return _first_per_manager(order, cm, capacity)


SHORT_RANGE = 4096  # whole-number keys within this range are counted, not sorted


@numba.njit(cache=True, nogil=True)
def _descending_whole(key: np.ndarray) -> np.ndarray:
    """The positions by descending key, ties by position (``argsort(-key, stable)``), by
    counting, if every key is a whole number within ``SHORT_RANGE``; else nothing."""
    if len(key) == 0:
        return np.zeros(0, dtype=np.int64)
    low, high = key[0], key[0]
    for k in key:
        if not k == np.floor(k):
            return np.zeros(0, dtype=np.int64)
        low, high = min(low, k), max(high, k)
    if not high - low < SHORT_RANGE:  # also when infinite
        return np.zeros(0, dtype=np.int64)
    span = int(high - low) + 1
    start = np.zeros(span + 1, dtype=np.int64)
    for k in key:
        start[int(high - k) + 1] += 1  # bucket 0 holds the highest key
    for b in range(span):
        start[b + 1] += start[b]
    order = np.empty(len(key), dtype=np.int64)
    for p in range(len(key)):
        b = int(high - key[p])
        order[start[b]] = p
        start[b] += 1
    return order


@numba.njit(cache=True, nogil=True)
def _first_per_manager(order: np.ndarray, cm: np.ndarray, capacity: np.ndarray
                       ) -> np.ndarray:
    """The first ``capacity[c]`` positions of ``order`` per client manager c, grouped by
    client manager (a stable counting sort)."""
    counts = np.zeros(len(capacity), dtype=np.int64)
    for c in cm:
        counts[c] += 1
    start = np.zeros(len(capacity), dtype=np.int64)
    total = 0
    for c in range(len(capacity)):
        start[c] = total
        total += min(counts[c], capacity[c])
    out = np.empty(total, dtype=np.int64)
    taken = np.zeros(len(capacity), dtype=np.int64)
    for p in order:
        c = cm[p]
        if taken[c] < capacity[c]:
            out[start[c] + taken[c]] = p
            taken[c] += 1
    return out


def be_seen(m: ReintegrationModel, rows: np.ndarray) -> None:
    """A contact: search is lifted from now on, barriers may be resolved, and the
    obligations are checked."""
    pop = m.pop
    pop.last_contact[rows] = m.month
    factor = m.policies.resolve_factor(rows)
    u = rng.uniform_many(m.seed, pop.person_id[rows], m.month, RESOLVE_PURPOSE.values())
    for barrier in BARRIERS:
        has = pop.cols[barrier][rows]
        chance = m.rules.resolve[barrier] * factor[has]
        resolved = u[RESOLVE_PURPOSE[barrier]][has] < chance  # the same draws as draw()
        m.resolve_barrier(rows[has][resolved], barrier)
    check_obligations(m, rows[m.policies.obliged(rows)])


def check_obligations(m: ReintegrationModel, rows: np.ndarray) -> None:
    """Called in: some leave bijstand (other means come out); of the others, those found
    not to meet an obligation are sanctioned (once at a time)."""
    leave = m.rules.leaves_when_called_in(draw(m, rows, Purpose.CALL_IN))
    m.leave_bijstand(rows[leave], EndReason.CALLED_IN, State.OTHER_INCOME)
    rows = rows[~leave]
    breach = m.rules.breaches(draw(m, rows, Purpose.COMPLIANCE))
    rows = rows[breach & (m.pop.sanction_until[rows] <= m.month)]
    m.sanction(rows)
