"""Intensive coaching: more exits to work among the target group, at a team's cost."""

from __future__ import annotations

import numpy as np
from policy_helpers import (
    StartLog,
    assert_baseline_columns_equal,
    baseline,
    config,
    ended_in_work_by,
    rows_of,
    run,
)

from sim.policies.intensive_coaching import IntensiveCoaching
from sim.policies.registry import Policy
from sim.policies.target import TargetGroup


def test_participants_leave_for_work_more_often_than_themselves_without_it() -> None:
    log = StartLog("intensive_coaching_spell")
    model, monthly, spells = run(config(Policy(intensive_coaching=IntensiveCoaching())),
                                 each_month=log)
    started = log.frame
    assert len(started) == monthly["intensive_coaching_starts"].sum() > 300
    _, base_spells = baseline()
    treated = ended_in_work_by(spells, started, 18)
    control = ended_in_work_by(base_spells, started, 18)
    # the Almere trial found about 8 points; require a clear gain of at least 3 points
    assert treated - control >= 0.03 * len(started), (treated, control, len(started))
    assert monthly["intensive_coaching_exits_to_work"].sum() > 0


def test_only_the_target_group_is_enrolled() -> None:
    log = StartLog("intensive_coaching_spell")
    model, _, _ = run(config(Policy(intensive_coaching=IntensiveCoaching()), horizon=3),
                      each_month=log)
    started = log.frame
    rows = rows_of(model, started["person_id"].to_numpy())
    rows, month = rows[rows >= 0], started["month"].to_numpy()[rows >= 0]
    age = (month - model.pop.birth_month[rows]) / 12.0
    assert len(rows) > 100 and (age >= 45).all()


def test_empty_target_group_changes_nothing_but_the_team_cost() -> None:
    ic = IntensiveCoaching(target=TargetGroup(min_age=119))
    _, monthly, _ = run(config(Policy(intensive_coaching=ic)))
    base, _ = baseline()
    assert monthly["intensive_coaching_starts"].sum() == 0
    assert_baseline_columns_equal(monthly, base, instrument_cost=True)
    team = np.ceil(ic.places / ic.caseload) * config().money.fte_cost_year / 12.0
    assert (monthly["cost_instruments"] == team).all()
