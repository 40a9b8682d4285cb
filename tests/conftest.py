"""Shared fixtures: small, fast configurations."""

from __future__ import annotations

import numpy as np
import pytest

from sim.config.params import Config
from sim.core.model import ReintegrationModel
from sim.core.population import EndReason, State


def small_config(claimants: int = 300, warmup: int = 24, horizon: int = 24,
                 replications: int = 2, engine: str = "fast", seed: int = 11) -> Config:
    """A small municipality with a short warm-up, for fast tests."""
    cfg = Config()
    cfg.municipality.claimants = claimants
    cfg.run.warmup_months = warmup
    cfg.run.horizon_months = horizon
    cfg.run.replications = replications
    cfg.run.engine = engine
    cfg.run.seed = seed
    cfg.run.progress = False
    return cfg


@pytest.fixture
def small() -> Config:
    return small_config()


def check_identities(model: ReintegrationModel, previous_stock: int) -> int:
    """Assert the month's identities; return this month's stock."""
    led, pop, m = model.ledger, model.pop, model.cfg.money
    # stock(t) = stock(t-1) + inflow - outflow
    assert led["stock"] == previous_stock + led["inflow"] - led["outflow"]
    assert led["inflow"] == led["inflow_new"] + led["inflow_ww"] + led["inflow_return"]
    assert led["outflow"] == (led["outflow_work"] + led["outflow_subsidised_work"]
                              + led["outflow_other"])
    # every person is in exactly one known state, and only bijstand has an open spell
    assert set(np.unique(pop.state)) <= {int(s) for s in State}
    assert len(np.unique(pop.person_id)) == pop.n
    on = pop.state == State.BIJSTAND
    assert on.sum() == led["stock"]
    spells = model.spells
    open_rows = np.flatnonzero(spells.column("end_reason") == EndReason.OPEN)
    assert len(open_rows) == led["stock"]
    assert np.array_equal(np.sort(pop.spell_row[on]), open_rows)
    assert np.array_equal(spells.column("person_id")[pop.spell_row[on]], pop.person_id[on])
    # benefits paid equal the sum of the norms of the people on benefit
    norms = np.array([m.norm_single, m.norm_single_parent, m.norm_couple])
    assert led["cost_benefits"] == pytest.approx(norms[pop.household[on]].sum(), rel=1e-12)
    # the cost columns add up, and instrument costs are the sum of the instruments' costs
    parts = led["cost_benefits"] + led["cost_staff"] + led["cost_admin"] + led["cost_instruments"]
    assert led["cost_total"] == pytest.approx(parts, rel=1e-12)
    instruments = sum(v for k, v in led.items() if k.endswith("_cost") and k != "cost_total")
    assert led["cost_instruments"] == pytest.approx(instruments, rel=1e-9, abs=1e-6)
    return led["stock"]
