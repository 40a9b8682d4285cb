"""Sweeps: every launcher writes the same results, and the comparison follows the last job."""

from __future__ import annotations

import importlib.util
import json
import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hydra import compose, initialize_config_module
from hydra.core.override_parser.overrides_parser import OverridesParser

import sim.config.compose  # noqa: F401 - registers the schema for compose
from sim.analysis.tables import COLUMNS

SIM_RUN = str(Path(sys.executable).with_name("sim-run"))
SWEEP = ["-m", "policy=baseline,intensive_coaching", "municipality=small",
         "run.replications=3", "run.horizon_months=12", "run.warmup_months=24"]
NUMBERS = ["stock_horizon", "exits_to_work", "extra_exits_to_work", "extra_exits_to_work_lo",
           "extra_exits_to_work_hi", "cost_benefits", "cost_staff", "cost_admin",
           "cost_instruments", "cost_total", "benefit_savings", "net_budget_effect",
           "net_budget_effect_lo", "net_budget_effect_hi"]

pytestmark = pytest.mark.slow


def run_sweep(cwd: Path, folder: Path, *extra: str, python_code: str | None = None
              ) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-c", python_code] if python_code else [SIM_RUN]
    done = subprocess.run([*cmd, *SWEEP, f"hydra.sweep.dir={folder}", *extra], cwd=cwd,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def monthly_bytes(folder: Path) -> dict[str, bytes]:
    return {p.parent.name: p.read_bytes() for p in sorted(folder.glob("*/monthly.csv"))}


@pytest.fixture(scope="module")
def joblib_sweep(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The small sweep on the default launcher (joblib), run once for several tests."""
    cwd = tmp_path_factory.mktemp("joblib")
    folder = cwd / "sweep"
    done = run_sweep(cwd, folder)
    return folder, done.stdout + done.stderr


def test_default_launcher_is_joblib(joblib_sweep: tuple[Path, str]) -> None:
    folder, log = joblib_sweep
    assert "Joblib.Parallel" in log
    assert "joblib" in (folder / "multirun.yaml").read_text()


def test_every_job_leaves_the_output_contract(joblib_sweep: tuple[Path, str]) -> None:
    folder, _ = joblib_sweep
    for job in ("0", "1"):
        for name in ("monthly.csv", "spells.parquet", "summary.json", ".hydra/config.yaml",
                     ".hydra/overrides.yaml"):
            assert (folder / job / name).exists(), f"{job}/{name}"
        assert not list((folder / job).glob("*.tmp"))
    assert json.loads((folder / "0" / "summary.json").read_text())["policy"] == []
    assert json.loads((folder / "1" / "summary.json").read_text())["policy"] == [
        "intensive_coaching"]


def test_the_sweep_ends_with_a_comparison(joblib_sweep: tuple[Path, str]) -> None:
    folder, log = joblib_sweep
    assert f"comparison: {folder / 'comparison.md'}" in log
    table = pd.read_csv(folder / "comparison.csv", dtype={"job": str, "baseline_job": str})
    assert list(table.columns) == list(COLUMNS)
    assert list(table["scenario"]) == ["baseline", "intensive_coaching"]
    base, scen = table.iloc[0], table.iloc[1]
    assert base["status"] == "baseline" and scen["status"] == "ok"
    assert scen["baseline_job"] == base["job"] == "0"
    assert scen["municipality"] == base["municipality"] == "small"
    assert scen["replications"] == 3 and scen["horizon_months"] == 12
    for col in NUMBERS:
        assert math.isfinite(scen[col]), col
    assert scen["extra_exits_to_work_lo"] <= scen["extra_exits_to_work"] <= scen[
        "extra_exits_to_work_hi"]
    assert scen["cost_instruments"] > 0 and base["cost_instruments"] == 0
    assert scen["net_budget_effect"] == pytest.approx(scen["cost_total"] - base["cost_total"])
    for name in ("comparison.md", "caseload.png", "cost_vs_exits.png"):
        assert (folder / name).stat().st_size > 0
    assert "| 1 | intensive_coaching |" in (folder / "comparison.md").read_text()


def test_basic_and_joblib_launchers_write_identical_results(
        joblib_sweep: tuple[Path, str], tmp_path: Path) -> None:
    folder, _ = joblib_sweep
    basic = tmp_path / "basic"
    run_sweep(tmp_path, basic, "hydra/launcher=basic")
    assert "Joblib" not in (basic / "multirun.yaml").read_text()
    expected = monthly_bytes(folder)
    assert set(expected) == {"0", "1"}
    assert monthly_bytes(basic) == expected


@pytest.mark.skipif(importlib.util.find_spec("hydra_plugins.hydra_submitit_launcher") is None,
                    reason="the slurm extra is not installed: pip install -e '.[slurm]'")
def test_submitit_local_launcher(joblib_sweep: tuple[Path, str], tmp_path: Path) -> None:
    folder = tmp_path / "submitit"
    run_sweep(tmp_path, folder, "hydra/launcher=submitit_local")
    assert (folder / ".submitit").is_dir()
    assert monthly_bytes(folder) == monthly_bytes(joblib_sweep[0])
    assert len(pd.read_csv(folder / "comparison.csv")) == 2


@pytest.mark.skipif(importlib.util.find_spec("ray") is None
                    or importlib.util.find_spec("hydra_plugins.hydra_ray_launcher") is None,
                    reason="the ray extra is not installed: pip install -e '.[ray]'")
def test_ray_local_launcher(joblib_sweep: tuple[Path, str], tmp_path: Path) -> None:
    folder = tmp_path / "ray"
    run_sweep(tmp_path, folder, "hydra/launcher=ray_local")
    assert monthly_bytes(folder) == monthly_bytes(joblib_sweep[0])
    assert len(pd.read_csv(folder / "comparison.csv")) == 2


FLAKY = """
import sim.cli.run

real = sim.cli.run.run_scenario

def flaky(cfg, out, resolved=None):
    if cfg.policy.intensive_coaching is not None:
        raise RuntimeError("injected failure")
    return real(cfg, out, resolved)

sim.cli.run.run_scenario = flaky
sim.cli.run.main()
"""


def test_a_failing_job_does_not_stop_the_sweep_or_the_comparison(tmp_path: Path) -> None:
    folder = tmp_path / "sweep"
    # the basic launcher runs jobs in this process, where the patch applies
    done = run_sweep(tmp_path, folder, "hydra/launcher=basic", python_code=FLAKY)
    failure = json.loads((folder / "1" / "failed.json").read_text())
    assert failure["error"] == "RuntimeError" and "injected failure" in failure["message"]
    assert failure["overrides"][0] == "policy=intensive_coaching"
    assert not (folder / "1" / "summary.json").exists()
    assert (folder / "0" / "summary.json").exists()
    md = (folder / "comparison.md").read_text()
    assert "| 1 | failed |" in md and "RuntimeError: injected failure" in md
    assert list(pd.read_csv(folder / "comparison.csv")["scenario"]) == ["baseline"]
    assert "1 of 2 jobs failed or are incomplete" in done.stderr


def test_headline_experiment() -> None:
    with initialize_config_module(config_module="sim.configs", version_base="1.3"):
        cfg = compose(config_name="config", overrides=["+experiment=headline"],
                      return_hydra_config=True)
    assert cfg.municipality.name == "medium" and cfg.economy.kind == "steady"
    assert cfg.run.horizon_months == 48
    assert "joblib" in cfg.hydra.launcher._target_.lower()
    sweep = OverridesParser.create().parse_override(
        f"policy={cfg.hydra.sweeper.params.policy}")
    assert list(sweep.sweep_iterator()) == [
        "baseline", "intensive_coaching", "wage_subsidy", "ww_prevention",
        ["intensive_coaching", "wage_subsidy", "ww_prevention"]]


def test_the_sweep_writes_one_tidy_table_across_jobs(joblib_sweep: tuple[Path, str]) -> None:
    import duckdb
    import polars as pl

    folder, _ = joblib_sweep
    monthly = pd.read_parquet(folder / "sweep_monthly.parquet")
    assert len(monthly) == 2 * 3 * 12  # jobs x replications x months
    assert list(monthly.columns[:4]) == ["job", "scenario", "municipality", "economy"]
    assert monthly["scenario"].dtype == "category"
    assert set(monthly["scenario"]) == {"baseline", "intensive_coaching"}
    assert monthly["date"].dtype == "datetime64[ns]"
    assert monthly["date"].min() == pd.Timestamp("2024-01-01")
    per_job = pd.read_csv(folder / "1" / "monthly.csv")
    mine = monthly[monthly["job"] == "1"].reset_index(drop=True)
    assert mine["stock"].tolist() == per_job["stock"].tolist()
    spells = pd.read_parquet(folder / "sweep_spells.parquet")
    assert spells["end_reason"].dtype == "category" and spells["route"].dtype == "category"
    assert (spells["start_date"].dt.day == 1).all()
    sql = f"select scenario, sum(outflow_work) as work from '{folder / 'sweep_monthly.parquet'}'"
    by_scenario = duckdb.sql(sql + " group by scenario order by scenario").fetchall()
    assert [s for s, _ in by_scenario] == ["baseline", "intensive_coaching"]
    expected = monthly.groupby("scenario", observed=True)["outflow_work"].sum()
    assert [w for _, w in by_scenario] == expected.tolist()
    assert pl.read_parquet(folder / "sweep_spells.parquet").height == len(spells)
