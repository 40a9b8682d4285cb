"""Behavioural rules: the one module that reads the behaviour parameters.

Every rule is elementwise: it takes arrays of rows (all claimants under the fast engine,
one row under the agent engine) and does the same floating-point operations in the same
order, so both engines reach bit-identical decisions. Curves that need ``exp`` or
``power`` are tabulated once per model, so the hot path is multiplications and look-ups.
A rule that turns a draw into a decision takes the draw ``u`` and returns the decision.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.core.formulas import (
    MAX_MONTHS,
    duration_penalties,
    job_loss_chances,
    language_penalties,
    other_income_chances,
    sanction_factors,
    scores,
    search_chance,
)
from sim.core.population import BARRIERS, Household, State

if TYPE_CHECKING:
    from sim.config.behaviour import Behaviour

AGE_BAND_EDGES = (18, 27, 35, 45, 55, 67)
WAGE_VALUE_RANGE = (0.2, 1.6)  # x minimum wage: the floor and ceiling of a wage value
# Years worked before entry, as a share of adult years: a draw times this factor.
WORK_HISTORY_SHARE = {True: 0.9, False: 0.6}  # from WW; other entrants
EMPLOYER_LEVEL_CUTS = (0.6, 0.9)  # employer draw below 0.6: level 0, below 0.9: level 1
_BAND_LOW, _BAND_HIGH = np.asarray(AGE_BAND_EDGES[:-1]), np.asarray(AGE_BAND_EDGES[1:])
_INNER_EDGES_MONTHS = np.asarray(AGE_BAND_EDGES[1:-1]) * 12


class Rules:
    """The behavioural rules of one model, with their parameters and tables."""

    def __init__(self, behaviour: Behaviour) -> None:
        b = self._b = behaviour
        months = np.arange(MAX_MONTHS + 1, dtype=np.float64)
        # duration dependence of search: (1 + months/12)^-decay
        self.search_by_duration = np.power(1.0 + months / 12.0, -b.search_duration_decay)
        # the lift from a client-manager contact fades with this half-life
        self.contact_fade = np.power(0.5, months / b.contact_halflife_months)
        self.search_penalty = {
            "health": 1.0 - b.search_penalty_health,
            "debt": 1.0 - b.search_penalty_debt,
            "language": 1.0 - b.search_penalty_language,
            "confidence": 1.0 - b.search_penalty_confidence,
        }
        self.search_table = self._search_table()
        self.contact_gain = 1.0 + b.contact_boost * self.contact_fade
        self.resolve = {
            "health": b.resolve_health,
            "debt": b.resolve_debt,
            "language": b.resolve_language,
            "confidence": b.resolve_confidence,
        }
        self.barrier_share = {
            "health": b.barrier_health,
            "debt": b.barrier_debt,
            "language": b.barrier_language,
            "confidence": b.barrier_confidence,
        }
        # the arrival tables, built once rather than at every arrival
        self._age_cuts = np.cumsum(b.age_band_shares[:-1])
        self._education_cuts = np.cumsum(b.education_shares[:-1])
        self._wage_means = np.asarray(b.wage_value_mean)
        self._assets_shares = np.asarray(b.ww_assets_shares)

    # --- who arrives ---------------------------------------------------------------------
    def age_months(self, u_band: np.ndarray, u_within: np.ndarray) -> np.ndarray:
        """Age at arrival in months: an age band, then a uniform age within it."""
        band = np.searchsorted(self._age_cuts, u_band, side="right")
        lo = _BAND_LOW[band]
        hi = _BAND_HIGH[band]
        return np.floor((lo + (hi - lo) * u_within) * 12).astype(np.int32)

    def education(self, u: np.ndarray) -> np.ndarray:
        return np.searchsorted(self._education_cuts, u, side="right").astype(np.int8)

    def barriers(self, draws: dict[str, np.ndarray], u_permit: np.ndarray,
                 ww: bool | np.ndarray, permit_holder_share: float | None
                 ) -> dict[str, np.ndarray]:
        """Barriers and permit-holder status at arrival; fewer for people from WW
        (``ww``: for each person, or for all).

        ``permit_holder_share`` overrides the behaviour default (an inflow shock).
        """
        b = self._b
        scale = np.where(ww, b.ww_barrier_factor, 1.0)
        share = b.permit_holder_share if permit_holder_share is None else permit_holder_share
        permit_holder = u_permit < share * scale
        out = {name: draws[name] < self.barrier_share[name] * scale for name in BARRIERS}
        out["language"] = out["language"] | permit_holder  # permit holders learn Dutch
        out["permit_holder"] = permit_holder
        return out

    def wage_value(self, education: np.ndarray, z: np.ndarray, health: np.ndarray
                   ) -> np.ndarray:
        b = self._b
        wage = (self._wage_means[education] + b.wage_value_sd * z
                - np.where(health, b.health_wage_penalty, 0.0))
        return np.minimum(np.maximum(wage, WAGE_VALUE_RANGE[0]), WAGE_VALUE_RANGE[1])

    @staticmethod
    def work_history_years(age_months: np.ndarray, u: np.ndarray, ww: bool | np.ndarray
                           ) -> np.ndarray:
        years_adult = np.maximum(age_months / 12.0 - 18.0, 0.0)
        return years_adult * u * np.where(ww, WORK_HISTORY_SHARE[True],
                                          WORK_HISTORY_SHARE[False])

    def initial_elapsed(self, u: np.ndarray) -> np.ndarray:
        """Months the starting caseload has been on bijstand at the start of warm-up."""
        return np.floor(-np.log1p(-u) * self._b.initial_mean_duration).astype(np.int32)

    def ww_entrants_mean(self, labour_market: float, inflow_index: float) -> float:
        """Expected people entering their last year of WW this month."""
        return self._b.ww_entrants_per_1000 * labour_market / 1000.0 * inflow_index

    def initial_ww_count(self, labour_market: float) -> int:
        """WW claimants in their last year of WW at the start of warm-up."""
        return round(self._b.ww_entrants_per_1000 * labour_market / 1000.0
                     * self._b.ww_track_months)

    def ww_blocks(self, household, age_months, u_partner, u_assets):
        """What blocks a WW entrant's later claim: a partner's income, assets above the
        limit (by age band)."""
        b = self._b
        partner = (household == Household.COUPLE.value) & (u_partner < b.ww_partner_income_share)
        band = np.searchsorted(_INNER_EDGES_MONTHS, age_months, side="right")
        assets = u_assets < self._assets_shares[band]
        return partner, assets

    def gate_refused(self, u):
        """An applicant refused at the gate check (other means found)."""
        return u < self._b.gate_refusal_rate

    def applicants_for(self, places: int) -> int:
        """Applicants needed for ``places`` to take up after the gate check (warm-up)."""
        return int(np.ceil(places / (1.0 - self._b.gate_refusal_rate))) if places > 0 else 0

    def ww_end(self, month: int) -> int:
        """The month WW runs out for someone entering their last year of WW now."""
        return month + self._b.ww_track_months

    def ww_remaining(self, u: np.ndarray) -> np.ndarray:
        """Months of WW left for the starting WW claimants."""
        return 1 + np.floor(u * self._b.ww_track_months).astype(np.int32)

    # --- claimants on bijstand -------------------------------------------------------
    def _search_table(self) -> np.ndarray:
        """Search before the contact's lift, by month on benefit and the 16 combinations
        of barriers (bit 0 health, 1 debt, 2 language, 3 confidence), flattened: each
        entry multiplied out in the order the rule states, so a look-up gives the same
        number as the product."""
        pen = self.search_penalty
        base = self._b.search_base * self.search_by_duration
        table = np.empty((len(base), 16))
        for combo in range(16):
            p = base
            for bit, barrier in enumerate(("health", "debt", "language", "confidence")):
                p = p * (pen[barrier] if combo >> bit & 1 else 1.0)
            table[:, combo] = p
        return table.ravel()

    def search_probability(self, months_on_benefit, months_since_contact, health, debt,
                           language, confidence, lift=1.0):
        """Chance of applying to a vacancy this month.

        Falls with time on benefit and with each barrier; a recent client-manager
        contact raises it. ``lift`` carries policy effects (1 = none).
        """
        lift = per_row(lift, len(months_on_benefit))
        return search_chance(self.search_table, self.contact_gain, months_on_benefit,
                              months_since_contact, health, debt, language, confidence, lift)

    def sanction_search_factor(self, months_since_sanction):
        """Search rises for some months after a sanction."""
        b = self._b
        return sanction_factors(np.asarray(months_since_sanction), b.sanction_lift_months,
                                b.sanction_search_lift)

    def breaches(self, u):
        """A contact finds an obligation not met (applications, showing up, a suitable job
        refused)."""
        return u < self._b.noncompliance_rate

    def sanction_end(self, month: int) -> int:
        return month + self._b.sanction_months

    @property
    def sanction_cut(self) -> float:
        return self._b.sanction_cut

    def leaves_when_called_in(self, u):
        return u < self._b.callin_exit_rate

    def duration_penalty(self, months_on_benefit, screening):
        """Score penalty for time out of work, scaled by the employer's screening."""
        b = self._b
        return duration_penalties(np.asarray(months_on_benefit), np.asarray(screening),
                                   b.duration_penalty_per_year, b.duration_penalty_cap_years)

    def applicant_score(self, wage_value, education, months_on_benefit, age_years, language,
                        requirement, screening, noise, bonus=0.0):
        """How an employer ranks an applicant: expected productivity less penalties.

        Penalties for time out of work (scaled by the employer's screening), for age 55+,
        for the language barrier (screening on language and origin), and per education
        level short of the vacancy's requirement. ``bonus`` carries policy effects such as
        a wage cost subsidy, in the same score units.
        """
        b = self._b
        return scores(wage_value, education, months_on_benefit, age_years, language,
                       requirement, screening, noise, per_row(bonus, len(wage_value)),
                       np.array([b.duration_penalty_per_year, b.duration_penalty_cap_years,
                                 b.age55_penalty, b.language_penalty, b.mismatch_penalty,
                                 b.score_noise_sd]))

    def language_penalty(self, language):
        """Score penalty for an applicant with the language barrier (screening on origin)."""
        return language_penalties(np.asarray(language), self._b.language_penalty)

    def outside_score(self, noise):
        """Score of the best applicant from outside bijstand for a vacancy."""
        return self._b.outside_mean + self._b.outside_sd * noise

    def accept_probability(self, household):
        """Chance that a claimant accepts an offer."""
        return np.where(household == Household.SINGLE_PARENT.value,
                        self._b.accept_prob_single_parent, self._b.accept_prob)

    def reaches_pension(self, age_years):
        return age_years >= self._b.pension_age_years

    def moves(self, u):
        """Moves out of the municipality this month."""
        return u < self._b.move_rate

    def other_income_probability(self, household, cycle=1.0):
        """Chance of leaving bijstand for other income (a partner's, study, a windfall);
        ``cycle`` is the economy's pull on it (1 = steady)."""
        b = self._b
        return other_income_chances(np.asarray(household), Household.COUPLE.value,
                                    b.other_income_rate * cycle, b.other_income_couple_factor)

    # --- client managers -----------------------------------------------------------
    def contact_priority(self, months_since_contact, months_on_benefit, wage_value):
        """Order in which a client manager sees a caseload: larger first. The arguments
        are functions giving the arrays, so only the one the rule reads is gathered."""
        rule = self._b.priority_rule
        if rule == "longest_waiting":
            return months_since_contact() * 1.0
        if rule == "newest_first":
            return -(months_on_benefit() * 1.0)
        return wage_value() * 1.0  # closest_to_work

    def contacts_per_month(self, fte):
        """How many claimants a client manager sees in a month."""
        return np.floor(fte * self._b.contacts_per_fte_month)

    # --- employers and work ----------------------------------------------------------
    def employer_screening(self, z: np.ndarray) -> np.ndarray:
        """Employers' multipliers on the time-out-of-work penalty."""
        return np.maximum(0.0, 1.0 + self._b.screening_sd * z)

    @staticmethod
    def employer_level(u: np.ndarray) -> np.ndarray:
        """The education level employers' vacancies require."""
        return np.searchsorted(EMPLOYER_LEVEL_CUTS, u, side="right")

    def employer_vacancy_mean(self, weight, vacancy_index, labour_market):
        """Expected vacancies an employer opens to claimants this month: they scale with the
        local labour market and follow the economy."""
        pull = vacancy_index ** self._b.vacancy_elasticity
        return self._b.vacancies_per_1000 * labour_market / 1000.0 * weight * pull

    # --- the cycle -------------------------------------------------------------------
    def inflow_pull(self, vacancy_ratio: float) -> float:
        """New applicants (or WW claimants reaching their last year) relative to an economy
        with ``vacancy_ratio`` times the vacancies: more when vacancies are scarce."""
        return vacancy_ratio ** -self._b.inflow_elasticity

    def job_loss_pull(self, vacancy_index: float) -> float:
        """Job loss relative to a steady economy: more when vacancies are scarce."""
        return vacancy_index ** -self._b.job_loss_elasticity

    def other_income_pull(self, vacancy_index: float) -> float:
        """Exits to other income relative to a steady economy: more when vacancies abound."""
        return vacancy_index ** self._b.other_income_elasticity

    def vacancy_hours(self, u):
        """A vacancy's hours as a share of a full-time job, from its own draw."""
        b = self._b
        share = b.part_time_share
        low, high = b.part_time_hours_low, b.part_time_hours_high
        part = u < share
        return np.where(part, low + (high - low) * (u / max(share, 1e-12)), 1.0)

    def part_time_accept_probability(self, disregard_euros):
        """Chance to take a part-time offer that leaves one on bijstand: higher with the
        earnings one may keep."""
        b = self._b
        return np.minimum(b.part_time_accept + b.disregard_response * disregard_euros / 100.0,
                          b.accept_prob)

    def hours_grow(self, u):
        """A part-time job on bijstand grows to full time this month."""
        return u < self._b.hours_growth_rate

    def settled_in_work(self, tenure_months, state):
        """In regular work long enough to stop being followed."""
        return (tenure_months >= self._b.work_tracking_months) & (state == State.WORK.value)

    def job_loss_probability(self, tenure_months, firing, shield=1.0, cycle=1.0):
        """Chance that an employer lets a former claimant go this month.

        High in the first year (many jobs found from bijstand are temporary), lower
        after. ``shield`` carries policy effects such as aftercare (1 = none), ``cycle``
        the economy (1 = steady).
        """
        return job_loss_chances(np.asarray(tenure_months), np.asarray(firing, np.float64),
                                per_row(shield, len(tenure_months)), float(cycle),
                                self._b.job_loss_first_year, self._b.job_loss_later)

    def claims_again(self, u):
        """A job loser claims bijstand again (the others have WW or a partner's income)."""
        return u < self._b.return_eligible

    # --- other income ----------------------------------------------------------------
    def settled_on_other_income(self, months):
        return months >= self._b.other_income_tracking_months

    def other_income_ends(self, u):
        return u < self._b.other_income_return_rate

    # --- WW --------------------------------------------------------------------------
    def ww_search_probability(self, lift=1.0):
        """Chance that a WW claimant applies to a vacancy this month (``lift``: prevention)."""
        return np.minimum(self._b.ww_search_base * lift, 1.0)

    # --- client managers' choices for limited places ---------------------------------------
    def enrolment_order(self, wage_value, months_on_benefit, u, first=None):
        """The order in which candidates are put forward for limited places (ties: the
        lowest id first, as candidates come in id order): the positions of the ``first``
        put forward (all when None)."""
        rule = self._b.enrolment_rule
        first = len(u) if first is None else max(0, min(int(first), len(u)))
        if rule == "closest_to_work":
            return leading((months_on_benefit, -wage_value), first)
        if rule == "longest_waiting":
            return leading((-months_on_benefit,), first)
        if rule == "random":
            return leading((u,), first)
        return np.arange(first)  # arrival: oldest person id first


def per_row(value: float | np.ndarray, n: int) -> np.ndarray:
    """A policy effect for each of ``n`` rows: one value for all, or one per row."""
    if np.ndim(value) == 0:
        return np.full(n, value, dtype=np.float64)
    return np.asarray(value, dtype=np.float64)


def leading(keys: tuple[np.ndarray, ...], first: int) -> np.ndarray:
    """``np.lexsort(keys)[:first]`` without sorting the whole array: only the values
    of the primary (last) key up to its ``first``-th smallest can lead, so only those
    are sorted (places are few beside the candidates)."""
    primary = keys[-1]
    if first >= len(primary):
        return np.lexsort(keys)
    if first == 0:
        return np.zeros(0, dtype=np.int64)
    pool = np.flatnonzero(primary <= np.partition(primary, first - 1)[first - 1])
    return pool[np.lexsort(tuple(k[pool] for k in keys))][:first]
