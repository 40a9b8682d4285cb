"""The behavioural parameters of claimants, client managers and employers.

Read at run time only by :mod:`sim.core.rules`. The fitted values come from
``configs/behaviour/calibrated.yaml``, which the calibration command writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import yaml

from sim.config.schema import p


def _calibrated() -> dict[str, float]:
    """The posterior centre that ``python -m sim.posterior`` writes to the behaviour config."""
    text = resources.files("sim.configs").joinpath("behaviour", "calibrated.yaml").read_text()
    return yaml.safe_load(text) or {}


FIT = _calibrated()


@dataclass
class Behaviour:
    """Behavioural parameters of claimants, client managers and employers.

    Defaults are fitted to the national flow rates in the facts table; see
    ``docs/parameters.md`` for the fit targets.
    """

    # who enters
    age_band_shares: list[float] = p([0.14, 0.16, 0.19, 0.23, 0.28],
                                     "share of entrants aged 18-26, 27-34, 35-44, 45-54, 55-66",
                                     0, 1, source=(
        "stated assumption; calibrated so that 37-44% of the stock is 55+ (facts table)"))
    education_shares: list[float] = p([0.55, 0.33, 0.12], "share low, middle, high", 0, 1,
                                      source=(
        "stated assumption: most claimants lack a basic qualification (seed 004)"))
    barrier_health: float = p(0.30, "share of entrants", 0, 1, source=(
        "stated assumption; seed 004 names health problems first; 29% of Almere's treated "
        "were referred to care (facts table)"))
    barrier_debt: float = p(0.25, "share of entrants", 0, 1, source="stated assumption")
    barrier_language: float = p(0.20, "share of entrants", 0, 1, source=(
        "stated assumption (low literacy, seed 004)"))
    barrier_confidence: float = p(0.30, "share of entrants", 0, 1, source=(
        "stated assumption (low self-confidence, seed 004)"))
    permit_holder_share: float = p(0.05, "share of entrants", 0, 1, source=(
        "stated assumption for years without a refugee peak; permit holders drove the "
        "growth of bijstand in 2016-2017 (CBS via nu.nl 2017-02), so set it higher for "
        "such years"), doc=(
        "refugees with a residence permit (statushouders); they always have the "
        "language barrier"))
    wage_value_mean: list[float] = p([0.75, 0.90, 1.05], "x minimum wage, by education",
                                     0.1, 2, source=(
        "stated assumption; subsidised workers average 51% (facts table) sit at the low end"))
    wage_value_sd: float = p(0.18, "x minimum wage", 0, 1, source="stated assumption")
    health_wage_penalty: float = p(0.15, "x minimum wage", 0, 1, source="stated assumption")
    # search
    search_base: float = p(0.55, "probability of an application per month", 0, 1,
                           source="calibrated")
    search_duration_decay: float = p(0.35, "elasticity in (1 + months/12)^-x", 0, 5,
                                     source="calibrated (duration dependence)")
    search_penalty_health: float = p(0.45, "fractional cut in search", 0, 1,
                                     source="stated assumption")
    search_penalty_debt: float = p(0.30, "fractional cut in search", 0, 1,
                                   source="stated assumption")
    search_penalty_language: float = p(0.20, "fractional cut in search", 0, 1,
                                       source="stated assumption")
    search_penalty_confidence: float = p(0.35, "fractional cut in search", 0, 1,
                                         source="stated assumption")
    # client managers
    contacts_per_fte_month: float = p(45.0, "contacts per FTE per month", 1, 400, source=(
        "stated assumption: about 90 contact hours a month at two hours a contact incl. "
        "preparation and reporting"))
    priority_rule: str = p("longest_waiting", "-", source="stated assumption",
                           choices=("longest_waiting", "newest_first", "closest_to_work"))
    enrolment_rule: str = p("closest_to_work", "-", source=(
        "Bolhaar, Ketel & van der Klaauw 2020: caseworkers use wide discretion in whom they "
        "send to programmes; SCP 2019: the funding invites municipalities to focus on those "
        "most likely to find work (creaming)"),
        choices=("closest_to_work", "longest_waiting", "random", "arrival"),
        doc="who client managers put forward for limited places first")
    contact_boost: float = p(0.6, "relative rise in search in the month of contact", 0, 10,
                             source="calibrated")
    contact_halflife_months: float = p(2.0, "months", 0.1, 60, source="stated assumption")
    resolve_health: float = p(0.02, "probability per contact", 0, 1, source="stated assumption")
    resolve_debt: float = p(0.04, "probability per contact", 0, 1, source="stated assumption")
    resolve_language: float = p(0.02, "probability per contact", 0, 1,
                                source="stated assumption")
    resolve_confidence: float = p(0.06, "probability per contact", 0, 1,
                                  source="stated assumption")
    # employers and matching
    vacancies_per_1000: float = p(FIT["vacancies_per_1000"],
                                  "vacancies open to claimants per month per 1,000 of "
                                  "working age", 0, 100, source=(
        "calibrated (outflow to work); scales with the municipality's working-age population "
        "and follows the economy's vacancy index, so fewer claimants share them as the "
        "caseload falls"))
    part_time_share: float = p(FIT["part_time_share"], "share of vacancies", 0, 1, source=(
        "calibrated to the share of claimants with earnings (docs/calibration.md); the "
        "Almere trial's extra jobs were mostly small jobs (facts table)"),
        doc="vacancies for part of a week; the rest are full-time")
    part_time_hours_low: float = p(0.2, "share of a full-time job", 0.01, 1,
                                   source="stated assumption: from about 8 hours a week")
    part_time_hours_high: float = p(0.7, "share of a full-time job", 0.01, 1, source=(
        "stated assumption: to about 26 hours a week; hours are uniform in between"))
    outside_mean: float = p(0.95, "score of the best outside candidate (mean)", -5, 5,
                            source="calibrated")
    outside_sd: float = p(0.30, "score units", 0, 5, source="stated assumption")
    score_noise_sd: float = p(0.25, "score units", 0, 5, source="stated assumption")
    duration_penalty_per_year: float = p(0.07, "score units per year out of work", 0, 2,
                                         source="calibrated (duration dependence)")
    duration_penalty_cap_years: float = p(8.0, "years", 0, 50, source="stated assumption")
    age55_penalty: float = p(FIT["age55_penalty"], "score units", 0, 2, source=(
        "calibrated: 37-44% of the stock is 55+ (facts table)"))
    mismatch_penalty: float = p(0.35, "score units per education level short", 0, 5,
                                source="stated assumption")
    language_penalty: float = p(0.05, "score units", 0, 2, source=(
        "stated assumption: employers screen on Dutch language and origin (Arnhem plans "
        "talks with employers against discrimination, seed 002); kept small, a quarter of "
        "the 55+ penalty, so the calibrated flows barely move"),
        doc="score penalty for applicants with the language barrier")
    screening_sd: float = p(0.4, "spread of employers' screening multiplier", 0, 2,
                            source="stated assumption")
    accept_prob: float = p(0.90, "probability", 0, 1, source="stated assumption")
    accept_prob_single_parent: float = p(0.75, "probability", 0, 1, source=(
        "stated assumption: childcare limits which offers fit"))
    part_time_accept: float = p(0.6, "probability, at no disregard", 0, 1, source=(
        "stated assumption: a job that leaves one on bijstand pays little extra"),
        doc="chance to take a part-time offer that leaves one on bijstand")
    disregard_response: float = p(0.1, "extra acceptance per EUR 100 a month disregarded",
                                  0, 5, source=(
        "stated assumption, held against the single-parent disregard experiment of 2009 "
        "(docs/evidence.md)"), doc="up to the acceptance of a full-time offer")
    hours_growth_rate: float = p(0.03, "probability per month", 0, 1, source=(
        "stated assumption: claimants with part-time work leave for work almost three times "
        "as often as others (Divosa factsheet, descriptive)"),
        doc="a part-time job on bijstand grows to full time; the spell ends if that pays "
            "the norm")
    # the cycle: each flow follows the vacancy index V as V ** elasticity
    vacancy_elasticity: float = p(FIT["vacancy_elasticity"],
                                  "elasticity of vacancies open to claimants in V", 0, 3,
                                  source=(
        "calibrated on 2012-2019, when vacancies ranged from 0.55 to 1.7 times their mean "
        "(docs/calibration.md)"),
        doc="below 1: vacancies open to claimants move less than CBS's count of all vacancies")
    inflow_elasticity: float = p(FIT["inflow_elasticity"], "elasticity of new applicants in 1/V",
                                 0, 5, source=(
        "calibrated on 2012-2019 (docs/calibration.md); held out: 2020 inflow rose about 20% "
        "when vacancies fell by about a third (facts table, annual inflow 2019-2020)"),
        doc="new applicants and WW claimants reaching the end of WW rise as vacancies fall")
    job_loss_elasticity: float = p(0.6, "elasticity of job loss in 1/V", 0, 5, source=(
        "stated assumption: as strong as the pull on inflow; to be fitted over the cycle"),
        doc="jobs found from bijstand end more often when vacancies are scarce")
    other_income_elasticity: float = p(0.3, "elasticity of exits to other income in V", 0, 5,
                                       source=(
        "stated assumption: a partner's work and other means come more easily in a tight "
        "market, half as strongly as the pull on inflow; to be fitted over the cycle"),
        doc="claimants leave for other income more often when vacancies are plentiful")
    # work
    job_loss_first_year: float = p(FIT["job_loss_first_year"], "probability per month", 0, 1,
                                   source=(
        "calibrated: about a third of inflow returns within a year (facts table)"))
    job_loss_later: float = p(0.012, "probability per month", 0, 1, source="calibrated")
    return_eligible: float = p(0.85, "share of job losers who claim bijstand again", 0, 1,
                               source="stated assumption (some first get WW or have a partner)")
    work_tracking_months: int = p(36, "months", 12, 240, source=(
        "modelling choice: after this long in work a person leaves the model as settled"))
    # other exits
    move_rate: float = p(0.0015, "probability per month", 0, 1, source="stated assumption")
    other_income_rate: float = p(FIT["other_income_rate"], "probability per month", 0, 1,
                                 source="calibrated")
    other_income_couple_factor: float = p(1.5, "multiplier for couples", 0, 10,
                                          source="stated assumption (partner income)")
    other_income_return_rate: float = p(FIT["other_income_return_rate"],
                                        "probability per month", 0, 1,
                                        source="calibrated (returns within a year)")
    other_income_tracking_months: int = p(24, "months", 1, 240, source="modelling choice")
    pension_age_years: float = p(67.0, "years", 60, 75, source="state pension age 2024-2027")
    # obligations, checks and sanctions
    noncompliance_rate: float = p(FIT["noncompliance_rate"], "probability per contact", 0, 1,
                                  source="calibrated to the sanction rate (docs/parameters.md)",
                                  doc="a contact finds an obligation not met: a sanction")
    sanction_cut: float = p(1.0, "share of the benefit withheld", 0, 1, source=(
        "Participatiewet art. 18: the standard cut for work-related obligations is 100%; "
        "half of the sanctions in an Inspectie SZW dossier study were 100% (2017)"))
    sanction_months: int = p(1, "months", 1, 12, source=(
        "Participatiewet art. 18: one to three months; one is the usual first cut"))
    sanction_search_lift: float = p(1.5, "multiplier on search after a sanction", 1, 10,
                                    source=(
        "stated assumption after van den Berg, van der Klaauw & van Ours (2004): a sanction "
        "substantially raises the exit rate to work (Rotterdam)"))
    sanction_lift_months: int = p(6, "months", 0, 60, source="stated assumption")
    callin_exit_rate: float = p(0.004, "probability per contact", 0, 1, source=(
        "stated assumption after the threat effect (Black et al. 2003: exits when claimants "
        "learn of obligations) and Boheim et al. 2023 (lower caseloads raise exits from the "
        "labour force)"), doc="other income, undeclared work or a move comes out; the spell ends")
    gate_refusal_rate: float = p(0.1, "share of applicants", 0, 0.99, source=(
        "stated assumption: a check at application finds other means (income, assets, a "
        "partner) for some applicants"), doc="applicants refused at the gate check")
    # WW
    ww_entrants_per_1000: float = p(FIT["ww_entrants_per_1000"],
                                    "persons per month per 1,000 of working age", 0, 100,
                                    source="calibrated: 22% of inflow from WW (UWV 2013; "
                                           "20-25%, Hanzehogeschool 2018)")
    ww_track_months: int = p(12, "months before WW ends", 1, 38, source=(
        "modelling choice: WW claimants are followed in their last year of WW"))
    ww_search_base: float = p(0.5, "probability of an application per month", 0, 1, source=(
        "stated assumption: WW claimants in their last year apply about as often as new "
        "claimants (search_base 0.55) and compete for the same vacancies as claimants and "
        "outsiders; no Dutch count of their applications was found"))
    ww_barrier_factor: float = p(0.5, "barrier prevalence relative to other entrants", 0, 1,
                                 source=(
        "stated assumption: people coming from WW have recent work experience (seed 004)"))
    ww_partner_income_share: float = p(0.6, "share of couples", 0, 1, source=(
        "stated assumption: a partner with income can block a claim (facts table); UWV does "
        "not count how often"), doc="WW entrants in couples whose partner's income blocks bijstand")
    ww_assets_shares: list[float] = p([0.05, 0.1, 0.2, 0.3, 0.4],
                                      "share with assets above the limit, by age band", 0, 1,
                                      source=(
        "stated assumption: assets above the limit (2024: EUR 7,575 single, 15,150 family, "
        "facts table) grow with age; with the household mix they give the WW share of "
        "inflow (calibration target)"), doc="age bands 18-26, 27-34, 35-44, 45-54, 55-66")
    # initial state
    initial_mean_duration: float = p(48.0, "months", 1, 400, source=(
        "stated assumption: mean spell duration of the stock before warm-up; warm-up "
        "replaces short spells by the model's own, long ones outlast it (docs/model.md 5)"))
