"""Typed parameters of the policy instruments (Hydra group ``policy``).

Each instrument switched on in a scenario is one field of :class:`Policy`; a field left
at ``None`` is switched off, so the empty policy is the baseline. Every instrument has
a time window, a target group and an optional budget cap.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from sim.population import BARRIERS
from sim.schema import ConfigError, p

SCENARIO = "scenario choice"
FOREVER = 100_000


@dataclass
class TargetGroup:
    """Who an instrument is for: all conditions must hold (the defaults let everyone in)."""

    min_age: float = p(0.0, "years", 0, 120, source=SCENARIO)
    max_age: float = p(120.0, "years", 0, 120, source=SCENARIO)
    min_months_on_benefit: int = p(0, "months", 0, FOREVER, source=SCENARIO)
    max_months_on_benefit: int = p(FOREVER, "months", 0, FOREVER, source=SCENARIO)
    barriers: list[str] = p([], "barrier names", source=SCENARIO, choices=BARRIERS,
                            doc="at least one of these barriers; empty: no condition")
    min_wage_value: float = p(0.0, "x minimum wage", 0, 5, source=SCENARIO)
    max_wage_value: float = p(5.0, "x minimum wage", 0, 5, source=SCENARIO)
    new_inflow_only: bool = p(False, "-", source=SCENARIO,
                              doc="only spells that began once the instrument started")

    def check(self, path: str) -> None:
        if self.min_age > self.max_age:
            raise ConfigError(f"{path}.min_age={self.min_age!r} exceeds {path}.max_age="
                              f"{self.max_age!r}: the target group would be empty")
        if self.min_months_on_benefit > self.max_months_on_benefit:
            raise ConfigError(f"{path}.min_months_on_benefit={self.min_months_on_benefit!r} "
                              f"exceeds {path}.max_months_on_benefit")
        if self.min_wage_value > self.max_wage_value:
            raise ConfigError(f"{path}.min_wage_value={self.min_wage_value!r} exceeds "
                              f"{path}.max_wage_value")


@dataclass
class Instrument:
    """What every instrument has: a time window, a target group and a budget cap."""

    start_month: int = p(0, "simulated month", 0, FOREVER, source=SCENARIO)
    end_month: int = p(FOREVER, "simulated month (exclusive)", 0, FOREVER, source=SCENARIO,
                       doc="the instrument stops at this month; the default never stops")
    budget_cap: float = p(0.0, "EUR over the whole run (0: no cap)", 0, 1e11, source=SCENARIO,
                          doc="no new starts once the instrument has spent this much")
    target: TargetGroup = field(default_factory=TargetGroup)

    def check(self, path: str) -> None:
        if self.end_month <= self.start_month:
            raise ConfigError(f"{path}.end_month={self.end_month!r} must come after "
                              f"{path}.start_month={self.start_month!r}")
        self.target.check(f"{path}.target")


@dataclass
class IntensiveCoaching(Instrument):
    """A team of client managers with small caseloads for a target group."""

    target: TargetGroup = field(default_factory=lambda: TargetGroup(min_age=45.0))
    places: int = p(200, "clients at once", 1, 1_000_000, source=(
        "Almere 45+ trial: 199 clients in the treated arm (facts table)"))
    caseload: float = p(30.0, "clients per client-manager FTE", 5, 200, source=(
        "Almere: at most 25, about 35 in the pilot (facts table); 30 in between"))
    max_months: int = p(18, "months in the programme", 1, 600, source=(
        "Almere trial ran Oct 2017 to Mar 2019, about 18 months (facts table)"))
    search_lift: float = p(1.35, "multiplier on search for participants", 1, 10, source=(
        "calibrated to the Almere trial: about 8 percentage points more found a job "
        "(facts table); see docs/policies.md"))
    placement_bonus: float = p(0.20, "score units", 0, 5, source=(
        "calibrated to the Almere trial together with search_lift: the client manager "
        "approaches employers for the client"))
    resolve_lift: float = p(2.0, "multiplier on barrier resolution per contact", 1, 20, source=(
        "stated assumption: 29% of Almere's treated were referred to care (facts table)"))
    budget_per_client: float = p(0.0, "EUR per client", 0, 20000, source=(
        "Almere: up to EUR 2,000 per client (facts table); off by default"))
    budget_resolve_lift: float = p(0.5, "extra barrier resolution at EUR 2,000 per client",
                                   0, 10, source="stated assumption")
    budget_months: int = p(6, "months over which the client budget is spent", 1, 120,
                           source="stated assumption")


@dataclass
class WageSubsidy(Instrument):
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


@dataclass
class WWPrevention(Instrument):
    """Approach WW claimants before their WW ends, so fewer need bijstand."""

    months_before: int = p(6, "months before WW ends", 1, 38, source=(
        "Groningen with UWV: six months before WW ends (seed 004)"))
    find_work_lift: float = p(1.6, "multiplier on WW job finding once approached", 1, 10,
                              source=(
        "stated assumption: people from WW have recent work experience and can work "
        "quickly (seed 004)"))
    cost_per_person: float = p(1200.0, "EUR per person approached", 0, 50000, source=(
        "stated assumption: a short coaching trajectory"))


@dataclass
class Trajectories(Instrument):
    """Purchased reintegration trajectories: lock-in while on one, better chances after."""

    target: TargetGroup = field(default_factory=lambda: TargetGroup(
        min_months_on_benefit=6, max_months_on_benefit=36))
    referrals_per_month: int = p(15, "persons per month", 0, 1_000_000, source=(
        "stated assumption: about 7% of a Zwolle-sized caseload a year, bought for "
        "claimants past their first months and before they are very long-term (seed 003)"))
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
    education_share: float = p(0.05, "share of completers who leave for education", 0, 1,
                               source=(
        "stated assumption: a positive result is a job or education (seed 003)"))


@dataclass
class Aftercare(Instrument):
    """Nazorg: support in the first year of work so that fewer lose the job."""

    months: int = p(12, "months in work", 1, 120, source=(
        "Lelystad: aftercare in the first year of work (seed 001)"))
    job_loss_shield: float = p(0.75, "multiplier on the job-loss chance", 0, 1, source=(
        "stated assumption: problems are solved before they cost the job (seed 001)"))
    cost_per_person_month: float = p(100.0, "EUR per person per month", 0, 10000, source=(
        "stated assumption: about two hours a month of a client manager at EUR 56,000 a "
        "year per FTE (facts table)"))


@dataclass
class ParticipationJobs(Instrument):
    """Participatiebanen: social participation on benefit, a closing step (Lelystad)."""

    target: TargetGroup = field(default_factory=lambda: TargetGroup(min_months_on_benefit=36))
    places: int = p(50, "places at once", 0, 1_000_000, source=(
        "stated assumption for a Zwolle-sized caseload"))
    months: int = p(12, "months in a place", 1, 600, source="stated assumption")
    search_lift: float = p(0.9, "multiplier on search while in a place", 0, 10, source=(
        "old WIW/ID jobs did not lead to outflow into regular work (Divosa monitor 2012, "
        "facts table): a slight lock-in"))
    resolve_confidence: float = p(0.05, "probability per month", 0, 1, source=(
        "stated assumption: taking part builds self-confidence (seed 004)"))
    after_trajectory: bool = p(False, "-", source=SCENARIO, doc=(
        "only those whose trajectory in this spell ended without result (Lelystad's "
        "closing step); needs the trajectories instrument"))
    cost_per_place_month: float = p(400.0, "EUR per occupied place per month", 0, 10000,
                                    source="stated assumption: supervision and expenses")


@dataclass
class GateMediation(Instrument):
    """Mediation at the gate: a job-search period at application, before the benefit."""

    share: float = p(0.10, "share of applicants without a health barrier who never take up",
                     0, 1, source=(
        "stated assumption after Bolhaar, Ketel & van der Klaauw 2019: job-search periods "
        "permanently lower benefit take-up (facts table)"))
    share_under_27: float = p(0.20, "same, for applicants under 27", 0, 1, source=(
        "stated assumption: the law sets a four-week search period for under-27s, and "
        "Arnhem wants to keep young people out of bijstand (seed 002)"))
    cost_per_applicant: float = p(250.0, "EUR per applicant screened", 0, 10000, source=(
        "stated assumption: a few hours of a consultant at application"))


@dataclass
class DebtHelp(Instrument):
    """One contact person who also tackles debt and poverty (Arnhem)."""

    target: TargetGroup = field(default_factory=lambda: TargetGroup(barriers=["debt"]))
    places: int = p(100, "cases at once", 0, 1_000_000, source=(
        "stated assumption for a Zwolle-sized caseload"))
    resolve_rate: float = p(0.05, "probability per month that the debt barrier is resolved",
                            0, 1, source=(
        "stated assumption: about half within a year, against about 0.016 a month from "
        "regular contacts"))
    max_months: int = p(24, "months", 1, 600, source=(
        "stated assumption: a debt arrangement takes one to three years"))
    cost_per_case_month: float = p(150.0, "EUR per case per month", 0, 10000, source=(
        "stated assumption: debt counselling time"))


@dataclass
class ValueScan(Instrument):
    """Arbeidsmarktwaardescan: claimants apply to vacancies that fit their education."""

    target: TargetGroup = field(default_factory=lambda: TargetGroup(max_months_on_benefit=12))
    scans_per_month: int = p(20, "scans per month", 0, 1_000_000, source=(
        "stated assumption for a Zwolle-sized caseload"))
    cost_per_scan: float = p(600.0, "EUR per scan (once)", 0, 20000, source=(
        "stated assumption: a day of an assessor's time"))


@dataclass
class Praktijkleren(Instrument):
    """Practical learning certificates for claimants without a basic qualification."""

    target: TargetGroup = field(default_factory=lambda: TargetGroup(max_months_on_benefit=24))
    places: int = p(30, "participants at once", 0, 1_000_000, source=(
        "stated assumption for a Zwolle-sized caseload"))
    months: int = p(6, "months of learning at a recognised workplace", 1, 60,
                    source="stated assumption")
    lock_in: float = p(0.8, "multiplier on search while learning", 0, 1, source=(
        "stated assumption: participants work at a learning company (seed 004)"))
    wage_value_gain: float = p(0.05, "x minimum wage, once certified", 0, 1, source=(
        "stated assumption: the certificate records skills already used at work"))
    cost_per_participant: float = p(1500.0, "EUR per participant (once)", 0, 50000,
                                    source="stated assumption")


@dataclass
class EmployerNetwork(Instrument):
    """Employer network, adoption pacts, inclusive employers: less screening by members."""

    member_share: float = p(0.3, "share of employers who join", 0, 1, source=(
        "stated assumption: Arnhem hopes a network of inclusive employers draws in others "
        "(seed 002)"))
    duration_offset: float = p(0.5, "share of the time-out-of-work penalty waived", 0, 1,
                               source=(
        "stated assumption: members judge the person, not the gap in the CV"))
    origin_offset: float = p(0.5, "share of the language penalty waived", 0, 1, source=(
        "stated assumption: talks with employers against discrimination (seed 002)"))
    cost_per_month: float = p(5000.0, "EUR per month while the network has members", 0,
                              1e7, source=(
        "stated assumption: about one FTE account manager (EUR 56,000 a year, facts "
        "table) plus meetings"))


@dataclass
class PermitHolderPlacement(Instrument):
    """Permit holders at the municipality's own maintenance service with language learning."""

    places: int = p(10, "places at once", 0, 1_000_000, source=(
        "stated assumption: a pilot (Groningen, seed 004)"))
    months: int = p(12, "months in a place", 1, 120, source="stated assumption")
    search_lift: float = p(0.5, "multiplier on search while in a place", 0, 10, source=(
        "stated assumption: working most of the week leaves less time to apply"))
    language_resolve: float = p(0.08, "probability per month that the language barrier is "
                                "resolved", 0, 1, source=(
        "stated assumption: Dutch at work plus lessons, about two thirds within a year"))
    hire_share: float = p(0.3, "share of completers hired", 0, 1, source=(
        "stated assumption: the maintenance service has few places to fill (seed 004)"))
    cost_per_place_month: float = p(1000.0, "EUR per occupied place per month", 0, 20000,
                                    source=(
        "stated assumption: supervision and language lessons"))


@dataclass
class Policy:
    """The policy mix: one entry per instrument switched on; empty is the baseline."""

    intensive_coaching: IntensiveCoaching | None = None
    wage_subsidy: WageSubsidy | None = None
    ww_prevention: WWPrevention | None = None
    trajectories: Trajectories | None = None
    aftercare: Aftercare | None = None
    participation_jobs: ParticipationJobs | None = None
    gate_mediation: GateMediation | None = None
    debt_help: DebtHelp | None = None
    value_scan: ValueScan | None = None
    praktijkleren: Praktijkleren | None = None
    employer_network: EmployerNetwork | None = None
    permit_holder_placement: PermitHolderPlacement | None = None

    def active(self) -> dict[str, Instrument]:
        """The instruments switched on, in the fixed order of the fields."""
        return {f.name: getattr(self, f.name) for f in fields(self)
                if getattr(self, f.name) is not None}

    def check(self, path: str = "policy") -> None:
        """Each instrument's own rules, and the rules between instruments."""
        for name, instrument in self.active().items():
            instrument.check(f"{path}.{name}")
        pj = self.participation_jobs
        if pj is not None and pj.after_trajectory and self.trajectories is None:
            raise ConfigError(f"{path}.participation_jobs.after_trajectory=True needs the "
                              "trajectories instrument: add it to the policy list")


def all_instruments() -> Policy:
    """Every instrument at its defaults (for documentation and tests)."""
    return Policy(**{name: cls() for name, cls in INSTRUMENT_CONFIGS.items()})


INSTRUMENT_CONFIGS: dict[str, type] = {
    "intensive_coaching": IntensiveCoaching,
    "wage_subsidy": WageSubsidy,
    "ww_prevention": WWPrevention,
    "trajectories": Trajectories,
    "aftercare": Aftercare,
    "participation_jobs": ParticipationJobs,
    "gate_mediation": GateMediation,
    "debt_help": DebtHelp,
    "value_scan": ValueScan,
    "praktijkleren": Praktijkleren,
    "employer_network": EmployerNetwork,
    "permit_holder_placement": PermitHolderPlacement,
}
