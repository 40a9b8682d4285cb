"""Exemption: no obligations checked for the target group, so no sanctions and no call-in exits."""

from __future__ import annotations

from policy_helpers import assert_baseline_columns_equal, baseline, config, run, total

from sim.policies.exemption import Exemption
from sim.policies.registry import Policy
from sim.policies.target import TargetGroup


def test_the_exempted_meet_no_sanctions_and_are_not_called_in() -> None:
    everyone = Exemption(target=TargetGroup())
    _, monthly, _ = run(config(Policy(exemption=everyone)))
    base, _ = baseline()
    assert total(base, "sanctions") > 20 and total(base, "called_in") > 20
    assert total(monthly, "sanctions") == 0 and total(monthly, "called_in") == 0
    assert (monthly["sanctioned"] == 0).all() and (monthly["sanction_savings"] == 0).all()
    assert (monthly["exemption_participants"] > 0).all()
    assert (monthly["exemption_cost"] == 0).all()  # free by default


def test_only_the_target_group_is_released() -> None:
    long_term = Exemption()  # 24+ months on benefit
    _, monthly, _ = run(config(Policy(exemption=long_term)))
    base, _ = baseline()
    assert 0 < total(monthly, "sanctions") < total(base, "sanctions")
    assert (monthly["exemption_participants"] < monthly["stock"]).all()


def test_intrinsic_search_moves_outflow_to_work() -> None:
    def exits(lift: float) -> float:
        ex = Exemption(target=TargetGroup(), intrinsic_search=lift)
        _, monthly, _ = run(config(Policy(exemption=ex)))
        return total(monthly, "outflow_work")
    assert exits(0.5) < exits(1.0) < exits(2.0)


def test_empty_target_group_is_the_baseline() -> None:
    ex = Exemption(target=TargetGroup(min_age=119))
    _, monthly, _ = run(config(Policy(exemption=ex)))
    base, _ = baseline()
    assert_baseline_columns_equal(monthly, base)
