"""The default intensive coaching replays the Almere trial's effect."""

from __future__ import annotations

import pytest

from sim.analysis.trials import ALMERE_EFFECT, replay_almere


@pytest.mark.slow
def test_almere_replay_lands_near_the_trial_effect():
    res = replay_almere(replications=6)
    print(res)
    assert 150 <= res.treated <= 199
    assert res.share_work_treated > res.share_work_control
    assert abs(res.effect - ALMERE_EFFECT) < 0.03
