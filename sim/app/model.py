"""The model behind the browser page: keyword parameters, a paired baseline, an engine by size.

SolaraViz rebuilds its model with ``Model(**params)``, so :class:`ExploreModel` takes the
page's inputs as keyword arguments with defaults and turns them into a
:class:`~sim.params.Config`. Next to the scenario it keeps a baseline model with the same
seed and no policy, stepped in lockstep: with the same random numbers on both sides the
gap between the two stock paths is the policy's effect, not luck.

Small municipalities run on the agent engine so that a student can follow individual
claimants as Mesa agents; large ones on the fast engine so that a step stays quick. The
warm-up always runs on the fast engine (both engines give identical results), which keeps
Reset fast without shortening the warm-up.
"""

from __future__ import annotations

import logging

import numpy as np

from sim.config.params import Config
from sim.core.agents import Claimant
from sim.core.checkpoint import at_month_zero
from sim.core.engines import AgentEngine
from sim.core.model import ReintegrationModel
from sim.core.population import State
from sim.policies.intensive_coaching import IntensiveCoaching
from sim.policies.target import TargetGroup
from sim.policies.wage_subsidy import WageSubsidy
from sim.policies.ww_prevention import WWPrevention

logging.getLogger("MESA").setLevel(logging.WARNING)  # Mesa logs a line per step at INFO

AGENT_ENGINE_MAX = 500
"""Largest municipality (claimants at the start) run on the agent engine.

The agent engine costs about 0.2 ms per tracked person per month, and a municipality
tracks about 1.7 people per claimant (WW claimants, recent leavers), so 500 claimants take
about 0.15 s a month with the policies on; drawing the page takes 0.3 s more. Measured
with ``benchmarks/bench_page.py``: a step of 0.46 s at 500 claimants, rising to about a
second when other work shares the two cores, which is why the limit is not higher. Above
it the fast engine takes a few milliseconds a month.
"""

COACHING_PLACES_PER_CLAIMANT = 200 / 2700
"""Coaching places scale with the municipality: 200 places for 2,700 claimants, the defaults."""

FOLLOWED = 8
"""How many claimants the page follows one by one."""

ECONOMIES = ("steady", "boom", "recession")


def explore_config(claimants: int = 300, economy: str = "steady", caseload_ratio: float = 110,
                   coaching: bool = False, coaching_caseload: float = 30,
                   coaching_min_age: float = 45, subsidy: bool = False,
                   subsidy_max_share: float = 0.7, subsidy_months: int = 24,
                   ww_prevention: bool = False, months_before: int = 6,
                   seed: int = 1) -> Config:
    """The scenario's Config from the page's inputs; everything else keeps its default."""
    cfg = Config()
    cfg.municipality.claimants = int(claimants)
    cfg.municipality.caseload_ratio = float(caseload_ratio)
    cfg.economy.kind = economy
    cfg.run.seed = int(seed)
    cfg.run.engine = "fast"  # for the warm-up; see ExploreModel
    cfg.run.progress = False
    if coaching:
        cfg.policy.intensive_coaching = IntensiveCoaching(
            places=max(1, round(claimants * COACHING_PLACES_PER_CLAIMANT)),
            caseload=float(coaching_caseload),
            target=TargetGroup(min_age=float(coaching_min_age)))
    if subsidy:
        cfg.policy.wage_subsidy = WageSubsidy(max_share=float(subsidy_max_share),
                                              duration_months=int(subsidy_months))
    if ww_prevention:
        cfg.policy.ww_prevention = WWPrevention(months_before=int(months_before))
    return cfg


def baseline_config(cfg: Config) -> Config:
    """The same municipality, economy and seed with no policy switched on."""
    base = explore_config(claimants=cfg.municipality.claimants, economy=cfg.economy.kind,
                          caseload_ratio=cfg.municipality.caseload_ratio, seed=cfg.run.seed)
    base.run.warmup_months = cfg.run.warmup_months
    return base


def engine_for(claimants: int) -> str:
    """The agent engine for small municipalities, the fast engine for large ones."""
    return "agent" if claimants <= AGENT_ENGINE_MAX else "fast"


def switch_to_agent_engine(model: ReintegrationModel) -> None:
    """Hand a warmed-up model from the fast engine to the agent engine.

    All state lives in the population arrays and both engines run the same rules on the
    same keyed random streams, so the months that follow are the same as if the agent
    engine had run from the start (``tests/test_explore_browser.py`` checks this).
    """
    fast = model.engine
    fast.sync_views()  # a Claimant agent for every tracked person
    agent = AgentEngine(model)
    agent.views = fast.views
    model.engine = agent


class ExploreModel(ReintegrationModel):
    """The scenario chosen on the page, with its no-policy baseline stepped alongside."""

    def __init__(self, claimants: int = 300, economy: str = "steady",
                 caseload_ratio: float = 110, coaching: bool = False,
                 coaching_caseload: float = 30, coaching_min_age: float = 45,
                 subsidy: bool = False, subsidy_max_share: float = 0.7,
                 subsidy_months: int = 24, ww_prevention: bool = False,
                 months_before: int = 6, seed: int = 1) -> None:
        cfg = explore_config(claimants, economy, caseload_ratio, coaching, coaching_caseload,
                             coaching_min_age, subsidy, subsidy_max_share, subsidy_months,
                             ww_prevention, months_before, seed)
        super().__init__(cfg)
        # the baseline is the same whenever only the policy changes: kept spun up
        self.baseline = at_month_zero(baseline_config(cfg))
        if engine_for(cfg.municipality.claimants) == "agent":
            switch_to_agent_engine(self)  # the baseline is not shown person by person
        self.followed = self._pick_followed()

    @property
    def engine_name(self) -> str:
        return self.engine.name

    def step(self) -> None:
        """One month of the scenario and one of the baseline."""
        super().step()
        self.baseline.step()

    def _pick_followed(self) -> list[int]:
        """A few people on bijstand at month 0, the same for every engine and policy."""
        pop = self.pop
        ids = pop.person_id[pop.state == State.BIJSTAND]
        pick = np.random.default_rng(self.cfg.run.seed).choice(
            ids, size=min(FOLLOWED, len(ids)), replace=False)
        return sorted(int(i) for i in pick)

    def followed_claimant(self, person_id: int) -> Claimant | None:
        """The Claimant agent of a followed person, None once they left the model.

        The fast engine makes agents only for the people looked at, not for everyone.
        """
        if self.pop.row_of(person_id) < 0:
            return None
        views = self.engine.views
        if person_id not in views:
            views[person_id] = Claimant(self, person_id)
        return views[person_id]

    def baseline_state(self, person_id: int) -> str:
        """Where the same person is in the baseline (same seed, so the same people)."""
        row = self.baseline.pop.row_of(person_id)
        if row < 0:
            return "left the model"
        return State(self.baseline.pop.state[row]).name.lower()

    def caseloads(self) -> np.ndarray:
        """Claimants on bijstand per client manager, in client-manager order."""
        pop = self.pop
        on = pop.state == State.BIJSTAND
        return np.bincount(pop.cm[on], minlength=len(self.client_managers))

    def series(self, column: str, baseline: bool = False) -> list[float]:
        """A monthly column collected so far (month 0 first)."""
        model = self.baseline if baseline else self
        return model.datacollector.model_vars.get(column, [])
