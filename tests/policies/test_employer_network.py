"""Employer network: members screen less on time out of work and on origin; more hires."""

from __future__ import annotations

import numpy as np
from policy_helpers import (
    WORK_REASONS,
    assert_baseline_columns_equal,
    baseline,
    config,
    exits_to_work,
    run,
)

from sim.core.model import ReintegrationModel
from sim.core.population import State
from sim.policies.employer_network import EmployerNetwork
from sim.policies.registry import Policy


def long_spells_to_work(spells) -> int:
    to_work = spells["end_reason"].isin(WORK_REASONS)
    return int((to_work & (spells["end_month"] - spells["start_month"] >= 24)).sum())


def test_more_claimants_are_hired_most_of_all_the_long_term() -> None:
    en = EmployerNetwork()
    for rep in range(2):
        _, monthly, spells = run(config(Policy(employer_network=en)), replication=rep)
        base, base_spells = baseline(replication=rep)
        assert exits_to_work(monthly) > exits_to_work(base) + 15
        assert long_spells_to_work(spells) > long_spells_to_work(base_spells) + 15
        assert monthly["employer_network_exits_to_work"].sum() > 0
        assert (monthly["employer_network_cost"] == en.cost_per_month).all()


def test_the_bonus_offsets_duration_and_origin_penalties_only_at_members() -> None:
    en = EmployerNetwork(duration_offset=0.4, origin_offset=1.0)
    model = ReintegrationModel(config(Policy(employer_network=en)))
    run_ = model.policies.by_name["employer_network"]
    member = run_.member
    assert 0 < member.sum() < len(member)
    pop, b = model.pop, model.cfg.behaviour
    rows = np.flatnonzero(pop.state == State.BIJSTAND)
    employer = np.arange(len(rows)) % len(member)
    bonus = run_.score_bonus(rows, employer)
    years = np.minimum((model.month - pop.spell_start[rows]) / 12.0,
                       b.duration_penalty_cap_years)
    screening = np.array([e.screening for e in model.employers])[employer]
    expected = (0.4 * screening * b.duration_penalty_per_year * years
                + np.where(pop.language[rows], b.language_penalty, 0.0))
    np.testing.assert_allclose(bonus, np.where(member[employer], expected, 0.0), rtol=1e-12)
    assert (bonus[~member[employer]] == 0).all()
    # with the network the only instrument, the mix's bonus is the network's
    np.testing.assert_array_equal(model.policies.score_bonus(rows, employer), bonus)


def test_no_members_is_the_baseline() -> None:
    _, monthly, _ = run(config(Policy(employer_network=EmployerNetwork(member_share=0.0))))
    base, _ = baseline()
    assert_baseline_columns_equal(monthly, base)
