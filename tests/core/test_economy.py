"""The cycle pulls on inflow, job loss and exits to other income, and not in a steady economy."""

from __future__ import annotations

import pytest
from conftest import small_config

from sim.config.behaviour import Behaviour
from sim.config.params import Economy
from sim.core.economy import inflow_factor, vacancy_index
from sim.core.rules import Rules
from sim.output.scenario import run_replications


def test_a_steady_economy_pulls_on_nothing() -> None:
    e, rules = Economy(), Rules(Behaviour())
    for t in (-12, 0, 30):
        v = vacancy_index(e, t)
        assert v == inflow_factor(e, t) == 1.0
        assert rules.inflow_pull(v) == rules.job_loss_pull(v) == rules.other_income_pull(v)
        assert rules.other_income_pull(v) == 1.0


def test_a_recession_means_more_inflow_more_job_loss_and_fewer_other_exits() -> None:
    e, b = Economy(kind="recession", amplitude=0.3, ramp_months=10), Behaviour()
    rules = Rules(b)
    v = vacancy_index(e, 10)
    assert v == pytest.approx(0.7)
    # constant elasticities: index ** elasticity, positive however far vacancies move
    assert rules.job_loss_pull(v) == pytest.approx(0.7 ** -b.job_loss_elasticity)
    assert rules.other_income_pull(v) == pytest.approx(0.7 ** b.other_income_elasticity)
    assert rules.inflow_pull(v) == pytest.approx(0.7 ** -b.inflow_elasticity)
    assert 0.0 < rules.inflow_pull(4.0) < 1.0 < rules.job_loss_pull(0.25)
    boom = vacancy_index(Economy(kind="boom", amplitude=0.3, ramp_months=10), 10)
    assert rules.job_loss_pull(boom) < 1.0 < rules.other_income_pull(boom)


def test_vacancies_open_to_claimants_follow_the_index_by_their_elasticity() -> None:
    weight = 0.5
    full = Rules(Behaviour(vacancy_elasticity=1.0)).employer_vacancy_mean(weight, 2.0, 1000.0)
    damped = Rules(Behaviour(vacancy_elasticity=0.5)).employer_vacancy_mean(weight, 2.0, 1000.0)
    steady = Rules(Behaviour()).employer_vacancy_mean(weight, 1.0, 1000.0)
    assert full == pytest.approx(2 * steady) and damped == pytest.approx(2 ** 0.5 * steady)


def test_the_elasticities_reach_the_flows() -> None:
    def returns(job_loss_elasticity: float) -> float:
        cfg = small_config(claimants=600, horizon=24, replications=1)
        cfg.economy = Economy(kind="recession", amplitude=0.4, ramp_months=6)
        cfg.behaviour.job_loss_elasticity = job_loss_elasticity
        return float(run_replications(cfg)[0]["inflow_return"].sum())
    assert returns(2.0) > returns(0.0)
