"""Client managers and their caseloads: who is seen, and what a contact does.

A contact lifts search and may resolve barriers. It also carries obligations for those
not exempted: it may find an obligation not met (applications, showing up, a suitable
job refused), which leads to a sanction, and being called in brings out other income,
undeclared work or a move for some, who then leave bijstand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

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
    cm = pop.cm[rows]
    key = m.rules.contact_priority(lambda: t - pop.last_contact[rows],
                                   lambda: t - pop.spell_start[rows],
                                   lambda: pop.wage_value[rows])
    order = by_manager_then_priority(cm, key)
    cm_sorted = cm[order]
    counts = np.bincount(cm, minlength=len(m.cm_capacity))
    rank = np.arange(len(order)) - (np.cumsum(counts) - counts)[cm_sorted]
    be_seen(m, rows[order[rank < m.cm_capacity[cm_sorted]]])


def by_manager_then_priority(cm: np.ndarray, key: np.ndarray) -> np.ndarray:
    """The order of ``np.lexsort((-key, cm))``: by client manager, then the higher key
    first, ties by position. Two stable sorts, the second over small integers (a radix
    sort), take about half of lexsort's time."""
    order = np.argsort(-key, kind="stable")
    by_cm = cm[order]
    if len(by_cm) and 0 <= by_cm.min() and by_cm.max() < np.iinfo(np.int16).max:
        by_cm = by_cm.astype(np.int16)
    return order[np.argsort(by_cm, kind="stable")]


def be_seen(m: ReintegrationModel, rows: np.ndarray) -> None:
    """A contact: search is lifted from now on, barriers may be resolved, and the
    obligations are checked."""
    pop = m.pop
    pop.last_contact[rows] = m.month
    factor = m.policies.resolve_factor(rows)
    for barrier in BARRIERS:
        has = pop.cols[barrier][rows]
        mine = rows[has]
        chance = m.rules.resolve[barrier] * factor[has]
        m.resolve_barrier(mine[draw(m, mine, RESOLVE_PURPOSE[barrier]) < chance], barrier)
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
