"""The output contract: monthly.csv, spells.parquet and summary.json."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import small_config

from sim.output.scenario import run_scenario

MONTHLY = ["replication", "month", "date", "stock", "inflow", "inflow_ww", "inflow_return",
           "outflow", "outflow_work", "outflow_other", "cost_benefits", "cost_staff",
           "cost_instruments", "cost_total"]
SPELLS = ["replication", "person_id", "start_month", "end_month", "end_reason"]


def test_a_run_writes_the_contract(tmp_path):
    cfg = small_config(claimants=400, horizon=30, replications=2)
    run_scenario(cfg, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "monthly.csv", "spells.parquet", "summary.json"]
    monthly = pd.read_csv(tmp_path / "monthly.csv")
    assert set(MONTHLY) <= set(monthly.columns)
    assert len(monthly) == 2 * 30
    assert monthly["date"].iloc[0] == "2024-01" and monthly["date"].iloc[29] == "2026-06"
    spells = pd.read_parquet(tmp_path / "spells.parquet")
    assert set(SPELLS) <= set(spells.columns)
    assert {"household", "age_years", "education", "health", "wage_value"} <= set(spells.columns)
    open_ = spells["end_reason"] == "open"
    assert spells.loc[open_, "end_month"].isna().all()
    assert spells.loc[~open_, "end_month"].notna().all()
    assert (spells["start_month"] < 0).any()  # spells from before month 0
    closed = spells[~open_]
    assert (closed["end_month"] - closed["start_month"] >= 1).all()
    assert {"work", "other_income"} <= set(spells["end_reason"])
    # a person keeps the same id across spells, and the spells do not overlap
    many = spells.groupby(["replication", "person_id"]).filter(lambda g: len(g) > 1)
    assert len(many) > 0
    for _, g in many.groupby(["replication", "person_id"]):
        g = g.sort_values("start_month")
        assert (g["start_month"].iloc[1:].to_numpy() >= g["end_month"].iloc[:-1].to_numpy()).all()
    # the stock at each month end equals the spells open at that month end
    rep0 = spells[spells["replication"] == 0]
    for t in (0, 10, 29):
        end = rep0["end_month"].astype("float64")
        on = (rep0["start_month"] <= t) & (end.isna() | (end > t))
        assert on.sum() == monthly.loc[(monthly.replication == 0) & (monthly.month == t),
                                       "stock"].item()
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["seed"] == cfg.run.seed and summary["replications"] == 2
    assert {"package_version", "git_commit", "config", "wall_seconds"} <= set(
        summary["provenance"])
    assert summary["headline"]["cumulative_outflow_work"] == monthly.groupby(
        "replication")["outflow_work"].sum().mean()


def test_same_config_and_seed_give_identical_files(tmp_path):
    cfg = small_config(claimants=300, horizon=12)
    run_scenario(cfg, tmp_path / "a")
    run_scenario(cfg, tmp_path / "b")
    assert (tmp_path / "a/monthly.csv").read_bytes() == (tmp_path / "b/monthly.csv").read_bytes()


def test_a_job_checks_its_config_once_not_per_replication(tmp_path, monkeypatch) -> None:
    import sim.config.validate as validate_module

    calls = []
    real = validate_module._check
    monkeypatch.setattr(validate_module, "_check", lambda cfg: (calls.append(1), real(cfg)))
    cfg = small_config(claimants=150, horizon=3, replications=3)
    run_scenario(cfg, tmp_path / "run")
    assert len(calls) == 1
    cfg.behaviour.search_base = 1.5  # a change after the check is checked again
    with pytest.raises(ValueError, match="behaviour.search_base=1.5"):
        run_scenario(cfg, tmp_path / "again")
