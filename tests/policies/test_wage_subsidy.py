"""Wage cost subsidy: more outflow to (subsidised) work; hires judged at the vacancy."""

from __future__ import annotations

from policy_helpers import assert_baseline_columns_equal, baseline, config, exits_to_work, run

from sim.policies.registry import Policy
from sim.policies.target import TargetGroup
from sim.policies.wage_subsidy import WageSubsidy


def test_subsidy_raises_outflow_to_work_for_low_wage_value() -> None:
    gains = []
    for rep in range(2):
        _, monthly, _ = run(config(Policy(wage_subsidy=WageSubsidy())), replication=rep)
        base, _ = baseline(replication=rep)
        assert base["outflow_subsidised_work"].sum() == 0
        assert monthly["outflow_subsidised_work"].sum() > 100
        gains.append(exits_to_work(monthly) - exits_to_work(base))
        # at the vacancy, a subsidised hire added a job or took it from an outsider, or
        # neither (the claimant would have won it, or another claimant would have)
        judged = monthly["wage_subsidy_additional"] + monthly["wage_subsidy_displaced_outsiders"]
        assert (judged <= monthly["wage_subsidy_starts"]).all()
        assert (monthly["wage_subsidy_starts"] == monthly["outflow_subsidised_work"]).all()
        assert monthly["wage_subsidy_displaced_outsiders"].sum() > 0
        assert monthly["wage_subsidy_additional"].sum() > 0
    assert min(gains) > 40, gains


def test_subsidy_stock_is_paid_every_month() -> None:
    _, monthly, _ = run(config(Policy(wage_subsidy=WageSubsidy()), horizon=12))
    late = monthly[monthly["month"] >= 3]
    assert (late["wage_subsidy_participants"] > 0).all()
    assert (late["wage_subsidy_cost"] > late["wage_subsidy_participants"] * 100).all()


def test_empty_target_group_is_the_baseline() -> None:
    ws = WageSubsidy(target=TargetGroup(min_age=119))
    _, monthly, _ = run(config(Policy(wage_subsidy=ws)))
    base, _ = baseline()
    assert monthly["wage_subsidy_starts"].sum() == 0
    assert_baseline_columns_equal(monthly, base)
