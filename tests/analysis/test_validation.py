"""The default baseline reproduces the national flow rates within tolerance."""

from __future__ import annotations

import pytest

from sim.analysis.validation import TARGETS, compare
from sim.config.params import Config


@pytest.mark.slow
def test_baseline_reproduces_national_rates():
    cfg = Config()
    cfg.run.replications, cfg.run.horizon_months, cfg.run.progress = 6, 48, False
    table = compare(cfg)
    print(table[["measure", "target", "simulated"]].to_string(index=False))
    assert len(table) == len(TARGETS)
    missed = table[~table["within"]]
    assert missed.empty, missed[["measure", "low", "high", "simulated"]].to_string()
