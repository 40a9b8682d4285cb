"""Behavioural rules, written once and called by both engines.

Every rule is elementwise: it takes scalars (one agent, agent engine) or arrays (all
claimants, fast engine) and does the same floating-point operations in the same order,
so both engines reach bit-identical decisions. Curves that need ``exp`` or ``power``
are tabulated once per model, so the hot path is multiplications and look-ups.
"""

from __future__ import annotations

import numpy as np

from sim.params import Behaviour
from sim.population import Household

MAX_MONTHS = 1200


class Rules:
    """The behavioural rules of one model, with their parameters and tables."""

    def __init__(self, b: Behaviour) -> None:
        self.b = b
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
        self.resolve = {
            "health": b.resolve_health,
            "debt": b.resolve_debt,
            "language": b.resolve_language,
            "confidence": b.resolve_confidence,
        }

    # --- claimants on bijstand -------------------------------------------------------
    def search_probability(self, months_on_benefit, months_since_contact, health, debt,
                           language, confidence, lift=1.0):
        """Chance of applying to a vacancy this month.

        Falls with time on benefit and with each barrier; a recent client-manager
        contact raises it. ``lift`` carries policy effects (1 = none).
        """
        pen = self.search_penalty
        p = self.b.search_base * self.search_by_duration[np.minimum(months_on_benefit,
                                                                     MAX_MONTHS)]
        p = p * np.where(health, pen["health"], 1.0)
        p = p * np.where(debt, pen["debt"], 1.0)
        p = p * np.where(language, pen["language"], 1.0)
        p = p * np.where(confidence, pen["confidence"], 1.0)
        fade = self.contact_fade[np.minimum(months_since_contact, MAX_MONTHS)]
        p = p * (1.0 + self.b.contact_boost * fade) * lift
        return np.minimum(p, 1.0)

    def applicant_score(self, wage_value, education, months_on_benefit, age_years, language,
                        requirement, screening, noise, bonus=0.0):
        """How an employer ranks an applicant: expected productivity less penalties.

        Penalties for time out of work (scaled by the employer's screening), for age 55+,
        for the language barrier (screening on language and origin), and per education
        level short of the vacancy's requirement. ``bonus`` carries policy effects such as
        a wage cost subsidy, in the same score units.
        """
        b = self.b
        years_out = np.minimum(months_on_benefit / 12.0, b.duration_penalty_cap_years)
        score = wage_value - screening * b.duration_penalty_per_year * years_out
        score = score - np.where(age_years >= 55.0, b.age55_penalty, 0.0)
        score = score - self.language_penalty(language)
        score = score - b.mismatch_penalty * np.maximum(requirement - education, 0)
        return score + b.score_noise_sd * noise + bonus

    def language_penalty(self, language):
        """Score penalty for an applicant with the language barrier (screening on origin)."""
        return np.where(language, self.b.language_penalty, 0.0)

    def outside_score(self, noise):
        """Score of the best applicant from outside bijstand for a vacancy."""
        return self.b.outside_mean + self.b.outside_sd * noise

    def accept_probability(self, household):
        """Chance that a claimant accepts an offer."""
        return np.where(household == Household.SINGLE_PARENT, self.b.accept_prob_single_parent,
                        self.b.accept_prob)

    def other_income_probability(self, household):
        """Chance of leaving bijstand for other income (a partner's, study, a windfall)."""
        return self.b.other_income_rate * np.where(
            household == Household.COUPLE, self.b.other_income_couple_factor, 1.0)

    # --- client managers -----------------------------------------------------------
    def contact_priority(self, months_since_contact, months_on_benefit, wage_value):
        """Order in which a client manager sees a caseload: larger first."""
        rule = self.b.priority_rule
        if rule == "longest_waiting":
            return months_since_contact * 1.0
        if rule == "newest_first":
            return -(months_on_benefit * 1.0)
        return wage_value * 1.0  # closest_to_work

    def contacts_per_month(self, fte):
        """How many claimants a client manager sees in a month."""
        return np.floor(fte * self.b.contacts_per_fte_month)

    # --- employers and work ----------------------------------------------------------
    def job_loss_probability(self, tenure_months, firing, shield=1.0):
        """Chance that an employer lets a former claimant go this month.

        High in the first year (many jobs found from bijstand are temporary), lower
        after. ``shield`` carries policy effects such as aftercare (1 = none).
        """
        base = np.where(tenure_months < 12, self.b.job_loss_first_year, self.b.job_loss_later)
        return np.minimum(base * firing * shield, 1.0)

    def employer_vacancy_mean(self, weight, vacancy_index, claimants):
        """Expected vacancies an employer opens to claimants this month."""
        return self.b.vacancies_per_100 * claimants / 100.0 * weight * vacancy_index

    # --- WW --------------------------------------------------------------------------
    def ww_find_work_probability(self, lift=1.0):
        """Chance that a WW claimant finds work this month (``lift``: prevention)."""
        return np.minimum(self.b.ww_find_work_rate * lift, 1.0)
