"""The fast engine and the agent engine give identical output for the same seed."""

from __future__ import annotations

import pandas as pd
from conftest import small_config

from sim.output.scenario import run_scenario


def test_engines_write_identical_monthly_csv_and_spells(tmp_path):
    outputs = {}
    for engine in ("fast", "agent"):
        cfg = small_config(claimants=250, warmup=24, horizon=24, replications=2, engine=engine)
        run_scenario(cfg, tmp_path / engine)
        outputs[engine] = tmp_path / engine
    fast, agent = outputs["fast"], outputs["agent"]
    assert (fast / "monthly.csv").read_bytes() == (agent / "monthly.csv").read_bytes()
    pd.testing.assert_frame_equal(pd.read_parquet(fast / "spells.parquet"),
                                  pd.read_parquet(agent / "spells.parquet"))
    monthly = pd.read_csv(fast / "monthly.csv")
    assert monthly["outflow_work"].sum() > 0 and monthly["inflow_ww"].sum() > 0
