"""The monthly stages: every decision of the model, written once, over arrays of rows.

Each stage is a pair: *who takes part* (a selector returning rows, in person-id order)
and *what they do* (a function over those rows). The fast engine calls a stage once with
all rows; the agent engine calls the same function for one agent at a time, with that
agent's rows (a claimant's own row, an employer's staff or applicants, a client
manager's caseload). A decision depends only on the person's own state and their own
keyed draws, or, where people compete (a vacancy, a client manager's time), on the group
the function is given, so both ways of calling give the same result to the last bit.

Instruments change behaviour through the policy mix's hooks (``m.policies``), and call
the shared pieces (:func:`lose_job`, :func:`best_per_vacancy`) rather than copying them.
"""

from sim.core.stages.caseload import RESOLVE_PURPOSE, be_seen, check_obligations, meet_caseloads
from sim.core.stages.claimants import (
    accept_offers,
    clear_applications,
    gate_check,
    leave_for_other_reasons,
    offered,
    search,
)
from sim.core.stages.common import (
    Vacancies,
    acting_on_bijstand,
    draw,
    employed_by,
    in_state_since_before,
    in_work,
    part_timers,
)
from sim.core.stages.employers import (
    VACANCY_KEY_STRIDE,
    applicants,
    best_per_vacancy,
    hire,
    lose_job,
    open_vacancies,
    part_time_jobs,
    review_staff,
)
from sim.core.stages.outside import end_other_income, ww_apply, ww_end

__all__ = [
    "RESOLVE_PURPOSE", "VACANCY_KEY_STRIDE", "Vacancies", "accept_offers", "acting_on_bijstand",
    "applicants", "be_seen", "best_per_vacancy", "check_obligations", "clear_applications",
    "draw", "employed_by", "end_other_income", "gate_check", "hire", "in_state_since_before",
    "in_work", "leave_for_other_reasons", "lose_job", "meet_caseloads", "offered",
    "open_vacancies", "part_time_jobs", "part_timers", "review_staff", "search", "ww_apply",
    "ww_end",
]
