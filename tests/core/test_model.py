"""Accounting identities, checked every month of every run, and inspectable agents."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import check_identities, small_config

from sim.core.agents import Claimant, ClientManager, Employer
from sim.core.model import ReintegrationModel
from sim.core.population import EndReason, State
from sim.policies.registry import all_instruments


@pytest.mark.parametrize("engine,policy", [("fast", False), ("fast", True), ("agent", True)])
def test_identities_hold_every_month(engine, policy):
    cfg = small_config(claimants=250 if engine == "agent" else 600, horizon=18, engine=engine)
    if policy:
        cfg.policy = all_instruments()
        cfg.policy.intensive_coaching.places = 40
    for replication in range(2):
        model = ReintegrationModel(cfg, replication=replication)
        stock = model.initial_stock
        for _ in range(cfg.run.horizon_months):
            model.step()
            stock = check_identities(model, stock)


def test_warm_up_starts_month_zero_at_the_municipality_size():
    cfg = small_config(claimants=800)
    model = ReintegrationModel(cfg)
    assert abs(model.initial_stock - 800) <= 8
    spells = model.spells
    open_ = spells.column("end_reason") == EndReason.OPEN
    assert (spells.column("start_month")[open_] < 0).all()
    durations = -spells.column("start_month")[open_]
    assert 0.12 < (durations <= 12).mean() < 0.30  # a mature duration mix, not all new


def test_claimants_are_mesa_agents_under_the_fast_engine():
    model = ReintegrationModel(small_config(claimants=200))
    for _ in range(3):
        model.step()
    claimants = model.agents_by_type[Claimant]
    assert len(claimants) == model.pop.n
    on = [c for c in claimants if c.state == "bijstand"]
    assert len(on) == model.ledger["stock"]
    someone = on[0]
    row = model.pop.row_of(someone.person_id)
    assert someone.months_on_benefit == model.month - model.pop.spell_start[row]
    assert someone.wage_value == model.pop.wage_value[row]
    assert set(someone.barriers) <= {"health", "debt", "language", "confidence"}
    assert len(model.agents_by_type[ClientManager]) == len(model.client_managers)
    assert len(model.agents_by_type[Employer]) == len(model.employers)
    # views follow their person through compaction of the population
    for _ in range(30):
        model.step()
    for c in list(model.agents_by_type[Claimant])[:50]:
        assert model.pop.person_id[c.row] == c.person_id


def test_same_seed_same_run_and_other_seed_another():
    def path(seed):
        cfg = small_config(seed=seed)
        model = ReintegrationModel(cfg)
        for _ in range(12):
            model.step()
        return model.datacollector.get_model_vars_dataframe()

    assert path(5).equals(path(5))
    assert not path(5).equals(path(6))


def test_bad_parameter_fails_before_any_work():
    cfg = small_config()
    cfg.behaviour.search_base = 1.5
    with pytest.raises(ValueError, match=r"behaviour.search_base=1.5 is out of range"):
        ReintegrationModel(cfg)


def test_spells_record_the_age_at_entry():
    model = ReintegrationModel(small_config(claimants=400))
    model.step()
    s, pop = model.spells, model.pop
    on = pop.state == State.BIJSTAND
    rows = pop.spell_row[on]
    age_now = (model.month - pop.birth_month[on]) / 12.0
    since_entry = (model.month - s.column("start_month")[rows]) / 12.0
    np.testing.assert_allclose(s.column("age_years")[rows] + since_entry, age_now, atol=1e-9)
