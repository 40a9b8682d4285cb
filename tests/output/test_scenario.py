"""The output contract: monthly.csv, spells.parquet and summary.json."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pandas as pd
import pytest
from conftest import small_config

from sim.config.posterior import POSTERIOR_ENV
from sim.output.frames import with_draw
from sim.output.scenario import run_replications, run_scenario
from sim.output.sweep_folder import finished_as

MONTHLY = ["draw", "replication", "month", "date", "stock", "inflow", "inflow_ww", "inflow_return",
           "outflow", "outflow_work", "outflow_other", "cost_benefits", "cost_staff",
           "cost_instruments", "cost_total"]
SPELLS = ["draw", "replication", "person_id", "start_month", "end_month", "end_reason"]


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
    assert (monthly["draw"] == 0).all() and (spells["draw"] == 0).all()  # one draw
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["seed"] == cfg.run.seed and summary["replications"] == 2
    assert summary["posterior_draws"] == 0 and "posterior" not in summary
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


def write_posterior(path: Path, search_base: list[float]) -> Path:
    rows = [f"{i},{1 / len(search_base)!r},{v}" for i, v in enumerate(search_base)]
    path.write_text("# test posterior\ndraw,weight,search_base\n" + "\n".join(rows) + "\n")
    return path


def test_every_draw_reuses_the_replications_seeds(tmp_path, monkeypatch) -> None:
    cfg = small_config(claimants=200, horizon=6, replications=2)
    default = cfg.behaviour.search_base
    monkeypatch.setenv(POSTERIOR_ENV, str(write_posterior(tmp_path / "p.csv",
                                                          [default, default + 0.2])))
    plain, plain_spells = run_replications(cfg)
    cfg.run.posterior_draws = 2
    drawn, drawn_spells = run_replications(cfg)
    assert sorted(set(zip(drawn["draw"], drawn["replication"], strict=True))) == [
        (0, 0), (0, 1), (1, 0), (1, 1)]
    # draw 0 holds the default values: the very runs of the config without draws
    first = drawn[drawn["draw"] == 0].reset_index(drop=True)
    pd.testing.assert_frame_equal(first, plain)
    pd.testing.assert_frame_equal(
        drawn_spells[drawn_spells["draw"] == 0].reset_index(drop=True), plain_spells)
    second = drawn[drawn["draw"] == 1]
    assert second["outflow_work"].sum() != first["outflow_work"].sum()


def test_outputs_without_a_draw_column_read_as_one_draw() -> None:
    old = pd.DataFrame({"replication": [0, 1], "month": [0, 0]})
    assert list(with_draw(old).columns) == ["draw", "replication", "month"]
    frame = with_draw(old)
    assert (frame["draw"] == 0).all() and with_draw(frame) is frame


def test_a_finished_job_is_not_reused_once_its_posterior_changed(tmp_path, monkeypatch) -> None:
    posterior = write_posterior(tmp_path / "p.csv", [0.5, 0.6])
    monkeypatch.setenv(POSTERIOR_ENV, str(posterior))
    cfg = small_config(claimants=150, horizon=3, replications=1)
    cfg.run.posterior_draws = 2
    summary = run_scenario(cfg, tmp_path / "job")
    assert summary["posterior"]["file"] == "p.csv" and summary["posterior"]["draws"] == 2
    resolved = asdict(cfg)
    assert finished_as(tmp_path / "job", resolved)
    write_posterior(posterior, [0.5, 0.7])
    assert not finished_as(tmp_path / "job", resolved)
