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
class Policy:
    """The policy mix: one entry per instrument switched on; empty is the baseline."""

    intensive_coaching: IntensiveCoaching | None = None
    wage_subsidy: WageSubsidy | None = None
    ww_prevention: WWPrevention | None = None

    def active(self) -> dict[str, Instrument]:
        """The instruments switched on, in the fixed order of the fields."""
        return {f.name: getattr(self, f.name) for f in fields(self)
                if getattr(self, f.name) is not None}


def all_instruments() -> Policy:
    """Every instrument at its defaults (for documentation and tests)."""
    return Policy(**{name: cls() for name, cls in INSTRUMENT_CONFIGS.items()})


INSTRUMENT_CONFIGS: dict[str, type] = {
    "intensive_coaching": IntensiveCoaching,
    "wage_subsidy": WageSubsidy,
    "ww_prevention": WWPrevention,
}
