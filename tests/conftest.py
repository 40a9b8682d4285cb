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
    # benefits paid: each norm less earnings above the disregard, less sanction cuts
    rows = np.flatnonzero(on)
    norms = np.array([m.norm_single, m.norm_single_parent, m.norm_couple])[pop.household[rows]]
    earnings = pop.earnings[rows]
    model.month -= 1  # the ledger was booked before the month moved on
    try:
        kept = model.disregard(rows, earnings, model.month - pop.part_time_start[rows])
    finally:
        model.month += 1
    before_cut = np.maximum(norms - np.maximum(earnings - kept, 0), 0)
    sanctioned = pop.sanction_until[rows] > model.month - 1
    assert led["sanctioned"] == sanctioned.sum()
    assert led["sanction_savings"] == pytest.approx(
        model.rules.sanction_cut * before_cut[sanctioned].sum(), rel=1e-9, abs=1e-6)
    assert led["cost_benefits"] + led["sanction_savings"] == pytest.approx(
        before_cut.sum(), rel=1e-12)
    assert led["cost_benefits"] <= norms.sum() + 1e-6
    assert led["with_earnings"] == (earnings > 0).sum()
    assert led["earnings"] == pytest.approx(earnings.sum(), rel=1e-12, abs=1e-9)
    assert 0 <= led["top_ups"] <= led["cost_benefits"] + 1e-6
    assert (earnings[earnings > 0] < norms[earnings > 0]).all()  # a job that pays the norm ends it
    # the cost columns add up, and instrument costs are the sum of the instruments' costs
    parts = led["cost_benefits"] + led["cost_staff"] + led["cost_admin"] + led["cost_instruments"]
    assert led["cost_total"] == pytest.approx(parts, rel=1e-12)
    instruments = sum(v for k, v in led.items() if k.endswith("_cost") and k != "cost_total")
    assert led["cost_instruments"] == pytest.approx(instruments, rel=1e-9, abs=1e-6)
    return led["stock"]
