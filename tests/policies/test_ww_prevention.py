"""WW-to-bijstand prevention: fewer people reach the end of WW and claim bijstand."""

from __future__ import annotations

from policy_helpers import assert_baseline_columns_equal, baseline, config, run, total

from sim.policies.registry import Policy
from sim.policies.target import TargetGroup
from sim.policies.ww_prevention import WWPrevention


def test_fewer_claimants_come_from_ww() -> None:
    for rep in range(2):
        _, monthly, _ = run(config(Policy(ww_prevention=WWPrevention())), replication=rep)
        base, _ = baseline(replication=rep)
        # new applicants do not depend on the policy: only the WW route moves
        assert (monthly["inflow_new"] == base["inflow_new"]).all()
        # they compete for the same vacancies as everyone else, so the lift is diluted
        assert total(monthly, "inflow_ww") < 0.95 * total(base, "inflow_ww")
        assert total(monthly, "stock_ww") < total(base, "stock_ww")
        assert monthly["ww_prevention_exits_to_work"].sum() > 0
        assert (monthly["ww_prevention_cost"]
                == monthly["ww_prevention_starts"] * WWPrevention().cost_per_person).all()


def test_empty_target_group_is_the_baseline() -> None:
    wp = WWPrevention(target=TargetGroup(min_age=119))
    _, monthly, _ = run(config(Policy(ww_prevention=wp)))
    base, _ = baseline()
    assert monthly["ww_prevention_starts"].sum() == 0
    assert_baseline_columns_equal(monthly, base)
