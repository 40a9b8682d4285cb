"""The model's public events: the only way a person's state changes.

Stages, engines and policy instruments all change the population through these methods,
so the bookkeeping that goes with a change (the spell table, the month's flow counts,
client-manager assignment, the instruments' own reactions) is written once.
"""

from __future__ import annotations

import numpy as np

from sim.core.benefit import disregard, norms
from sim.core.population import BARRIERS, NEVER, EndReason, Route, State

INFLOW_BY_ROUTE = {Route.NEW: "inflow_new", Route.WW: "inflow_ww"}
OUTFLOW_BY_REASON = {EndReason.WORK: "outflow_work",
                     EndReason.SUBSIDISED_WORK: "outflow_subsidised_work"}


class Events:
    """Event methods of :class:`~sim.core.model.ReintegrationModel`, on row arrays."""

    def enter_bijstand(self, rows: np.ndarray, route: Route) -> None:
        """People start a bijstand spell this month (they act from next month)."""
        if len(rows) == 0:
            return
        pop, t = self.pop, self.month
        self.policies.on_enter_bijstand(rows, route)
        pop.state[rows] = State.BIJSTAND
        pop.spell_start[rows] = t
        pop.state_since[rows] = t
        pop.last_contact[rows] = t
        pop.earnings[rows] = 0.0
        pop.part_time_start[rows] = NEVER
        pop.sanction_until[rows] = NEVER
        pop.sanctioned_at[rows] = NEVER
        pop.cm[rows] = self.assign_client_manager(rows)
        pop.spell_row[rows] = self.spells.append({
            "person_id": pop.person_id[rows],
            "start_month": t,  # the same for all: written as one value
            "route": int(route),
            "household": pop.household[rows],
            "age_years": (t - pop.birth_month[rows]) / 12.0,
            "education": pop.education[rows],
            **{b: pop.cols[b][rows] for b in BARRIERS},
            "wage_value": pop.wage_value[rows],
            "earlier_spells": pop.earlier_spells[rows],
        })
        if route != Route.INITIAL:
            self.flows[INFLOW_BY_ROUTE.get(route, "inflow_return")] += len(rows)

    def leave_bijstand(self, rows: np.ndarray, reason: EndReason, to: State) -> None:
        """People end their bijstand spell this month, to work or elsewhere."""
        if len(rows) == 0:
            return
        pop = self.pop
        self.policies.on_leave_bijstand(rows, reason)
        self.spells.close(pop.spell_row[rows], self.month, reason)
        pop.earnings[rows] = 0.0
        pop.state[rows] = to
        if to == State.GONE:
            pop.left_as[rows] = reason
        pop.state_since[rows] = self.month
        pop.earlier_spells[rows] += 1
        self.flows[OUTFLOW_BY_REASON.get(reason, "outflow_other")] += len(rows)
        if reason == EndReason.CALLED_IN:
            self.flows["called_in"] += len(rows)

    def start_work(self, rows: np.ndarray, employer: np.ndarray | int,
                   direct: bool = False) -> None:
        """Claimants leave bijstand for a job. Hires through a vacancy may be subsidised
        (the instruments decide); a ``direct`` hire (a placement) never is."""
        if len(rows) == 0:
            return
        self.pop.employer[rows] = employer
        self.pop.work_start[rows] = self.month
        subsidised = (np.zeros(len(rows), dtype=bool) if direct
                      else self.policies.start_work(rows))
        self.leave_bijstand(rows[subsidised], EndReason.SUBSIDISED_WORK, State.SUBSIDISED_WORK)
        self.leave_bijstand(rows[~subsidised], EndReason.WORK, State.WORK)

    def start_part_time(self, rows: np.ndarray, employer: np.ndarray,
                        earnings: np.ndarray) -> None:
        """Claimants take a part-time job and stay on bijstand with a top-up."""
        pop = self.pop
        pop.earnings[rows] = earnings
        pop.part_time_start[rows] = self.month
        pop.employer[rows] = employer
        self.flows["part_time_starts"] += len(rows)

    def end_part_time(self, rows: np.ndarray) -> None:
        """A part-time job on bijstand ends; the benefit is the full norm again."""
        self.pop.earnings[rows] = 0.0
        self.pop.part_time_start[rows] = NEVER

    def grow_to_full_time(self, rows: np.ndarray) -> None:
        """Part-time jobs become full time: the spell ends where that pays the norm."""
        if len(rows) == 0:
            return
        pop = self.pop
        pop.earnings[rows] = self.cfg.money.net_minimum_wage_month
        covers = rows[pop.earnings[rows] >= norms(self, rows)]
        self.start_work(covers, pop.employer[covers], direct=True)

    def sanction(self, rows: np.ndarray) -> None:
        """A sanction: the benefit is cut for the coming months; the saving is booked."""
        self.pop.sanction_until[rows] = self.rules.sanction_end(self.month)
        self.pop.sanctioned_at[rows] = self.month
        self.flows["sanctions"] += len(rows)

    def norms(self, rows: np.ndarray) -> np.ndarray:
        """The net norm of each claimant's household."""
        return norms(self, rows)

    def disregard(self, rows: np.ndarray, earnings: np.ndarray,
                  months_in_job: np.ndarray) -> np.ndarray:
        """The earnings that would not count against the benefit."""
        return disregard(self, rows, earnings, months_in_job)

    def subsidy_ends(self, rows: np.ndarray) -> None:
        """Subsidised jobs go on as regular jobs."""
        self.pop.state[rows] = State.WORK

    def leave_model(self, rows: np.ndarray, reason: EndReason) -> None:
        """People outside bijstand stop being followed (settled, WW work, no claim)."""
        if len(rows) == 0:
            return
        self.policies.on_leave_model(rows, reason)
        self.pop.left_as[rows] = reason
        self.pop.state[rows] = State.GONE
        self.pop.state_since[rows] = self.month

    def resolve_barrier(self, rows: np.ndarray, barrier: str) -> None:
        """These people no longer have ``barrier`` (debt settled, Dutch learnt...)."""
        self.pop.cols[barrier][rows] = False

    def qualify(self, rows: np.ndarray, education: int, wage_value_gain: float,
                wage_value_max: float) -> None:
        """A recognised qualification: at least ``education``, and a higher wage value."""
        pop = self.pop
        pop.education[rows] = np.maximum(pop.education[rows], education)
        pop.wage_value[rows] = np.minimum(pop.wage_value[rows] + wage_value_gain,
                                          wage_value_max)

    def move_to_client_manager(self, rows: np.ndarray, cm: np.ndarray) -> None:
        """Claimants change client manager (into or out of a team)."""
        self.pop.cm[rows] = cm

    def assign_client_manager(self, rows: np.ndarray) -> np.ndarray:
        """A fixed rule (person id modulo the team), so both engines agree."""
        return self.policies.assign_client_manager(
            rows, (self.pop.person_id[rows] % self.n_regular_cm).astype(np.int32))
