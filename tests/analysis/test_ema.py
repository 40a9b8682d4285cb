"""A tiny EMA workbench experiment through sim.ema: 4 scenarios x 2 policies."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from sim.config.params import Config

ema_workbench = pytest.importorskip("ema_workbench", reason="the ema extra is not installed")


def test_a_tiny_ema_experiment_runs_through_the_adapter() -> None:
    from sim.ema import ema_model

    base = Config()
    base.municipality.claimants, base.run.warmup_months, base.run.horizon_months = 200, 12, 12
    model = ema_model(policies=["intensive_coaching"],
                      uncertainties=["behaviour.search_base", "behaviour.vacancies_per_1000"],
                      levers=["policy.intensive_coaching.places"], base=base, replications=2)
    names = [u.name for u in model.uncertainties] + [lever.name for lever in model.levers]
    assert names == ["behaviour__search_base", "behaviour__vacancies_per_1000",
                     "policy__intensive_coaching__places"]
    places = model.levers["policy__intensive_coaching__places"]
    assert (places.lower_bound, places.upper_bound) == (0, 400)  # the schema's explore range
    assert model.uncertainties["behaviour__search_base"].lower_bound == pytest.approx(0.275)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        experiments, outcomes = ema_workbench.perform_experiments(model, scenarios=4,
                                                                  policies=2)
    assert len(experiments) == 8
    assert set(outcomes) == {"extra_exits_to_work", "net_budget_effect",
                             "baseline_outflow_rate"}
    # the baseline of a scenario is the same whatever the lever: common random numbers
    rate = outcomes["baseline_outflow_rate"].reshape(2, 4)
    np.testing.assert_array_equal(rate[0], rate[1])
    assert len(set(rate[0])) == 4  # and differs between scenarios
    # the lever reaches the model: every experiment's budget effect is its own
    assert len(set(outcomes["net_budget_effect"])) == 8


def test_levers_come_from_the_schema_and_zero_places_switch_off() -> None:
    from sim.analysis.ema import PairedRun
    from sim.config.space import parameters

    base = Config()
    base.municipality.claimants, base.run.warmup_months, base.run.horizon_months = 150, 12, 6
    run = PairedRun(base, ["debt_help"], parameters(groups=(), instruments=["debt_help"]), 2)
    off = run(policy__debt_help__places=0)
    assert off["extra_exits_to_work"] == 0 and off["net_budget_effect"] == 0
