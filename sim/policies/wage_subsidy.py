"""Wage cost subsidy (loonkostensubsidie): the municipality pays the wage-value gap.

For a claimant whose wage value is below the minimum wage, the employer receives the
gap (at most ``max_share`` of the minimum wage) plus ``employer_costs`` on top, for
``duration_months``. Employers count the subsidy when they rank applicants (a score
bonus), so subsidised claimants win vacancies they would otherwise lose.

At each subsidised hire the same vacancy is judged without the subsidy (same applicants,
same luck). Where someone else would have won it, the subsidy creates an extra job with
chance ``additionality``: the other candidate is hired too. Where the outside candidate
would have won and no job was added, an outsider was displaced (``displaced_outsiders``).
Deadweight and substitution are measured over the subsidy period against the paired
baseline run by the comparison (:mod:`sim.analysis.subsidy`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sim.config.schema import p
from sim.core.population import State
from sim.core.stages import best_per_vacancy, lose_job
from sim.policies.base import PolicyInstrument
from sim.policies.hooks import hook, stage
from sim.policies.target import InstrumentConfig, TargetGroup

NONE, DEADWEIGHT, DISPLACED_CLAIMANT, DISPLACED_OUTSIDER, ADDITIONAL = 0, 1, 2, 3, 4


@dataclass
class WageSubsidy(InstrumentConfig):
    """Loonkostensubsidie: the municipality pays the employer the wage-value gap."""

    target: TargetGroup = field(default_factory=lambda: TargetGroup(max_wage_value=0.7))
    max_share: float = p(0.70, "share of the minimum wage", 0, 1, source=(
        "Participatiewet art. 10d: at most 70% of the minimum wage (facts table)"))
    employer_costs: float = p(0.235, "share on top of the subsidy", 0, 1, source=(
        "Staatscourant 2014-29290: 23.5% employer costs (facts table)"))
    duration_months: int = p(24, "months", 1, 600, source=(
        "stated assumption: two years is a common first grant"))
    employer_weight: float = p(1.0, "score units per unit of subsidy share", 0, 5, source=(
        "stated assumption: employers count the subsidy as productivity they need not pay"))
    assessment_cost: float = p(500.0, "EUR per subsidised hire (wage-value assessment)", 0,
                               20000, source="stated assumption")
    end_job_loss: float = p(0.25, "probability the job ends when the subsidy ends", 0, 1,
                            source="stated assumption")
    additionality: float = p(0.2, "share of contested subsidised hires that add a job", 0, 1,
                             source=(
        "Welters & Muysken 2004 (ESB): 75-80% of subsidised places in the Netherlands would "
        "have been filled without the subsidy, so about a fifth are additional; chosen over "
        "Marx's review (net additional employment of at most 10%), which nets out deadweight "
        "and substitution that the model produces itself"))


class WageSubsidyRun(PolicyInstrument, name="wage_subsidy", config=WageSubsidy):
    extra_tallies = ("additional", "displaced_outsiders")

    def attach(self) -> None:
        self.bonus = self.add_column("bonus", np.float64, 0.0)  # at this month's application
        self.end = self.add_column("end", np.int32, -1)  # month the subsidy stops
        self.klass = self.add_column("class", np.int8, NONE)  # counterfactual of the offer

    def share(self, rows: np.ndarray) -> np.ndarray:
        """Subsidy as a share of the minimum wage: the wage-value gap, capped."""
        return np.minimum(1.0 - np.minimum(self.pop.wage_value[rows], 1.0), self.cfg.max_share)

    @hook
    def score_bonus(self, rows: np.ndarray, employer: np.ndarray) -> np.ndarray:
        eligible = (self.in_target(rows) & (self.pop.wage_value[rows] < 1.0)
                    & (self.pop.earnings[rows] == 0))
        bonus = np.where(eligible & self.can_start(), self.cfg.employer_weight
                         * self.share(rows), 0.0)
        self.column("bonus")[rows] = bonus
        return bonus

    @stage("hired")
    def classify(self) -> None:
        """Classify each subsidised offer against the same month without the subsidy."""
        pop, vac = self.pop, self.model.vacancies
        bonus, klass = self.column("bonus"), self.column("class")
        app = np.flatnonzero(pop.vacancy >= 0)
        offered = app[pop.offer[app] & (bonus[app] > 0)]
        klass[offered] = NONE
        if len(offered) == 0:
            return
        base = pop.score[app] - bonus[app]
        rows, at = best_per_vacancy(app, pop.vacancy[app], base)
        winner = np.full(len(vac), -1, dtype=np.int64)
        winner_base = np.full(len(vac), -np.inf)
        winner[pop.vacancy[rows]] = rows
        winner_base[pop.vacancy[rows]] = base[at]
        j = pop.vacancy[offered]
        cf_hired = winner_base[j] > vac.outside[j]
        other = np.where(cf_hired, winner[j], -1)
        contested = other != offered
        added = contested & (self.draw(offered, 2) < self.cfg.additionality)
        klass[offered] = np.where(~contested, DEADWEIGHT,
                                  np.where(added, ADDITIONAL,
                                           np.where(cf_hired, DISPLACED_CLAIMANT,
                                                    DISPLACED_OUTSIDER)))
        extra = other[added & (other >= 0)]  # the job added goes to the other claimant
        extra = extra[~pop.offer[extra]]
        pop.offer[extra] = True
        pop.employer[extra] = vac.employer[pop.vacancy[extra]]

    @hook
    def start_work(self, rows: np.ndarray) -> np.ndarray:
        subsidised = self.column("bonus")[rows] > 0
        hired = rows[subsidised]
        self.column("end")[hired] = self.model.month + self.cfg.duration_months
        self.charge(len(hired) * self.cfg.assessment_cost)
        self.tally["starts"] += len(hired)
        self.tally["exits_to_work"] += len(hired)
        cls = self.column("class")[hired]
        self.tally["additional"] += int((cls == ADDITIONAL).sum())
        self.tally["displaced_outsiders"] += int((cls == DISPLACED_OUTSIDER).sum())
        return subsidised

    @stage("outside_flows")
    def end_subsidies(self) -> None:
        """Subsidies that end: the job goes on unsubsidised, or ends."""
        m, pop, t = self.model, self.pop, self.model.month
        rows = np.flatnonzero((pop.state == State.SUBSIDISED_WORK.value)
                              & (self.column("end") <= t))
        self.tally["completions"] += len(rows)
        ends = self.draw(rows, 0) < self.cfg.end_job_loss
        m.subsidy_ends(rows[~ends])
        lose_job(m, rows[ends])

    def end_month(self) -> None:
        pop, c = self.pop, self.cfg
        rows = np.flatnonzero(pop.state == State.SUBSIDISED_WORK.value)
        self.tally["participants"] = len(rows)
        per_month = self.share(rows) * self.model.cfg.money.minimum_wage_month
        self.charge(float(per_month.sum()) * (1.0 + c.employer_costs))
