"""A historical spin-up: balanced at its start date, then driven by the data to month 0."""

from __future__ import annotations

import pytest
from conftest import small_config

from sim.config.schema import ConfigError
from sim.config.validate import validate
from sim.core.measured import stock_ratio
from sim.core.model import ReintegrationModel
from sim.output.scenario import run_replications


def spun_up(engine: str = "fast", **run) -> object:
    cfg = small_config(claimants=1500, warmup=60, horizon=12, replications=1, engine=engine)
    cfg.municipality.start_date, cfg.run.spinup_from = "2007-01", "2005-01"
    cfg.economy.kind = "measured"
    for k, v in run.items():
        setattr(cfg.run, k, v)
    return cfg


def test_the_spin_up_starts_from_the_national_ratio_and_arrives_out_of_balance() -> None:
    cfg = spun_up()
    model = ReintegrationModel(cfg)
    assert model.history_months == 24 and model.first_month == -24 - cfg.run.warmup_months
    ratio = stock_ratio("2005-01", "2007-01")
    assert ratio > 1.05  # the national stock fell from 2005 to 2006
    assert model.balanced_stock == round(1500 * ratio)
    # the history moves the stock away from its balance: down with the 2005-2006 rise in
    # vacancies, further than under a steady economy over the same months
    assert model.initial_stock < model.balanced_stock * 0.99
    cfg.economy.kind = "steady"
    assert ReintegrationModel(cfg).initial_stock > model.initial_stock


def test_a_spin_up_repeats_exactly_and_the_engines_agree() -> None:
    def small(engine: str):
        cfg = spun_up(engine)
        cfg.municipality.claimants, cfg.run.warmup_months = 250, 24
        return cfg
    fast = run_replications(small("fast"))[0]
    assert fast.equals(run_replications(small("fast"))[0])
    assert fast.equals(run_replications(small("agent"))[0])


def test_without_a_spin_up_a_run_is_as_before() -> None:
    cfg = small_config(claimants=300, horizon=6, replications=1)
    model = ReintegrationModel(cfg)
    assert model.history_months == 0 and model.balanced_stock == 300


@pytest.mark.parametrize(("date", "message"), [
    ("2005-1", r"run.spinup_from='2005-1': expected a calendar month"),
    ("2007-01", r"run.spinup_from='2007-01': not before municipality.start_date"),
    ("1990-01", r"run.spinup_from='1990-01'.*does not cover both; allowed: months from"),
])
def test_a_bad_spin_up_is_refused(date: str, message: str) -> None:
    cfg = spun_up()
    cfg.economy.kind = "steady"
    cfg.run.spinup_from = date
    with pytest.raises(ConfigError, match=message):
        validate(cfg)


def test_the_identities_hold_every_month_after_a_spin_up() -> None:
    from conftest import check_identities

    cfg = spun_up()
    cfg.municipality.claimants = 400
    model = ReintegrationModel(cfg)
    stock = model.initial_stock
    for _ in range(cfg.run.horizon_months):
        model.step()
        stock = check_identities(model, stock)
