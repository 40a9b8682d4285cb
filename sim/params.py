"""The model's parameters: one typed schema with unit, range and source per parameter.

The dataclasses double as Hydra structured configs (type checks and unknown-key errors
come from OmegaConf) and as the single source of ``docs/parameters.md``. Ranges and
cross-field rules are checked by :func:`validate`, before any simulation starts.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from sim.policies.config import Policy
from sim.schema import ConfigError, check_fields, p


@dataclass
class Municipality:
    """Size and make-up of the municipality's caseload and its client-manager staff."""

    name: str = p("medium", "-", source="label only", doc="name shown in reports")
    claimants: int = p(2700, "persons", 10, 2_000_000, source=(
        "Zwolle-sized: 2,734 benefits at the end of 2006 (seed 003)"),
        doc="bijstand stock at the start of month 0")
    caseload_ratio: float = p(110.0, "claimants per client-manager FTE", 10, 400, source=(
        "stated assumption: regular caseloads of 1:100 to 1:150 are usual; intensive "
        "caseloads are 1:25 to 1:35 (Almere, facts table)"),
        doc="sets the regular client-manager staff at the start")
    household_shares: list[float] = p([0.60, 0.25, 0.15], "share (single, single parent, couple)",
                                      0, 1, source=(
        "stated assumption after CBS household composition of bijstand: about 60% single, "
        "a quarter single parents"), doc="household mix of new claimants")
    employers_per_1000: float = p(25.0, "employers per 1,000 claimants", 1, 500, source=(
        "stated assumption: the employers that hire from bijstand in a year; only the "
        "number of vacancies, not of employers, drives outflow"))
    start_date: str = p("2024-01", "YYYY-MM", source="label only",
                        doc="calendar month of simulated month 0")


@dataclass
class Money:
    """Benefit norms and unit costs, in euros of the period simulated."""

    norm_single: float = p(1283.83, "EUR/month", 100, 5000, source=(
        "net norm single incl. holiday pay, 1 Jan 2024 (facts table)"))
    norm_single_parent: float = p(1283.83, "EUR/month", 100, 5000, source=(
        "equal to the single norm since 2015 (facts table: 2019 and 2024 tables)"))
    norm_couple: float = p(1834.04, "EUR/month", 100, 8000, source=(
        "net norm couple incl. holiday pay, 1 Jan 2024 (facts table)"))
    fte_cost_year: float = p(56000.0, "EUR per FTE per year", 10000, 250000, source=(
        "municipal wage sum per FTE, EUR 54,000-57,000 (2012-2014), facts table"))
    admin_cost_year: float = p(2900.0, "EUR per benefit per year", 0, 20000, source=(
        "Berenschot: about EUR 2,900 a year per benefit (facts table)"))
    minimum_wage_month: float = p(2070.0, "EUR/month gross", 500, 6000, source=(
        "statutory minimum wage 1 Jan 2024, about EUR 13.27/h for a 36-40 h week"))


@dataclass
class Economy:
    """The business-cycle path of vacancies open to claimants, and its pull on inflow."""

    kind: str = p("steady", "-", source="scenario choice",
                  choices=("steady", "boom", "recession", "series"))
    amplitude: float = p(0.25, "fraction of steady vacancies", 0, 0.9, source=(
        "stated assumption: vacancies for low-skilled work swing by a quarter over a cycle"),
        doc="boom: +amplitude, recession: -amplitude at the turning point")
    ramp_months: int = p(18, "months", 1, 240, source="stated assumption",
                         doc="months from steady to the turning point")
    recovery_months: int = p(36, "months", 1, 480, source="stated assumption",
                             doc="recession: months from the trough back to steady")
    series: list[float] = p([], "vacancy index per month (1 = steady)", 0, 5, source=(
        "scenario input"), doc="kind=series: one value per simulated month; the last repeats")
    inflow_elasticity: float = p(0.6, "relative inflow change per unit vacancy shortfall",
                                 0, 5, source=(
        "stated assumption: 2020 inflow rose about 20% when vacancies fell by about a third "
        "(facts table, annual inflow 2019-2020)"))
    inflow_series: list[float] = p([], "new-applicant index per month (1 = steady)", 0, 10,
                                   source="scenario input",
                                   doc="optional, multiplies the new-applicant rate")


def _calibrated() -> dict[str, float]:
    """The fitted values that ``python -m sim.calibrate`` writes to the behaviour config."""
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
    vacancies_per_100: float = p(FIT["vacancies_per_100"],
                                 "vacancies per month per 100 claimants", 0, 100,
                                 source="calibrated (outflow to work)")
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
    # WW
    ww_entrants_per_1000: float = p(FIT["ww_entrants_per_1000"],
                                    "persons per month per 1,000 claimants", 0, 1000,
                                    source="calibrated: 20-25% of inflow from WW (facts)")
    ww_track_months: int = p(12, "months before WW ends", 1, 38, source=(
        "modelling choice: WW claimants are followed in their last year of WW"))
    ww_find_work_rate: float = p(0.04, "probability per month", 0, 1, source="stated assumption")
    ww_barrier_factor: float = p(0.5, "barrier prevalence relative to other entrants", 0, 1,
                                 source=(
        "stated assumption: people coming from WW have recent work experience (seed 004)"))
    ww_eligible: float = p(0.55, "share of WW exhausters who qualify for bijstand", 0, 1,
                           source=(
        "stated assumption: assets or a partner's income block a claim (facts table)"))
    # initial state
    initial_mean_duration: float = p(48.0, "months", 1, 400, source=(
        "stated assumption: mean spell duration of the stock before warm-up; warm-up "
        "replaces short spells by the model's own, long ones outlast it (docs/model.md 5)"))


@dataclass
class Shock:
    """Extra new applicants on top of the regular inflow for a few months.

    A scenario part, not a policy: for example the general amnesty (generaal pardon) for
    asylum seekers that raised the caseload early in 2008 (seed 000). The arrivals are
    spread evenly over the months; they apply like other new applicants.
    """

    extra_per_1000: float = p(0.0, "extra applicants per 1,000 claimants, whole shock",
                              0, 10000, source="scenario choice (0: no shock)")
    start_month: int = p(0, "simulated month", 0, 100_000, source="scenario choice")
    months: int = p(1, "months", 1, 600, source="scenario choice",
                    doc="the arrivals are spread evenly over this many months")
    permit_holder_share: float = p(0.0, "share of the extra applicants", 0, 1,
                                   source="scenario choice",
                                   doc="share who are refugees with a residence permit")

    def arrivals(self, claimants: int, month: int) -> int:
        """Extra applicants in ``month``: the total split evenly, remainders spread."""
        k = month - self.start_month
        if self.extra_per_1000 <= 0 or not 0 <= k < self.months:
            return 0
        total = round(self.extra_per_1000 * claimants / 1000.0)
        return total * (k + 1) // self.months - total * k // self.months


@dataclass
class Run:
    """How many replications, how long, which engine, which seed."""

    replications: int = p(5, "replications", 1, 10000, source="run choice")
    horizon_months: int = p(48, "months", 1, 600, source="run choice (four years)")
    warmup_months: int = p(60, "months", 12, 600, source=(
        "modelling choice: lets the caseload mature before month 0"))
    seed: int = p(20240101, "-", 0, 2**62, source="run choice")
    engine: str = p("fast", "-", source="run choice", choices=("fast", "agent"))
    progress: bool = p(True, "-", source="run choice", doc="progress bar on long runs")


CASE_NAMES = ("", "oost_gelre_2008", "lelystad_2006", "zwolle_2006", "arnhem_2019",
              "groningen_2020")


@dataclass
class Case:
    """A municipal news case replayed by an experiment: what was reported or promised.

    Empty (``name: ""``) for ordinary runs. A sweep whose config names a case writes the
    case report (:mod:`sim.cases`) at its end, so the comparison with the article is made
    the same way every time. Dates are simulated months (month 0 is
    ``municipality.start_date``; -1 is the stock at the start, fixed by the warm-up).
    """

    name: str = p("", "-", source="scenario choice", choices=CASE_NAMES,
                  doc="the case experiment; empty: no case report")
    reported_months: list[int] = p([], "simulated months (-1: the start)", -1, 600,
                                   source="the news case (seeds 000-004)",
                                   doc="months of the reported stock figures")
    reported_stock: list[float] = p([], "claimants at the end of the month", 0, 2_000_000,
                                    source="the news case (seeds 000-004)",
                                    doc="one reported stock per reported month")
    forecast_months: list[int] = p([], "simulated months", -1, 600,
                                   source="the news case (seeds 000-004)",
                                   doc="reported months whose figure is a forecast, not a count")
    tolerance: float = p(0.05, "share of the reported figure", 0, 1, source=(
        "stated assumption: a municipality's count moves by a few percent within a year "
        "on timing and definitions alone"),
        doc="a simulated mean this close to a reported figure counts as a hit")
    ambition: float = p(0.0, "persons", 0, 10_000_000, source="the news case",
                        doc="promised extra exits or activations over the horizon; 0: none")
    ambition_measure: str = p("extra_exits", "-", source="the news case",
                              choices=("extra_exits", "activated"),
                              doc="what the ambition counts")
    budget: float = p(0.0, "EUR over the horizon", 0, 1e11, source="the news case",
                      doc="the money set aside; 0: none reported")
    period_months: int = p(0, "months", 0, 600, source="the news case",
                           doc="length of the article's period for the decomposition; "
                               "0: the whole horizon")


@dataclass
class Config:
    municipality: Municipality = field(default_factory=Municipality)
    money: Money = field(default_factory=Money)
    economy: Economy = field(default_factory=Economy)
    shock: Shock = field(default_factory=Shock)
    behaviour: Behaviour = field(default_factory=Behaviour)
    policy: Policy = field(default_factory=Policy)
    run: Run = field(default_factory=Run)
    case: Case = field(default_factory=Case)


SHARE_LISTS = {
    "municipality.household_shares": 3,
    "behaviour.age_band_shares": 5,
    "behaviour.education_shares": 3,
}
FIXED_LISTS = {"behaviour.wage_value_mean": 3}


def validate(cfg: Config) -> Config:
    """Check every parameter against its range, choices and cross-field rules.

    Raises :class:`ConfigError` naming the key, the value and what is allowed.
    """
    for group in dataclasses.fields(cfg):
        check_fields(getattr(cfg, group.name), group.name, SHARE_LISTS, FIXED_LISTS)
    cfg.policy.check("policy")
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", cfg.municipality.start_date):
        raise ConfigError(f"municipality.start_date={cfg.municipality.start_date!r}: "
                          "expected a calendar month as YYYY-MM")
    if cfg.economy.kind == "series" and not cfg.economy.series:
        raise ConfigError("economy.series=[]: economy.kind=series needs at least one value")
    c = cfg.case
    if len(c.reported_months) != len(c.reported_stock):
        raise ConfigError(f"case.reported_stock={c.reported_stock!r}: expected one figure per "
                          f"reported month ({len(c.reported_months)})")
    stray = [m for m in c.forecast_months if m not in c.reported_months]
    if stray:
        raise ConfigError(f"case.forecast_months={stray!r}: not among case.reported_months")
    late = [m for m in c.reported_months if m >= cfg.run.horizon_months]
    if c.name and late:
        raise ConfigError(f"case.reported_months={late!r}: beyond run.horizon_months="
                          f"{cfg.run.horizon_months}")
    return cfg


def iter_parameters(cfg: Config | None = None):
    """Yield (key, default, field metadata) for every parameter, for docs and tools.

    Policy instruments are listed with their defaults, as if all were switched on.
    """
    from sim.policies.config import all_instruments

    cfg = cfg or Config(policy=all_instruments())

    def walk(node: Any, prefix: str):
        for f in dataclasses.fields(node):
            value = getattr(node, f.name)
            if dataclasses.is_dataclass(value):
                yield from walk(value, f"{prefix}.{f.name}")
            else:
                yield f"{prefix}.{f.name}", value, f.metadata

    for group in dataclasses.fields(cfg):
        yield from walk(getattr(cfg, group.name), group.name)
