"""The calibration is deterministic and reproduces the committed defaults."""

from __future__ import annotations

import pytest

from sim.analysis import calibration as calibrate
from sim.config.behaviour import Behaviour


def test_committed_fit_is_what_the_defaults_use():
    fitted = calibrate.committed()
    assert set(fitted) == {f.key for f in calibrate.FREE}
    defaults = Behaviour()
    for key, value in fitted.items():
        assert getattr(defaults, key) == value


def test_a_short_search_repeats_exactly():
    first = calibrate.calibrate(evaluations=4)
    assert calibrate.calibrate(evaluations=4) == first


@pytest.mark.heavy
def test_running_the_calibration_again_reproduces_the_committed_values():
    best, value = calibrate.calibrate()
    assert best == calibrate.committed(), (best, value)
    assert value < 1.0  # every fitted target within its tolerance band on average
