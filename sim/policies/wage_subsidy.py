"""Wage cost subsidy (loonkostensubsidie): the municipality pays the wage-value gap.

For a claimant whose wage value is below the minimum wage, the employer receives the
gap (at most ``max_share`` of the minimum wage) plus ``employer_costs`` on top, for
``duration_months``. Employers count the subsidy when they rank applicants (a score
bonus), so subsidised claimants win vacancies they would otherwise lose.

Deadweight and displacement are measured at each subsidised hire against the same
month without the subsidy (same applicants, same luck): the hire is deadweight when the
same person would have won the vacancy anyway; otherwise it displaced another claimant,
or the outside candidate who would have got the job.
"""

from __future__ import annotations

import numpy as np

from sim.policies.base import PolicyInstrument
from sim.population import EndReason, Route, State

NONE, DEADWEIGHT, DISPLACED_CLAIMANT, DISPLACED_OUTSIDER = 0, 1, 2, 3


class WageSubsidyRun(PolicyInstrument):
    name = "wage_subsidy"
    extra_tallies = ("deadweight", "displaced_claimants", "displaced_outsiders")
    purpose_base = 10

    def attach(self) -> None:
        self.pop.add_column("ws_bonus", np.float64, 0.0)  # bonus at this month's application
        self.pop.add_column("ws_end", np.int32, -1)  # month the subsidy stops
        self.pop.add_column("ws_class", np.int8, NONE)  # counterfactual of this month's offer

    def share(self, rows: np.ndarray) -> np.ndarray:
        """Subsidy as a share of the minimum wage: the wage-value gap, capped."""
        return np.minimum(1.0 - np.minimum(self.pop.wage_value[rows], 1.0), self.cfg.max_share)

    def score_bonus(self, rows: np.ndarray, employer: np.ndarray) -> np.ndarray:
        eligible = self.in_target(rows) & (self.pop.wage_value[rows] < 1.0)
        bonus = np.where(eligible & self.can_start(), self.cfg.employer_weight
                         * self.share(rows), 0.0)
        self.pop.ws_bonus[rows] = bonus
        return bonus

    def stage_hired(self) -> None:
        """Classify each subsidised offer against the same month without the subsidy."""
        pop, vac = self.pop, self.model.vacancies
        app = np.flatnonzero(pop.vacancy >= 0)
        offered = app[pop.offer[app] & (pop.ws_bonus[app] > 0)]
        pop.ws_class[offered] = NONE
        if len(offered) == 0:
            return
        base = pop.score[app] - pop.ws_bonus[app]
        v = pop.vacancy[app]
        order = np.lexsort((pop.person_id[app], -base, v))
        first = np.ones(len(order), dtype=bool)
        first[1:] = v[order][1:] != v[order][:-1]
        winner = np.full(len(vac), -1, dtype=np.int64)
        winner_base = np.full(len(vac), -np.inf)
        winner[v[order][first]] = app[order][first]
        winner_base[v[order][first]] = base[order][first]
        j = pop.vacancy[offered]
        cf_hired = winner_base[j] > vac.outside[j]
        pop.ws_class[offered] = np.where(
            cf_hired & (winner[j] == offered), DEADWEIGHT,
            np.where(cf_hired, DISPLACED_CLAIMANT, DISPLACED_OUTSIDER))

    def start_work(self, rows: np.ndarray) -> np.ndarray:
        pop = self.pop
        subsidised = pop.ws_bonus[rows] > 0
        hired = rows[subsidised]
        pop.ws_end[hired] = self.model.month + self.cfg.duration_months
        self.charge(len(hired) * self.cfg.assessment_cost)
        self.tally["starts"] += len(hired)
        self.tally["exits_to_work"] += len(hired)
        cls = pop.ws_class[hired]
        self.tally["deadweight"] += int((cls == DEADWEIGHT).sum())
        self.tally["displaced_claimants"] += int((cls == DISPLACED_CLAIMANT).sum())
        self.tally["displaced_outsiders"] += int((cls == DISPLACED_OUTSIDER).sum())
        return subsidised

    def stage_outside_flows(self) -> None:
        """Subsidies that end: the job goes on unsubsidised, or ends."""
        m, pop, t = self.model, self.pop, self.model.month
        rows = np.flatnonzero((pop.state == State.SUBSIDISED_WORK) & (pop.ws_end <= t))
        self.tally["completions"] += len(rows)
        ends = self.draw(rows, 0) < self.cfg.end_job_loss
        pop.state[rows[~ends]] = State.WORK
        lost = rows[ends]
        claims = self.draw(lost, 1) < m.cfg.behaviour.return_eligible
        m.enter_bijstand(lost[claims], Route.RETURN)
        m.leave_model(lost[~claims], EndReason.NO_CLAIM)

    def end_month(self) -> None:
        pop, c = self.pop, self.cfg
        rows = np.flatnonzero(pop.state == State.SUBSIDISED_WORK)
        self.tally["participants"] = len(rows)
        per_month = self.share(rows) * self.model.cfg.money.minimum_wage_month
        self.charge(float(per_month.sum()) * (1.0 + c.employer_costs))
