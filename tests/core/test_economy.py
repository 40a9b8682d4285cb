"""The cycle pulls on inflow, job loss and exits to other income, and not in a steady economy."""

from __future__ import annotations

import pytest
from conftest import small_config

from sim.config.params import Economy
from sim.core.economy import inflow_index, job_loss_index, other_income_index, vacancy_index
from sim.output.scenario import run_replications


def test_a_steady_economy_pulls_on_nothing() -> None:
    e = Economy()
    for t in (-12, 0, 30):
        assert vacancy_index(e, t) == inflow_index(e, t) == job_loss_index(e, t) == 1.0
        assert other_income_index(e, t) == 1.0


def test_a_recession_means_more_inflow_more_job_loss_and_fewer_other_exits() -> None:
    e = Economy(kind="recession", amplitude=0.3, ramp_months=10)
    shortfall = 1.0 - vacancy_index(e, 10)
    assert shortfall == pytest.approx(0.3)
    assert job_loss_index(e, 10) == pytest.approx(1 + e.job_loss_elasticity * shortfall)
    assert other_income_index(e, 10) == pytest.approx(1 - e.other_income_elasticity * shortfall)
    assert inflow_index(e, 10) > 1.0
    boom = Economy(kind="boom", amplitude=0.3, ramp_months=10)
    assert job_loss_index(boom, 10) < 1.0 < other_income_index(boom, 10)


def test_the_elasticities_reach_the_flows() -> None:
    def returns(job_loss_elasticity: float) -> float:
        cfg = small_config(claimants=600, horizon=24, replications=1)
        cfg.economy = Economy(kind="recession", amplitude=0.4, ramp_months=6,
                              job_loss_elasticity=job_loss_elasticity)
        return float(run_replications(cfg)[0]["inflow_return"].sum())
    assert returns(2.0) > returns(0.0)
