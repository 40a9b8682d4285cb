"""Purchased reintegration trajectories (Zwolle, Lelystad): lock-in, then better chances.

Each month the municipality refers up to ``referrals_per_month`` claimants of the target
group to a provider, in the client managers' order (``behaviour.enrolment_rule``), one
trajectory per spell; the price is paid at referral. While on the trajectory a claimant
searches less (``lock_in``). On completion the skills gained raise the wage value for
good (``wage_value_gain``), a share leaves bijstand for education, and the
others have better chances for ``after_months`` (a search lift and a score bonus: the
provider puts them forward to employers). A positive result is an exit to work during
the trajectory or the months after it, or an exit to education; a completer still on
bijstand when the months after run out is counted ``without_result`` (the participation
jobs' closing step can pick them up). Trajectories already bought run to their end when
the instrument's window closes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from sim.config.schema import p
from sim.core.population import EndReason, State
from sim.core.rules import WAGE_VALUE_RANGE
from sim.core.stages import acting_on_bijstand
from sim.policies.base import TO_WORK, PolicyInstrument
from sim.policies.hooks import hook, stage
from sim.policies.places import choose
from sim.policies.target import InstrumentConfig, TargetGroup


@dataclass
class Trajectories(InstrumentConfig):
    """Purchased reintegration trajectories: lock-in while on one, better chances after."""

    CAPACITY: ClassVar[str | None] = "referrals_per_month"
    target: TargetGroup = field(default_factory=lambda: TargetGroup(
        min_months_on_benefit=6, max_months_on_benefit=36))
    referrals_per_month: int = p(15, "persons per month", 0, 1_000_000, source=(
        "stated assumption: about 7% of a Zwolle-sized caseload a year, bought for "
        "claimants past their first months and before they are very long-term (seed 003)"),
        explore=(0, 30))
    price: float = p(5000.0, "EUR per trajectory", 0, 100000, source=(
        "stated assumption: a purchased trajectory costs a few thousand euros; "
        "trajectories take about EUR 0.7 billion a year nationally (facts table)"))
    duration_months: int = p(6, "months", 1, 60, source="stated assumption")
    lock_in: float = p(0.7, "multiplier on search while on the trajectory", 0, 1, source=(
        "stated assumption: lock-in is smaller for welfare claimants than for WW "
        "claimants (SEO, facts table), so a mild cut"))
    after_months: int = p(6, "months of better chances after completion", 0, 60,
                          source="stated assumption")
    after_search_lift: float = p(1.5, "multiplier on search after completion", 1, 10, source=(
        "calibrated with after_score_bonus: 20-30% of trajectories end in work or "
        "education (seed 003, facts table); see docs/policies.md"))
    after_score_bonus: float = p(0.15, "score units after completion", 0, 5, source=(
        "calibrated with after_search_lift (the provider puts the client forward to "
        "employers)"))
    wage_value_gain: float = p(0.03, "x minimum wage, on completion", 0, 1, source=(
        "stated assumption after Lammers, Kok & Wunsch 2013 (SEO): trajectories lower job "
        "chances at first and raise them for good, up to eight years later; the gain is "
        "kept small"), doc="skills gained on the trajectory raise the wage value for good")
    education_share: float = p(0.05, "share of completers who leave for education", 0, 1,
                               source=(
        "stated assumption: a positive result is a job or education (seed 003)"))


class TrajectoriesRun(PolicyInstrument, name="trajectories", config=Trajectories):
    extra_tallies = ("positive_results", "to_education", "without_result")

    def attach(self) -> None:
        self.add_column("since", np.int32, -1)  # month the running trajectory began
        self.add_column("done", np.int32, -1)  # month the last trajectory was completed
        self.add_column("spell", np.int64, -1)  # spell in which the last one began

    def _in_spell(self, rows: np.ndarray) -> np.ndarray:
        return self.column("spell")[rows] == self.pop.spell_row[rows]

    def _after(self, rows: np.ndarray) -> np.ndarray:
        """Completed a trajectory in this spell, and still in the months after it."""
        done = self.column("done")[rows]
        return ((self.column("since")[rows] < 0) & (done >= 0) & self._in_spell(rows)
                & (self.model.month - done < self.cfg.after_months))

    def ended_without_result(self, rows: np.ndarray) -> np.ndarray:
        """Completed a trajectory in this spell and the months after it, still on bijstand."""
        done = self.column("done")[rows]
        return ((self.column("since")[rows] < 0) & (done >= 0) & self._in_spell(rows)
                & (self.model.month - done >= self.cfg.after_months)
                & (self.pop.state[rows] == State.BIJSTAND.value))

    @stage("caseload")
    def refer(self) -> None:
        m, t, c = self.model, self.model.month, self.cfg
        since, done_at, spell = self.column("since"), self.column("done"), self.column("spell")
        running = np.flatnonzero(since >= 0)
        done = running[t - since[running] >= c.duration_months]
        since[done] = -1
        done_at[done] = t
        m.qualify(done, 0, c.wage_value_gain, WAGE_VALUE_RANGE[1])
        self.tally["completions"] += len(done)
        study = done[self.draw(done, 0) < c.education_share]
        self.tally["to_education"] += len(study)
        self.tally["positive_results"] += len(study)
        m.leave_bijstand(study, EndReason.EDUCATION, State.OTHER_INCOME)
        past = np.flatnonzero((done_at >= 0) & (done_at == t - c.after_months))
        self.tally["without_result"] += int(self.ended_without_result(past).sum())
        if not self.can_start() or c.referrals_per_month <= 0:
            return
        rows = acting_on_bijstand(m)
        rows = rows[(since[rows] < 0) & ~self._in_spell(rows)]
        rows = choose(self, rows, c.referrals_per_month, c.price)
        since[rows] = t
        done_at[rows] = -1
        spell[rows] = self.pop.spell_row[rows]
        self.tally["starts"] += len(rows)
        self.charge(len(rows) * c.price)

    @hook
    def search_lift(self, rows: np.ndarray) -> np.ndarray:
        c = self.cfg
        return np.where(self.column("since")[rows] >= 0, c.lock_in,
                        np.where(self._after(rows), c.after_search_lift, 1.0))

    @hook
    def score_bonus(self, rows: np.ndarray, employer: np.ndarray) -> np.ndarray:
        return np.where(self._after(rows), self.cfg.after_score_bonus, 0.0)

    @hook
    def on_leave_bijstand(self, rows: np.ndarray, reason: EndReason) -> None:
        since = self.column("since")
        on = since[rows] >= 0
        if reason in TO_WORK:
            n = int((on | self._after(rows)).sum())
            self.tally["exits_to_work"] += n
            self.tally["positive_results"] += n
        since[rows[on]] = -1  # the trajectory ends with the spell

    def end_month(self) -> None:
        self.tally["participants"] = int((self.column("since") >= 0).sum())
