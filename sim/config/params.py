"""The model's parameters: one typed schema with unit, range and source per parameter.

The dataclasses double as Hydra structured configs (type checks and unknown-key errors
come from OmegaConf) and as the single source of ``docs/parameters.md``. Ranges and
cross-field rules are checked by :func:`validate`, before any simulation starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources

import yaml

from sim.config.behaviour import Behaviour
from sim.config.schema import p
from sim.policies.registry import Policy


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
    working_age_population: int | None = p(None, "persons aged 15-64", 100, 20_000_000,
                                           source=(
        "the municipality's figure where a preset gives one with its source; otherwise "
        "(null) the claimants at the national density: 41 on bijstand per 1,000 inhabitants "
        "of working age, end 2016 (facts table; 467,000 persons on about 11.4 million aged "
        "15-64)"), doc=(
        "the local labour market that vacancies scale with; null: claimants x 1000 / 41"))
    employers_per_1000: float = p(25.0, "employers per 1,000 claimants", 1, 500, source=(
        "stated assumption: the employers that hire from bijstand in a year; only the "
        "number of vacancies, not of employers, drives outflow"))
    start_date: str = p("2024-01", "YYYY-MM", source="label only",
                        doc="calendar month of simulated month 0")

    def labour_market(self) -> float:
        """Persons of working age: the scale of the local labour market."""
        if self.working_age_population is not None:
            return float(self.working_age_population)
        return self.claimants * 1000.0 / NATIONAL_DENSITY


NATIONAL_DENSITY = 41.0  # on bijstand per 1,000 of working age, end 2016 (facts table)


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
    net_minimum_wage_month: float = p(1834.04, "EUR/month net, full time", 300, 6000, source=(
        "the couple norm, which the Participatiewet (art. 21) sets at 100% of the net "
        "minimum wage incl. holiday pay: 1 Jan 2024 (facts table)"), doc=(
        "what a full-time job pays a claimant; a part-time job pays its share of it. At "
        "least the couple norm, so a full-time job ends a couple's claim"))
    disregard_share: float = p(0.25, "share of earnings", 0, 1, source=(
        "earnings disregard (inkomstenvrijlating) 2024: 25% of earnings from work (facts "
        "table, municipal norm tables 2024)"))
    disregard_max_month: float = p(264.0, "EUR/month", 0, 5000, source=(
        "the 2024 disregard: at most EUR 264 a month (facts table)"))
    disregard_months: int = p(6, "months", 0, 600, source=(
        "the 2024 disregard: for at most six months (facts table)"),
        doc="months from the start of a part-time job during which the disregard applies")


@dataclass
class Economy:
    """The business-cycle path of vacancies open to claimants; how the flows respond to it
    is behaviour (``behaviour.*_elasticity``)."""

    kind: str = p("steady", "-", source=(
        "scenario choice; measured: CBS open vacancies per quarter (configs/economy/data/)"),
                  choices=("steady", "boom", "recession", "series", "measured"),
                  doc="measured: the national open vacancies from the run's first calendar "
                      "month on, interpolated monthly, relative to their 2012-2019 mean")
    amplitude: float = p(0.25, "fraction of steady vacancies", 0, 0.9, source=(
        "stated assumption: vacancies for low-skilled work swing by a quarter over a cycle"),
        doc="boom: +amplitude, recession: -amplitude at the turning point")
    ramp_months: int = p(18, "months", 1, 240, source="stated assumption",
                         doc="months from steady to the turning point")
    recovery_months: int = p(36, "months", 1, 480, source="stated assumption",
                             doc="recession: months from the trough back to steady")
    series: list[float] = p([], "vacancy index per month (1 = steady)", 0, 5, source=(
        "scenario input"), doc="kind=series: one value per simulated month; the last repeats")
    inflow_series: list[float] = p([], "new-applicant index per month (1 = steady)", 0, 10,
                                   source="scenario input",
                                   doc="optional, multiplies the new-applicant rate")


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
class Regime:
    """One dated change of law or institutions: a path of one behaviour parameter.

    From each date the value holds until the next date; before the first date the first
    value holds, from the last date on the last (:mod:`sim.config.calendar`).
    """

    name: str = ""
    parameter: str = ""  # a numeric field of the behaviour group
    mode: str = "factor"  # factor: multiplies the configured value; value: replaces it
    dates: list[str] = field(default_factory=list)  # YYYY-MM, ascending
    values: list[float] = field(default_factory=list)  # one per date
    source: str = ""


def _national_regimes() -> list[Regime]:
    """The Dutch regimes of ``configs/calendar/nl.yaml``, the default calendar."""
    text = resources.files("sim.configs").joinpath("calendar", "nl.yaml").read_text()
    return [Regime(**r) for r in (yaml.safe_load(text) or {}).get("regimes", [])]


@dataclass
class Calendar:
    """The regimes in calendar time; ``calendar=none`` switches them off."""

    regimes: list[Regime] = field(default_factory=_national_regimes, metadata={
        "unit": "dated paths", "source": "configs/calendar/nl.yaml, each with its source",
        "doc": "dated regimes (docs/parameters.md, Regimes)", "table": True})


@dataclass
class Run:
    """How many replications, how long, which engine, which seed."""

    replications: int = p(5, "replications", 1, 10000, source="run choice")
    horizon_months: int = p(48, "months", 1, 600, source="run choice (four years)")
    warmup_months: int = p(60, "months", 12, 600, source=(
        "modelling choice: lets the caseload mature before month 0"))
    spinup_from: str = p("", "YYYY-MM", source="run choice", doc=(
        "a historical spin-up: the warm-up balances the caseload at this calendar month, "
        "after which the measured economy and the regimes drive it up to "
        "municipality.start_date, out of balance as real caseloads are; empty: the "
        "balanced warm-up ends at month 0"))
    posterior_draws: int = p(0, "draws", 0, 1000, source="run choice", doc=(
        "run every replication under this many draws of the behaviour posterior "
        "(configs/behaviour/posterior.csv), so intervals carry parameter uncertainty; "
        "0: the defaults only"))
    checkpoint_dir: str = p("", "folder", source="run choice", doc=(
        "keep every state at month 0 (after warm-up and spin-up) as a checkpoint in this "
        "folder, and start from one where it exists, so other jobs and later sweeps skip "
        "the spin-up; empty: kept in memory only, within one process"))
    seed: int = p(20240101, "-", 0, 2**62, source="run choice")
    engine: str = p("fast", "-", source="run choice", choices=("fast", "agent"))
    progress: bool = p(True, "-", source="run choice", doc="progress bar on long runs")


CASE_NAMES = ("", "oost_gelre_2008", "lelystad_2006", "zwolle_2006", "arnhem_2019",
              "groningen_2020", "national_history")


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
    calendar: Calendar = field(default_factory=Calendar)
    run: Run = field(default_factory=Run)
    case: Case = field(default_factory=Case)
