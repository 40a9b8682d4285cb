"""The municipality's bijstand caseload as a Mesa model, one step per month.

``ReintegrationModel.step`` is the monthly schedule. Each stage is carried out by the
chosen engine: the fast engine over all claimants at once, the agent engine as Mesa
agent methods one agent at a time. Both call the rules in :mod:`sim.rules` and draw
from the keyed streams in :mod:`sim.rng`, so they reach identical results.

Events that change a person's state (entering or leaving bijstand, leaving the model)
are model methods on row arrays, shared by both engines, so the bookkeeping (spells,
flows, client-manager assignment) is written once.
"""

from __future__ import annotations

import math

import mesa
import numpy as np

from sim import rng
from sim.agents import Claimant, ClientManager, Employer
from sim.economy import inflow_index, vacancy_index
from sim.engines import AgentEngine, FastEngine
from sim.params import Config, validate
from sim.policies import build_policies
from sim.population import BARRIERS, EndReason, Population, Route, SpellTable, State
from sim.rng import Purpose
from sim.rules import Rules

# Person ids: a block per month of arrival (block 0 is the starting population) and,
# within it, a block per route in the order they are added, so ids rise with the rows.
ID_MONTH_BLOCK = 1 << 24
ID_ROUTE_BLOCK = 1 << 22
ID_NEW, ID_SHOCK, ID_WW = 0, ID_ROUTE_BLOCK, 2 * ID_ROUTE_BLOCK
# The streams a new person's attributes are drawn from (one call for all of them).
PERSON_PURPOSES = (Purpose.HOUSEHOLD, Purpose.AGE, Purpose.AGE_WITHIN_BAND, Purpose.EDUCATION,
                   Purpose.PERMIT_HOLDER, Purpose.BARRIER_HEALTH, Purpose.BARRIER_DEBT,
                   Purpose.BARRIER_LANGUAGE, Purpose.BARRIER_CONFIDENCE, Purpose.WORK_HISTORY)
FLOW_COLUMNS = ("inflow_new", "inflow_ww", "inflow_return", "outflow_work",
                "outflow_subsidised_work", "outflow_other")
COST_COLUMNS = ("cost_benefits", "cost_staff", "cost_admin", "cost_instruments")
AGE_BAND_EDGES = (18, 27, 35, 45, 55, 67)


class ReintegrationModel(mesa.Model):
    """A municipality's claimants, client managers and employers, month by month.

    Build it from a :class:`~sim.params.Config` (defaults if omitted). The caseload is
    warmed up before month 0 so that month 0 already looks like a mature caseload of
    ``municipality.claimants`` people; each ``step()`` then simulates one month.
    """

    def __init__(self, config: Config | None = None, replication: int = 0) -> None:
        cfg = validate(config if config is not None else Config())
        seed = rng.derive_seed(cfg.run.seed, replication)
        super().__init__(seed=seed)
        self.cfg = cfg
        self.seed = seed
        self.replication = replication
        self.rules = Rules(cfg.behaviour)
        self.month = -cfg.run.warmup_months
        self.generation = 0  # bumped when population rows are compacted
        n = cfg.municipality.claimants
        self.pop = Population(capacity=int(n * 2.2) + 64)
        self.spells = SpellTable(capacity=int(n * 2) + 64)
        self.flows = dict.fromkeys(FLOW_COLUMNS, 0)
        self.policies = build_policies(cfg.policy, self)
        self.employers = self._create_employers()
        self.client_managers = self._create_client_managers()
        self.engine = FastEngine(self) if cfg.run.engine == "fast" else AgentEngine(self)
        self.vacancies = None
        self.new_rate: float | None = None  # steady new applicants per month, from warm-up
        self._warmup_new: list[int] = []
        self.ledger: dict[str, float] = {}
        self.datacollector = mesa.DataCollector(model_reporters={
            name: (lambda m, k=name: m.ledger[k])
            for name in (*MONTHLY_COLUMNS[2:], *self.policies.column_names())
        })
        self.policies.attach()
        self._create_initial_caseload()
        while self.month < 0:
            self._advance()
        self.initial_stock = self.ledger["stock"]  # month-end stock before month 0

    # --- the schedule ----------------------------------------------------------------
    def step(self) -> None:
        """One month: employers, outside flows, client managers, search, hiring, exits."""
        self._advance()
        self.datacollector.collect(self)

    def _advance(self) -> None:
        e, policies = self.engine, self.policies
        self.begin_month()
        e.employers_open_vacancies()
        policies.run_stage("outside_flows")  # subsidies end, WW claimants are approached
        e.employers_review_staff()  # job losses send people back to bijstand
        e.claimants_end_other_income()  # some who left for other income come back
        e.ww_claimants_search()  # WW claimants find work or reach the end of WW
        policies.run_stage("caseload")  # programmes enrol claimants
        e.client_managers_meet_caseloads()
        e.claimants_search()
        e.employers_hire()
        policies.run_stage("hired")  # offers are known: subsidy bookkeeping
        e.claimants_accept_offers()
        e.claimants_leave_for_other_reasons()
        self.arrive()
        self.end_month()

    # --- month bookkeeping -----------------------------------------------------------
    @property
    def vacancy_index(self) -> float:
        return vacancy_index(self.cfg.economy, self.month)

    def begin_month(self) -> None:
        self.flows = dict.fromkeys(FLOW_COLUMNS, 0)
        self.policies.begin_month()

    def end_month(self) -> None:
        self.policies.end_month()
        pop = self.pop
        on = pop.state == State.BIJSTAND
        stock = int(on.sum())
        counts = np.bincount(pop.household[on], minlength=3)
        m = self.cfg.money
        norms = (m.norm_single, m.norm_single_parent, m.norm_couple)
        benefits = float(sum(int(c) * norm for c, norm in zip(counts, norms, strict=True)))
        inflow = self.flows["inflow_new"] + self.flows["inflow_ww"] + self.flows["inflow_return"]
        outflow = (self.flows["outflow_work"] + self.flows["outflow_subsidised_work"]
                   + self.flows["outflow_other"])
        ledger = {
            "stock": stock,
            "inflow": inflow,
            **{k: self.flows[k] for k in FLOW_COLUMNS[:3]},
            "outflow": outflow,
            **{k: self.flows[k] for k in FLOW_COLUMNS[3:]},
            "stock_ww": int((pop.state == State.WW).sum()),
            "in_work": int(((pop.state == State.WORK)
                            | (pop.state == State.SUBSIDISED_WORK)).sum()),
            "vacancies": 0 if self.vacancies is None else len(self.vacancies),
            "vacancy_index": self.vacancy_index,
            "cost_benefits": benefits,
            "cost_staff": self.n_regular_cm * m.fte_cost_year / 12.0,
            "cost_admin": stock * m.admin_cost_year / 12.0,
            "cost_instruments": self.policies.month_cost(),
        }
        ledger["cost_total"] = (ledger["cost_benefits"] + ledger["cost_staff"]
                                + ledger["cost_admin"] + ledger["cost_instruments"])
        ledger.update(self.policies.month_columns())
        self.ledger = ledger
        if self.month < 0:
            self._warmup_new.append(self.flows["inflow_new"])
        self.month += 1
        gone = pop.n - int((pop.state != State.GONE).sum())
        if gone > 0.25 * pop.n:
            pop.compact()
            self.generation += 1
            self.engine.on_compact()

    # --- events shared by both engines ---------------------------------------------------
    def enter_bijstand(self, rows: np.ndarray, route: Route) -> None:
        """People start a bijstand spell this month (they act from next month)."""
        if len(rows) == 0:
            return
        pop, t = self.pop, self.month
        self.policies.on_enter_bijstand(rows, route)
        pop.state[rows] = State.BIJSTAND
        pop.spell_start[rows] = t
        pop.state_since[rows] = t
        pop.last_contact[rows] = t
        pop.cm[rows] = self.assign_client_manager(rows)
        pop.spell_row[rows] = self.spells.append({
            "person_id": pop.person_id[rows],
            "start_month": np.full(len(rows), t, dtype=np.int32),
            "route": np.full(len(rows), route, dtype=np.int8),
            "household": pop.household[rows],
            "age_years": (t - pop.birth_month[rows]) / 12.0,
            "education": pop.education[rows],
            **{b: pop.cols[b][rows] for b in BARRIERS},
            "wage_value": pop.wage_value[rows],
            "earlier_spells": pop.earlier_spells[rows],
        })
        if route != Route.INITIAL:
            key = {Route.NEW: "inflow_new", Route.WW: "inflow_ww"}.get(route, "inflow_return")
            self.flows[key] += len(rows)

    def leave_bijstand(self, rows: np.ndarray, reason: EndReason, to: State) -> None:
        """People end their bijstand spell this month, to work or elsewhere."""
        if len(rows) == 0:
            return
        pop = self.pop
        self.policies.on_leave_bijstand(rows, reason)
        self.spells.close(pop.spell_row[rows], self.month, reason)
        pop.state[rows] = to
        pop.state_since[rows] = self.month
        pop.earlier_spells[rows] += 1
        key = {EndReason.WORK: "outflow_work",
               EndReason.SUBSIDISED_WORK: "outflow_subsidised_work"}.get(reason, "outflow_other")
        self.flows[key] += len(rows)

    def start_work(self, rows: np.ndarray, employer: np.ndarray) -> None:
        """Claimants who accepted an offer leave bijstand for a job, some subsidised."""
        if len(rows) == 0:
            return
        self.pop.employer[rows] = employer
        self.pop.work_start[rows] = self.month
        subsidised = self.policies.start_work(rows)
        self.leave_bijstand(rows[subsidised], EndReason.SUBSIDISED_WORK, State.SUBSIDISED_WORK)
        self.leave_bijstand(rows[~subsidised], EndReason.WORK, State.WORK)

    def leave_model(self, rows: np.ndarray, reason: EndReason) -> None:
        """People outside bijstand stop being followed (settled, WW work, no claim)."""
        if len(rows) == 0:
            return
        self.policies.on_leave_model(rows, reason)
        self.pop.state[rows] = State.GONE
        self.pop.state_since[rows] = self.month

    def acting_on_bijstand(self) -> np.ndarray:
        """Rows of claimants on bijstand since before this month (entrants act from next)."""
        pop = self.pop
        return np.flatnonzero((pop.state == State.BIJSTAND) & (pop.spell_start < self.month))

    def assign_client_manager(self, rows: np.ndarray) -> np.ndarray:
        """A fixed rule (person id modulo the team), so both engines agree."""
        return self.policies.assign_client_manager(
            rows, (self.pop.person_id[rows] % self.n_regular_cm).astype(np.int32))

    # --- arrivals --------------------------------------------------------------------
    def arrive(self) -> None:
        """New applicants (plus any inflow shock) and new WW claimants enter the books."""
        t, b = self.month, self.cfg.behaviour
        n = self.cfg.municipality.claimants
        if t < 0:
            # warm-up holds the caseload at its starting size
            stock = int((self.pop.state == State.BIJSTAND).sum())
            count = max(0, n - stock)
        else:
            if self.new_rate is None:
                recent = self._warmup_new[-24:]
                self.new_rate = sum(recent) / len(recent)
            mean = self.new_rate * inflow_index(self.cfg.economy, t)
            count = int(rng.poisson_count(self.seed, 0, t, Purpose.NEW_COUNT, mean)[0])
        self._new_applicants(count, ID_NEW)
        shock = self.cfg.shock  # a scenario's extra applicants come on top, after the rest
        self._new_applicants(shock.arrivals(n, t), ID_SHOCK, shock.permit_holder_share)
        mean_ww = b.ww_entrants_per_1000 * n / 1000.0 * inflow_index(self.cfg.economy, t)
        count_ww = int(rng.poisson_count(self.seed, 0, t, Purpose.WW_COUNT, mean_ww)[0])
        if count_ww:
            values = self.draw_persons(count_ww, self.next_person_id + ID_WW, ww=True)
            values["state"] = np.full(count_ww, State.WW, dtype=np.int8)
            values["state_since"] = np.full(count_ww, t, dtype=np.int32)
            values["ww_end"] = np.full(count_ww, t + b.ww_track_months, dtype=np.int32)
            self.engine.on_new_rows(self.pop.append(values))

    def _new_applicants(self, count: int, id_offset: int,
                        permit_holder_share: float | None = None) -> None:
        """``count`` new applicants; those the policies screen out never claim."""
        if count:
            values = self.draw_persons(count, self.next_person_id + id_offset, ww=False,
                                       permit_holder_share=permit_holder_share)
            rows = self.pop.append(values)
            takes_up = self.policies.screen_applicants(rows)
            self.leave_model(np.setdiff1d(rows, takes_up), EndReason.NO_CLAIM)
            self.enter_bijstand(takes_up, Route.NEW)
            self.engine.on_new_rows(rows)

    @property
    def next_person_id(self) -> int:
        """The lowest id a person arriving this month (or later) can have."""
        return (self.month + self.cfg.run.warmup_months + 1) * ID_MONTH_BLOCK

    def draw_persons(self, count: int, first_id: int, ww: bool,
                     permit_holder_share: float | None = None) -> dict[str, np.ndarray]:
        """Attributes of new people, each drawn from the person's own keyed stream.

        Ids come from a block per month and route, so a person has the same id (and so
        the same luck) in every scenario, whatever arrives by other routes.
        ``permit_holder_share`` overrides the behaviour default (an inflow shock).
        """
        b, t, s = self.cfg.behaviour, self.month, self.seed
        if count > ID_ROUTE_BLOCK:
            raise ValueError(f"{count} arrivals in one month exceed the id block of "
                             f"{ID_ROUTE_BLOCK}")
        ids = first_id + np.arange(count, dtype=np.int64)
        draws = rng.uniform_many(s, ids, 0, PERSON_PURPOSES)

        def u(purpose: Purpose) -> np.ndarray:
            return draws[purpose]

        household = np.searchsorted(np.cumsum(self.cfg.municipality.household_shares[:-1]),
                                    u(Purpose.HOUSEHOLD), side="right").astype(np.int8)
        band = np.searchsorted(np.cumsum(b.age_band_shares[:-1]), u(Purpose.AGE), side="right")
        lo = np.asarray(AGE_BAND_EDGES[:-1])[band]
        hi = np.asarray(AGE_BAND_EDGES[1:])[band]
        age_months = np.floor((lo + (hi - lo) * u(Purpose.AGE_WITHIN_BAND)) * 12).astype(np.int32)
        education = np.searchsorted(np.cumsum(b.education_shares[:-1]),
                                    u(Purpose.EDUCATION), side="right").astype(np.int8)
        scale = b.ww_barrier_factor if ww else 1.0
        share = b.permit_holder_share if permit_holder_share is None else permit_holder_share
        permit_holder = u(Purpose.PERMIT_HOLDER) < share * scale
        barriers = {
            "health": u(Purpose.BARRIER_HEALTH) < b.barrier_health * scale,
            "debt": u(Purpose.BARRIER_DEBT) < b.barrier_debt * scale,
            "language": (u(Purpose.BARRIER_LANGUAGE) < b.barrier_language * scale)
            | permit_holder,  # permit holders are still learning Dutch
            "confidence": u(Purpose.BARRIER_CONFIDENCE) < b.barrier_confidence * scale,
        }
        wage = (np.asarray(b.wage_value_mean)[education]
                + b.wage_value_sd * rng.normal(s, ids, 0, Purpose.WAGE_VALUE)
                - np.where(barriers["health"], b.health_wage_penalty, 0.0))
        years_adult = np.maximum(age_months / 12.0 - 18.0, 0.0)
        history = years_adult * u(Purpose.WORK_HISTORY) * (0.9 if ww else 0.6)
        return {
            "person_id": ids,
            "household": household,
            "birth_month": (t - age_months).astype(np.int32),
            "education": education,
            "work_history_years": history,
            "wage_value": np.clip(wage, 0.2, 1.6),
            "permit_holder": permit_holder,
            **barriers,
        }

    # --- set-up ----------------------------------------------------------------------
    def _create_employers(self) -> list[Employer]:
        n = max(5, round(self.cfg.municipality.claimants
                         * self.cfg.municipality.employers_per_1000 / 1000))
        employers = [Employer(self, index=i) for i in range(n)]
        total = sum(e.raw_weight for e in employers)
        for e in employers:
            e.weight = e.raw_weight / total
        return employers

    def _create_client_managers(self) -> list[ClientManager]:
        mun = self.cfg.municipality
        self.n_regular_cm = max(1, math.ceil(mun.claimants / mun.caseload_ratio))
        managers = [ClientManager(self, index=i, team="regular")
                    for i in range(self.n_regular_cm)]
        return managers + self.policies.create_client_managers(start=len(managers))

    def _create_initial_caseload(self) -> None:
        """The stock at the start of warm-up, with a spread of spell durations."""
        n, b, t = self.cfg.municipality.claimants, self.cfg.behaviour, self.month
        values = self.draw_persons(n, ID_NEW, ww=False)  # block 0: the starting population
        u = rng.uniform(self.seed, values["person_id"], 0, Purpose.INITIAL_DURATION)
        elapsed = np.floor(-np.log1p(-u) * b.initial_mean_duration).astype(np.int32)
        values["birth_month"] = values["birth_month"] - elapsed
        rows = self.pop.append(values)
        self.enter_bijstand(rows, Route.INITIAL)
        self.pop.spell_start[rows] = t - elapsed
        self.pop.last_contact[rows] = t - 1
        spell = self.pop.spell_row[rows]  # the spells began ``elapsed`` months ago
        self.spells.cols["start_month"][spell] = t - elapsed
        self.spells.cols["age_years"][spell] = (t - elapsed - self.pop.birth_month[rows]) / 12.0
        self.engine.on_new_rows(rows)
        count_ww = round(b.ww_entrants_per_1000 * n / 1000.0 * b.ww_track_months)
        if count_ww:
            ww = self.draw_persons(count_ww, ID_WW, ww=True)
            left = 1 + np.floor(rng.uniform(self.seed, ww["person_id"], 0, Purpose.WW_REMAINING)
                                * b.ww_track_months).astype(np.int32)
            ww["state"] = np.full(count_ww, State.WW, dtype=np.int8)
            ww["state_since"] = np.full(count_ww, t, dtype=np.int32)
            ww["ww_end"] = t + left
            self.engine.on_new_rows(self.pop.append(ww))

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


MONTHLY_COLUMNS = ("replication", "month", "stock", "inflow", "inflow_new", "inflow_ww",
                   "inflow_return", "outflow", "outflow_work", "outflow_subsidised_work",
                   "outflow_other", "stock_ww", "in_work", "vacancies", "vacancy_index",
                   *COST_COLUMNS, "cost_total")
