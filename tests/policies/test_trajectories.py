"""Trajectories: less search during the lock-in, more exits to work after completion."""

from __future__ import annotations

import numpy as np
from policy_helpers import (
    StartLog,
    assert_baseline_columns_equal,
    baseline,
    config,
    ended_in_work,
    rows_of,
    run,
)
from scipy.stats import binomtest

from sim.core.model import ReintegrationModel
from sim.core.population import State
from sim.policies.registry import Policy
from sim.policies.trajectories import Trajectories


def test_participants_search_less_while_on_the_trajectory() -> None:
    """The same persons in the same months apply less often than in the baseline."""
    tr = Trajectories(referrals_per_month=80)
    policy = ReintegrationModel(config(Policy(trajectories=tr)))
    base = ReintegrationModel(config())
    applied = {"policy": 0, "base": 0}
    n = 0
    for _ in range(tr.duration_months):
        policy.step()
        base.step()
        pop = policy.pop
        # on the trajectory during this month's search
        on = np.flatnonzero(pop.trajectories_since >= 0)
        rows = rows_of(base, pop.person_id[on])
        both = (rows >= 0) & (base.pop.state[np.maximum(rows, 0)] == State.BIJSTAND)
        on, rows = on[both], rows[both]
        n += len(on)
        applied["policy"] += int((pop.vacancy[on] >= 0).sum())
        applied["base"] += int((base.pop.vacancy[rows] >= 0).sum())
    assert n > 1000
    # lock_in = 0.7: expect about 30% fewer applications; require at least 15% fewer
    assert applied["policy"] < 0.85 * applied["base"], applied


def test_more_participants_leave_for_work_after_the_trajectory() -> None:
    """Each participant against the same person in the paired baseline, over three
    replications: more than 10% more find work, and of those who find work in one run only,
    significantly more do so on the trajectory (a one-sided sign test on the discordant
    pairs, as McNemar's)."""
    tr = Trajectories()
    window = tr.duration_months + tr.after_months
    only_treated = only_control = treated_all = control_all = 0
    for replication in range(3):
        log = StartLog("trajectories_spell")
        _, monthly, spells = run(config(Policy(trajectories=tr)), replication, each_month=log)
        started = log.frame
        started = started[started["month"] < 36 - window]
        assert len(started) > 300
        _, base_spells = baseline(replication=replication)
        treated = ended_in_work(spells, started, window)
        control = ended_in_work(base_spells, started, window)
        treated_all, control_all = treated_all + len(treated), control_all + len(control)
        only_treated += len(treated - control)
        only_control += len(control - treated)
        # a positive result is a job (during or after) or education
        assert (monthly["trajectories_positive_results"]
                == monthly["trajectories_exits_to_work"]
                + monthly["trajectories_to_education"]).all()
        assert ((spells["end_reason"] == "education").sum()
                == monthly["trajectories_to_education"].sum())
        assert (monthly["trajectories_cost"] == monthly["trajectories_starts"] * tr.price).all()
    # client managers refer those closest to work first, who often find work anyway
    assert treated_all > 1.1 * control_all, (treated_all, control_all)
    test = binomtest(only_treated, only_treated + only_control, 0.5, alternative="greater")
    assert test.pvalue < 0.01, (only_treated, only_control, test.pvalue)


def test_referring_those_closest_to_work_first_raises_the_gross_success_rate() -> None:
    """Creaming: the positive-result share (Zwolle: 20-30%, docs/evidence.md) is higher when
    client managers refer those closest to work than when referrals are random."""
    def success(rule: str) -> float:
        cfg = config(Policy(trajectories=Trajectories()))
        cfg.behaviour.enrolment_rule = rule
        _, monthly, _ = run(cfg)
        return (monthly["trajectories_positive_results"].sum()
                / monthly["trajectories_starts"].sum())
    creamed, at_random = success("closest_to_work"), success("random")
    assert 0.05 < at_random < creamed < 0.9, (at_random, creamed)


def test_no_referrals_is_the_baseline() -> None:
    _, monthly, _ = run(config(Policy(trajectories=Trajectories(referrals_per_month=0))))
    base, _ = baseline()
    assert_baseline_columns_equal(monthly, base)
