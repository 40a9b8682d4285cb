"""The behaviour defaults are the committed posterior's centre."""

from __future__ import annotations

from sim.analysis import calibration as calibrate
from sim.config.behaviour import Behaviour


def test_committed_fit_is_what_the_defaults_use():
    fitted = calibrate.committed()
    assert set(fitted) == {f.key for f in calibrate.FREE}
    defaults = Behaviour()
    for key, value in fitted.items():
        assert getattr(defaults, key) == value
    for f in calibrate.FREE:
        assert f.low <= fitted[f.key] <= f.high, f.key
