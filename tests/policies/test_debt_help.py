"""Debt help: participants' debt barrier is resolved more often than without it."""

from __future__ import annotations

from policy_helpers import (
    StartLog,
    assert_baseline_columns_equal,
    barrier_shares,
    baseline,
    config,
    run,
)

from sim.core.model import ReintegrationModel
from sim.policies.debt_help import DebtHelp
from sim.policies.registry import Policy
from sim.policies.target import TargetGroup


def test_participants_lose_the_debt_barrier_more_often() -> None:
    dh = DebtHelp()
    log = StartLog("debt_help_spell")
    model, monthly, _ = run(config(Policy(debt_help=dh), horizon=24), each_month=log)
    base = ReintegrationModel(config(horizon=24))
    for _ in range(24):
        base.step()
    ids = log.frame["person_id"].to_numpy()
    in_debt_policy, in_debt_base, n = barrier_shares(model, base, ids, "debt")
    assert n > 150
    assert in_debt_policy < in_debt_base - 0.2, (in_debt_policy, in_debt_base)
    assert monthly["debt_help_debts_resolved"].sum() > 50
    assert (monthly["debt_help_participants"] <= dh.places).all()
    assert (monthly["debt_help_cost"]
            == monthly["debt_help_participants"] * dh.cost_per_case_month).all()


def test_only_claimants_with_debts_get_a_case() -> None:
    model = ReintegrationModel(config(Policy(debt_help=DebtHelp(target=TargetGroup()))))
    model.policies.begin_month()
    model.policies.run_stage("caseload")  # the month's enrolment, before any contact
    cases = model.pop.debt_help_since >= 0
    assert cases.sum() > 50
    assert model.pop.debt[cases].all()


def test_no_places_is_the_baseline() -> None:
    _, monthly, _ = run(config(Policy(debt_help=DebtHelp(places=0))))
    base, _ = baseline()
    assert_baseline_columns_equal(monthly, base)
