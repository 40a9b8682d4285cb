"""Aftercare: fewer of those who found work lose the job and come back to bijstand."""

from __future__ import annotations

from policy_helpers import assert_baseline_columns_equal, baseline, config, run, total

from sim.policies.aftercare import Aftercare
from sim.policies.registry import Policy
from sim.policies.target import TargetGroup


def test_fewer_job_losses_back_into_bijstand() -> None:
    ac = Aftercare()
    for rep in range(2):
        _, monthly, _ = run(config(Policy(aftercare=ac)), replication=rep)
        base, _ = baseline(replication=rep)
        # a quarter fewer job losses in the first year: about 8% fewer returns overall
        assert total(monthly, "inflow_return") < 0.95 * total(base, "inflow_return")
        assert total(monthly, "stock") < total(base, "stock")
        assert monthly["aftercare_starts"].sum() > 500
        assert monthly["aftercare_returns"].sum() > 0
        assert (monthly["aftercare_cost"]
                == monthly["aftercare_participants"] * ac.cost_per_person_month).all()


def test_aftercare_ends_after_the_first_months_in_work() -> None:
    ac = Aftercare(months=3)
    model, monthly, _ = run(config(Policy(aftercare=ac), horizon=12))
    assert monthly["aftercare_completions"].sum() > 0
    # nobody is cared for longer than three months
    assert (monthly["aftercare_participants"]
            <= monthly["aftercare_starts"].rolling(3, min_periods=1).sum()).all()


def test_empty_target_group_is_the_baseline() -> None:
    ac = Aftercare(target=TargetGroup(min_age=119))
    _, monthly, _ = run(config(Policy(aftercare=ac)))
    base, _ = baseline()
    assert monthly["aftercare_starts"].sum() == 0
    assert_baseline_columns_equal(monthly, base)
