"""Value scan: scanned claimants apply to vacancies that fit their education, and win more."""

from __future__ import annotations

import numpy as np
from policy_helpers import (
    assert_baseline_columns_equal,
    baseline,
    config,
    lockstep,
    paired_rows,
    run,
)

from sim.policies.registry import Policy
from sim.policies.target import TargetGroup
from sim.policies.value_scan import ValueScan


def test_scanned_claimants_apply_where_they_fit_and_get_more_offers() -> None:
    seen = {"mismatch": 0, "applied": 0, "mismatch_base": 0, "applied_base": 0,
            "offers": 0, "offers_base": 0}

    def compare(policy, base) -> None:
        pop = policy.pop
        rows = np.flatnonzero((pop.value_scan_spell == pop.spell_row) & (pop.vacancy >= 0))
        rows, other = paired_rows(policy, base, rows, on_bijstand=False)
        requirement = policy.vacancies.requirement
        seen["applied"] += len(rows)
        seen["mismatch"] += int((requirement[pop.vacancy[rows]] > pop.education[rows]).sum())
        seen["offers"] += int(pop.offer[rows].sum())
        other = other[base.pop.vacancy[other] >= 0]
        seen["applied_base"] += len(other)
        seen["mismatch_base"] += int((requirement[base.pop.vacancy[other]]
                                      > base.pop.education[other]).sum())
        seen["offers_base"] += int(base.pop.offer[other].sum())

    lockstep(Policy(value_scan=ValueScan(scans_per_month=100)), 12, compare)
    assert seen["applied"] > 1000
    assert seen["mismatch"] == 0  # every month has vacancies open to the unqualified
    assert seen["mismatch_base"] > 0.1 * seen["applied_base"]
    assert seen["offers"] > 1.1 * seen["offers_base"], seen


def test_scans_are_paid_once() -> None:
    vs = ValueScan()
    _, monthly, _ = run(config(Policy(value_scan=vs), horizon=12))
    assert (monthly["value_scan_starts"] == vs.scans_per_month).all()
    assert (monthly["value_scan_cost"] == monthly["value_scan_starts"] * vs.cost_per_scan).all()


def test_empty_target_group_is_the_baseline() -> None:
    _, monthly, _ = run(config(Policy(value_scan=ValueScan(target=TargetGroup(min_age=119)))))
    base, _ = baseline()
    assert_baseline_columns_equal(monthly, base)
