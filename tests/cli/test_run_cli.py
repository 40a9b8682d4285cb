"""The installed ``sim-run`` works from any folder and leaves the output contract there."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

SIM_RUN = str(Path(sys.executable).with_name("sim-run"))
SMALL = ["municipality=small", "run.replications=2", "run.horizon_months=6",
         "run.warmup_months=12"]


def test_sim_run_from_another_folder_writes_results_there(tmp_path: Path) -> None:
    done = subprocess.run([SIM_RUN, *SMALL], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    runs = list((tmp_path / "results" / "runs").glob("*/*"))
    assert len(runs) == 1, runs
    out = runs[0]
    assert f"results: {out}" in done.stdout
    for name in ("monthly.csv", "spells.parquet", "summary.json", ".hydra/config.yaml"):
        assert (out / name).exists(), name
    assert not list(out.glob("*.tmp")) and not (out / "failed.json").exists()
    monthly = pd.read_csv(out / "monthly.csv")
    assert sorted(monthly["replication"].unique()) == [0, 1]
    assert len(monthly) == 2 * 6
    summary = json.loads((out / "summary.json").read_text())
    assert summary["policy"] == []
    assert summary["provenance"]["config"]["municipality"]["name"] == "small"


FAILING = """
import sys
import sim.cli.run

def broken(cfg, out, resolved=None):
    raise RuntimeError("injected failure")

sim.cli.run.run_scenario = broken
sim.cli.run.main()
"""


def test_a_failing_single_run_exits_non_zero_and_says_why(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", FAILING, *SMALL], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode != 0
    assert "injected failure" in done.stderr
    (out,) = (tmp_path / "results" / "runs").glob("*/*")
    failure = json.loads((out / "failed.json").read_text())
    assert failure["error"] == "RuntimeError" and failure["message"] == "injected failure"
    assert failure["overrides"] == SMALL
    assert not (out / "summary.json").exists()
