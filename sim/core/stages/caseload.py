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
    key = m.rules.contact_priority(t - pop.last_contact[rows], t - pop.spell_start[rows],
                                   pop.wage_value[rows])
    order = np.lexsort((-key, cm))  # stable on id-ordered rows: ties, lowest id first
    cm_sorted = cm[order]
    rank = np.arange(len(order)) - np.searchsorted(cm_sorted, cm_sorted, side="left")
    be_seen(m, rows[order[rank < m.cm_capacity[cm_sorted]]])


def be_seen(m: ReintegrationModel, rows: np.ndarray) -> None:
    """A contact: search is lifted from now on, barriers may be resolved, and the
    obligations are checked."""
    pop = m.pop
    pop.last_contact[rows] = m.month
    factor = m.policies.resolve_factor(rows)
    for barrier in BARRIERS:
        has = pop.cols[barrier][rows]
        chance = m.rules.resolve[barrier] * factor[has]
        solved = rows[has][draw(m, rows[has], RESOLVE_PURPOSE[barrier]) < chance]
        m.resolve_barrier(solved, barrier)
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
