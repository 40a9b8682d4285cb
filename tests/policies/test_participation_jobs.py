"""Participation jobs: the confidence barrier is resolved more often; no extra outflow."""

from __future__ import annotations

import numpy as np
import pytest
from policy_helpers import (
    StartLog,
    assert_baseline_columns_equal,
    barrier_shares,
    baseline,
    config,
    ended_in_work_by,
    rows_of,
    run,
)

from sim.config.schema import ConfigError
from sim.core.model import ReintegrationModel
from sim.policies.participation_jobs import ParticipationJobs
from sim.policies.registry import Policy
from sim.policies.target import TargetGroup
from sim.policies.trajectories import Trajectories


def test_participants_lose_the_confidence_barrier_more_often() -> None:
    pj = ParticipationJobs(places=300, target=TargetGroup(min_months_on_benefit=12,
                                                          barriers=["confidence"]))
    log = StartLog("participation_jobs_spell")
    model, monthly, spells = run(config(Policy(participation_jobs=pj), horizon=24),
                                 each_month=log)
    base = ReintegrationModel(config(horizon=24))
    for _ in range(24):
        base.step()
    started = log.frame
    ids = started["person_id"].to_numpy()
    still_policy, still_base, n = barrier_shares(model, base, ids, "confidence")
    assert n > 200
    assert still_policy < still_base - 0.15, (still_policy, still_base)
    assert monthly["participation_jobs_confidence_resolved"].sum() > 50
    # little or no outflow to regular work from the places themselves
    _, base_spells = baseline(horizon=36)
    treated = ended_in_work_by(spells, started[started["month"] < 12], 12)
    control = ended_in_work_by(base_spells, started[started["month"] < 12], 12)
    assert treated <= control * 1.5 + 5, (treated, control)
    assert (monthly["participation_jobs_cost"]
            == monthly["participation_jobs_participants"] * pj.cost_per_place_month).all()


def test_closing_step_takes_only_those_a_trajectory_did_not_help() -> None:
    tr = Trajectories(referrals_per_month=40, after_months=2)
    pj = ParticipationJobs(after_trajectory=True, target=TargetGroup())
    log = StartLog("participation_jobs_spell")
    model, monthly, _ = run(config(Policy(trajectories=tr, participation_jobs=pj),
                                   horizon=18), each_month=log)
    started = log.frame
    assert len(started) > 20
    rows = rows_of(model, started["person_id"].to_numpy())
    pop = model.pop
    # those still in the spell their place began in (others may have a new trajectory since)
    rows = rows[rows >= 0]
    rows = rows[pop.spell_row[rows] == pop.participation_jobs_spell[rows]]
    assert len(rows) > 10
    assert (pop.trajectories_done[rows] >= 0).all()  # completed a trajectory
    # in the same spell
    assert (pop.trajectories_spell[rows] == pop.participation_jobs_spell[rows]).all()
    first = started["month"].min()
    assert first >= tr.duration_months + tr.after_months


def test_closing_step_needs_trajectories() -> None:
    with pytest.raises(ConfigError, match="trajectories"):
        ReintegrationModel(config(Policy(participation_jobs=ParticipationJobs(
            after_trajectory=True))))


def test_no_places_is_the_baseline() -> None:
    _, monthly, _ = run(config(Policy(participation_jobs=ParticipationJobs(places=0))))
    base, _ = baseline()
    assert_baseline_columns_equal(monthly, base)
    assert np.all(monthly["participation_jobs_cost"] == 0)
