"""A larger earnings disregard: more part-time work taken on benefit, paid as benefit."""

from __future__ import annotations

from policy_helpers import assert_baseline_columns_equal, baseline, config, run, total

from sim.policies.earnings_disregard import EarningsDisregard
from sim.policies.registry import Policy
from sim.policies.target import TargetGroup


def test_more_claimants_take_part_time_work_and_keep_more_of_it() -> None:
    ed = EarningsDisregard()
    starts, base_starts = 0.0, 0.0
    for rep in range(2):
        _, monthly, _ = run(config(Policy(earnings_disregard=ed)), replication=rep)
        base, _ = baseline(replication=rep)
        starts += total(monthly, "part_time_starts")
        base_starts += total(base, "part_time_starts")
        assert total(monthly, "with_earnings") > total(base, "with_earnings")
    assert starts > 1.02 * base_starts, (starts, base_starts)
    assert (monthly["earnings_disregard_starts"] <= monthly["part_time_starts"]).all()
    assert monthly["earnings_disregard_starts"].sum() > 0
    extra = monthly["earnings_disregard_extra_disregard"]
    assert (extra >= 0).all() and extra.sum() > 0
    # the disregard is paid as benefit: the total disregard rises by at least the extra
    assert total(monthly, "disregard_paid") > total(base, "disregard_paid")
    assert (monthly["earnings_disregard_cost"]
            == monthly["earnings_disregard_participants"] * ed.cost_per_person_month).all()


def test_no_disregard_beyond_the_earnings_or_the_cap() -> None:
    ed = EarningsDisregard(share=1.0, max_month=100.0, months=600)
    _, monthly, _ = run(config(Policy(earnings_disregard=ed)))
    covered = monthly["earnings_disregard_participants"]
    assert (monthly["earnings_disregard_extra_disregard"] <= covered * 100.0 + 1e-9).all()
    assert (monthly["disregard_paid"] <= monthly["earnings"] + 1e-9).all()


def test_empty_target_group_is_the_baseline() -> None:
    ed = EarningsDisregard(target=TargetGroup(min_age=119))
    _, monthly, _ = run(config(Policy(earnings_disregard=ed)))
    base, _ = baseline()
    assert_baseline_columns_equal(monthly, base)
