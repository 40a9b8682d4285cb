"""Praktijkleren: less search while learning, then a basic qualification and better scores."""

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

from sim.core.population import State
from sim.policies.praktijkleren import Praktijkleren
from sim.policies.registry import Policy


def test_lock_in_while_learning_then_better_scores_at_the_same_vacancy() -> None:
    pl = Praktijkleren(places=150)
    seen = {"applied": 0, "applied_base": 0}
    gains: list[np.ndarray] = []

    def compare(policy, base) -> None:
        pop = policy.pop
        learning, other = paired_rows(policy, base, np.flatnonzero(pop.praktijkleren_since >= 0))
        seen["applied"] += int((pop.vacancy[learning] >= 0).sum())
        seen["applied_base"] += int((base.pop.vacancy[other] >= 0).sum())
        certified = np.flatnonzero(pop.praktijkleren_certified
                                   & (pop.praktijkleren_spell == pop.spell_row)
                                   & (pop.state == State.BIJSTAND) & (pop.vacancy >= 0))
        certified, other = paired_rows(policy, base, certified)
        # the same vacancy, in the same spell (so the same time out of work), with the
        # same language barrier (contacts may resolve it at other times in the two runs)
        same = ((base.pop.vacancy[other] == pop.vacancy[certified])
                & (base.pop.spell_start[other] == pop.spell_start[certified])
                & (base.pop.language[other] == pop.language[certified]))
        gains.append(pop.score[certified[same]] - base.pop.score[other[same]])
        assert (pop.education[certified] >= 1).all()

    lockstep(Policy(praktijkleren=pl), 18, compare)
    # lock_in = 0.8: about a fifth fewer applications while learning
    assert seen["applied"] < 0.9 * seen["applied_base"], seen
    gain = np.concatenate(gains)
    assert len(gain) > 100
    # the same person at the same vacancy: the wage-value gain, plus the mismatch penalty
    # saved where the vacancy asks for a basic qualification
    assert (gain > pl.wage_value_gain - 1e-9).all(), np.sort(gain)[:5]
    assert gain.mean() > pl.wage_value_gain + 0.05


def test_only_the_unqualified_take_part_and_places_are_capped() -> None:
    pl = Praktijkleren()
    model, monthly, _ = run(config(Policy(praktijkleren=pl), horizon=8))
    learning = model.pop.praktijkleren_since >= 0
    assert learning.sum() > 0 and (model.pop.education[learning] == 0).all()
    assert (monthly["praktijkleren_participants"] <= pl.places).all()
    assert monthly["praktijkleren_certified"].sum() > 0
    assert (monthly["praktijkleren_cost"]
            == monthly["praktijkleren_starts"] * pl.cost_per_participant).all()


def test_no_places_is_the_baseline() -> None:
    _, monthly, _ = run(config(Policy(praktijkleren=Praktijkleren(places=0))))
    base, _ = baseline()
    assert_baseline_columns_equal(monthly, base)
