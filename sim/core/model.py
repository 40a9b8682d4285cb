"""The municipality's bijstand caseload as a Mesa model, one step per month.

``ReintegrationModel.step`` is the monthly schedule. Each stage's decisions are written
once, over row arrays, in :mod:`sim.core.stages`; the chosen engine calls them, over all
claimants at once (fast) or agent by agent (agent). Every chance event draws from the keyed
streams in :mod:`sim.core.rng`, so both engines reach identical results. A person's state
changes only through the model's public events (:mod:`sim.core.events`).
"""

from __future__ import annotations

import dataclasses
import math
import secrets
from functools import partial
from typing import Any

import mesa
import numpy as np

from sim.config.calendar import changes_at
from sim.config.keywords import apply_keywords
from sim.config.params import Config
from sim.config.validate import ensure_valid
from sim.core import arrivals, rng
from sim.core.agents import Claimant, ClientManager, Employer
from sim.core.economy import resolved, vacancy_index
from sim.core.engines import AgentEngine, FastEngine
from sim.core.events import Events
from sim.core.ledger import EVENT_COLUMNS, FLOW_COLUMNS, LEDGER_COLUMNS, book_month
from sim.core.measured import month_number, stock_ratio
from sim.core.memory import LARGE_POPULATION, keep_freed_memory
from sim.core.population import Population, SpellTable, State
from sim.core.rules import Rules
from sim.policies.mix import build_policies

COMPACT_SHARE = 0.25  # drop rows of people who left once they are this share of the table


def ledger_value(model: ReintegrationModel, name: str) -> float:
    """A Mesa model reporter: one column of the month's ledger (a module function under
    ``partial``, not a lambda, so that a model can be pickled as a checkpoint)."""
    return model.ledger[name]


def spun_up_stock(cfg: Config) -> int:
    """The caseload the warm-up builds: ``municipality.claimants`` itself, or, before a
    spin-up, that figure times the national stock's ratio between the two dates (checked
    to exist when the config is validated)."""
    if not cfg.run.spinup_from:
        return cfg.municipality.claimants
    ratio = stock_ratio(cfg.run.spinup_from, cfg.municipality.start_date)
    return max(1, round(cfg.municipality.claimants * ratio))


class ReintegrationModel(Events, mesa.Model):
    """A municipality's claimants, client managers and employers, month by month.

    Build it from a :class:`~sim.config.params.Config`, from flat keywords, or both (the
    keywords then change a copy of the config)::

        ReintegrationModel(claimants=300, economy="recession", policy=["wage_subsidy"],
                           seed=7)
        ReintegrationModel(cfg, replication=2)

    The short keywords are in :data:`sim.config.keywords.COMMON`; any parameter can be
    given by its dotted key (``**{"behaviour.search_base": 0.5}``). As in Mesa, a model
    built without a seed (no ``seed=`` and no config) draws a fresh one, recorded in
    ``cfg.run.seed``. The caseload is warmed up before month 0 so that month 0 already
    looks like a mature caseload of ``municipality.claimants`` people; each ``step()``
    then simulates one month, and ``running`` turns False at ``run.horizon_months``.
    """

    def __init__(self, config: Config | None = None, replication: int = 0,
                 **keywords: Any) -> None:
        unseeded = config is None and "seed" not in keywords
        cfg = (apply_keywords(config, keywords) if keywords
               else ensure_valid(config if config is not None else Config()))
        if unseeded:
            cfg.run.seed = secrets.randbelow(2**62)
        seed = rng.derive_seed(cfg.run.seed, replication)
        super().__init__(seed=seed)
        self.cfg = cfg
        self.seed = seed
        self.replication = replication
        self.calendar_start = month_number(cfg.municipality.start_date)  # month 0
        origin = cfg.run.spinup_from or cfg.municipality.start_date
        self.history_months = self.calendar_start - month_number(origin)
        self.first_month = -(cfg.run.warmup_months + self.history_months)
        self.month = self.first_month
        self._rules_by_regime: dict[tuple, Rules] = {}
        self._rules_by_month: dict[int, Rules] = {}
        self.rules = self._rules_in_force()
        self.generation = 0  # bumped when population rows are compacted
        self.balanced_stock = spun_up_stock(cfg)  # the stock the warm-up holds
        n = max(cfg.municipality.claimants, self.balanced_stock)
        if n >= LARGE_POPULATION:
            keep_freed_memory()
        self.pop = Population(capacity=int(n * 2.2) + 64)
        self.spells = SpellTable(capacity=int(n * 2) + 64)
        self.labour_market = cfg.municipality.labour_market()
        measured = cfg.economy.kind == "measured"
        self.economy = resolved(cfg.economy, origin,
                                self.history_months + cfg.run.horizon_months)
        self.economy_offset = self.history_months if measured else 0
        self.flows = dict.fromkeys((*FLOW_COLUMNS, *EVENT_COLUMNS), 0)
        self.policies = build_policies(type(cfg.policy)(), self)  # none before month 0
        self._create_employers()
        self._create_client_managers()
        self.engine = FastEngine(self) if cfg.run.engine == "fast" else AgentEngine(self)
        self.vacancies = None
        self.new_rate: float | None = None  # steady new applicants per month, from warm-up
        self.warmup_new: list[int] = []
        self.ledger: dict[str, float] = {}
        arrivals.create_initial_caseload(self)
        while self.month < 0:
            self._advance()
        self.initial_stock = self.ledger["stock"]  # month-end stock before month 0
        self.install_policies(cfg.policy)

    def install_policies(self, policy: Any) -> None:
        """Switch on the instruments of ``policy`` as month 0 begins.

        No instrument acts before month 0, so the state after warm-up and spin-up is the
        same with or without them: a scenario and its baseline share it (see
        :func:`sim.core.checkpoint.at_month_zero`). A model takes its policy once.
        """
        if self.policies.instruments:
            raise RuntimeError("this model's instruments are already installed")
        self.cfg.policy = policy
        self.policies = build_policies(policy, self)
        self.client_managers += self.policies.create_client_managers(
            start=len(self.client_managers))
        self.cm_capacity = np.array([cm.contacts_per_month for cm in self.client_managers],
                                    dtype=np.int64)
        self.collect_columns((*LEDGER_COLUMNS, *self.policies.column_names()))
        self.policies.attach()

    def collect_columns(self, columns: tuple[str, ...]) -> None:
        """Collect these columns of the month's ledger at every step (all of them after
        :meth:`install_policies`; a paired comparison needs only a few totals)."""
        self.datacollector = mesa.DataCollector(model_reporters={
            name: partial(ledger_value, name=name) for name in columns})

    # --- the schedule ----------------------------------------------------------------
    def step(self) -> None:
        """One month: employers, outside flows, client managers, search, hiring, exits."""
        self._advance()
        self.datacollector.collect(self)
        if self.month >= self.cfg.run.horizon_months:
            self.running = False

    def _advance(self) -> None:
        e, policies = self.engine, self.policies
        self.drop_the_departed()
        self.begin_month()
        e.employers_open_vacancies()
        policies.run_stage("outside_flows")  # subsidies end, WW claimants are approached
        e.employers_review_staff()  # job losses send people back to bijstand
        e.claimants_end_other_income()  # some who left for other income come back
        e.ww_claimants_end()  # WW runs out: a claim, unless a partner or assets block it
        policies.run_stage("caseload")  # programmes enrol claimants
        e.client_managers_meet_caseloads()
        e.claimants_search()  # claimants and WW claimants apply to vacancies
        e.employers_hire()
        policies.run_stage("hired")  # offers are known: subsidy bookkeeping
        e.claimants_accept_offers()
        e.claimants_leave_for_other_reasons()
        arrivals.arrive(self)
        self.end_month()

    # --- month bookkeeping -----------------------------------------------------------
    @property
    def economy_month(self) -> int:
        """This month on the economy's path (negative before the path starts)."""
        return self.month + self.economy_offset

    @property
    def vacancy_index(self) -> float:
        return vacancy_index(self.economy, self.economy_month)

    @property
    def job_loss_index(self) -> float:
        return self.rules.job_loss_pull(self.vacancy_index)

    @property
    def other_income_index(self) -> float:
        return self.rules.other_income_pull(self.vacancy_index)

    @property
    def balanced(self) -> bool:
        """Warm-up: inflow is held to keep the caseload at its starting size."""
        return self.month < -self.history_months

    @property
    def calendar_month(self) -> int:
        """The calendar month (a count of months) whose regimes hold; warm-up holds those
        of the first calendar-driven month."""
        return self.calendar_start + max(self.month, -self.history_months)

    def _rules_in_force(self) -> Rules:
        """The rules of this month's regimes, built once per set of regime values (and
        looked up once per calendar month)."""
        month = self.calendar_month
        rules = self._rules_by_month.get(month)
        if rules is None:
            changes = changes_at(self.cfg.calendar.regimes, self.cfg.behaviour, month)
            key = tuple(sorted(changes.items()))
            if key not in self._rules_by_regime:
                behaviour = (dataclasses.replace(self.cfg.behaviour, **changes) if changes
                             else self.cfg.behaviour)
                self._rules_by_regime[key] = Rules(behaviour)
            rules = self._rules_by_month[month] = self._rules_by_regime[key]
        return rules

    def begin_month(self) -> None:
        self.flows = dict.fromkeys((*FLOW_COLUMNS, *EVENT_COLUMNS), 0)
        self.rules = self._rules_in_force()
        self.policies.begin_month()

    def end_month(self) -> None:
        self.policies.end_month()
        if self.month >= -1:  # months before -1 are never read: their books are not kept
            self.ledger = book_month(self)
        if self.balanced:
            # applicants, before the gate check (no instrument screens during warm-up)
            self.warmup_new.append(self.flows["inflow_new"] + self.flows["gate_refused"])
        self.month += 1

    def drop_the_departed(self) -> None:
        """Drop the rows of people no longer followed, once they are many. Done as a
        month begins, so after a step the month's leavers can still be read."""
        pop = self.pop
        gone = pop.n - int((pop.state != State.GONE.value).sum())
        if gone > COMPACT_SHARE * pop.n:
            pop.compact()
            self.generation += 1
            self.engine.on_compact()

    # --- set-up ----------------------------------------------------------------------
    def _create_employers(self) -> None:
        mun = self.cfg.municipality
        n = max(5, round(mun.claimants * mun.employers_per_1000 / 1000))
        self.employers = [Employer(self, i, *attributes)
                          for i, attributes in enumerate(Employer.attributes(self, n))]
        total = sum(e.raw_weight for e in self.employers)
        for e in self.employers:
            e.weight = e.raw_weight / total
        # the employers' fixed attributes as arrays, for the stages
        self.employer_weight = np.array([e.weight for e in self.employers])
        self.employer_screening = np.array([e.screening for e in self.employers])
        self.employer_level = np.array([e.level for e in self.employers], dtype=np.int8)
        self.employer_firing = np.array([e.firing for e in self.employers])

    def _create_client_managers(self) -> None:
        mun = self.cfg.municipality
        self.n_regular_cm = max(1, math.ceil(mun.claimants / mun.caseload_ratio))
        self.client_managers = [ClientManager(self, index=i, team="regular")
                                for i in range(self.n_regular_cm)]
        self.cm_capacity = np.array([cm.contacts_per_month for cm in self.client_managers],
                                    dtype=np.int64)

    # --- Mesa views --------------------------------------------------------------------
    @property
    def agents_by_type(self):
        self.engine.sync_views()
        return super().agents_by_type

    @property
    def agents(self):
        self.engine.sync_views()
        return super().agents

    def claimant(self, person_id: int) -> Claimant:
        """The Claimant agent of a person still followed by the model."""
        self.engine.sync_views()
        return self.engine.views[person_id]
