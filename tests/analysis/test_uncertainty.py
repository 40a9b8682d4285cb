"""A paired effect's MC-only interval and its interval with parameter uncertainty."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import small_config
from scipy import stats as scipy_stats

from sim.analysis import stats
from sim.analysis.comparison import compare_sweep
from sim.analysis.uncertainty import mean_squares, paired_effect
from sim.config.posterior import POSTERIOR_ENV
from sim.output.scenario import run_scenario
from sim.policies.intensive_coaching import IntensiveCoaching

SIM_RUN = str(Path(sys.executable).with_name("sim-run"))
EFFECTS = ("extra_exits_to_work", "extra_inflow", "net_budget_effect")


def by_run(table: np.ndarray) -> pd.Series:
    """A draws x replications table as differences indexed by (draw, replication)."""
    k, r = table.shape
    index = pd.MultiIndex.from_product([range(k), range(r)], names=["draw", "replication"])
    return pd.Series(table.ravel(), index=index)


def test_one_draw_is_todays_paired_interval() -> None:
    diffs = np.array([2.0, 3.0, 4.0])
    want = stats.paired_interval(diffs)
    for series in (pd.Series(diffs), by_run(diffs[None, :])):
        e = paired_effect(series)
        assert (e.mean, e.low, e.high) == want and (e.full_low, e.full_high) == want[1:]
        assert e.draws == 1


def test_draws_that_agree_give_the_mc_interval_of_one_draw() -> None:
    row = np.array([2.0, 3.5, 4.0, 1.0])
    e = paired_effect(by_run(np.tile(row, (5, 1))))
    want = stats.paired_interval(row)  # the copies add no replications of their own
    assert e.draws == 5
    assert (e.mean, e.low, e.high) == pytest.approx(want)
    assert (e.full_low, e.full_high) == pytest.approx((e.low, e.high))


def test_draws_that_differ_widen_the_interval_by_the_law_of_total_variance() -> None:
    rng = np.random.default_rng(3)
    k, r = 6, 4
    shared = rng.normal(0, 1, r)  # replication r's seed, the same in every draw
    true = rng.normal(10, 3, k)   # the effect under each draw's parameters
    table = true[:, None] + shared[None, :] + rng.normal(0, 0.5, (k, r))
    e = paired_effect(by_run(table))
    ms_draw, ms_rep, ms_res = mean_squares(table)
    tau2 = (ms_draw - ms_res) / r
    within = ((table - table.mean(axis=1, keepdims=True)) ** 2).sum() / (k * (r - 1))
    assert (ms_rep + (k - 1) * ms_res) / k == pytest.approx(within)  # s_w², pooled
    mc_half = (e.high - e.low) / 2
    par_half = scipy_stats.t.ppf(0.975, k - 1) * math.sqrt(tau2)
    assert e.mean == pytest.approx(table.mean())
    assert (e.full_high - e.full_low) / 2 == pytest.approx(math.hypot(mc_half, par_half))
    assert e.full_high - e.full_low > 2 * (e.high - e.low)


def test_one_replication_per_draw_has_only_the_full_interval() -> None:
    effects = np.array([1.0, 2.0, 4.0])
    e = paired_effect(by_run(effects[:, None]))
    assert math.isnan(e.low) and math.isnan(e.high)
    assert (e.full_low, e.full_high) == pytest.approx(stats.paired_interval(effects)[1:])


def test_a_replication_missing_in_one_draw_is_left_out() -> None:
    diffs = by_run(np.array([[1.0, 2.0, 3.0], [1.5, 2.5, 3.5]])).drop((1, 2))
    assert paired_effect(diffs).mean == pytest.approx((1 + 2 + 1.5 + 2.5) / 4)


def write_posterior(path: Path, rows: list[tuple[float, float]]) -> Path:
    lines = ["# test posterior", "draw,weight,vacancies_per_1000,search_base"]
    lines += [f"{i},{1 / len(rows)!r},{v},{s}" for i, (v, s) in enumerate(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def job_pair(root: Path, draws: int) -> Path:
    """A baseline and an intensive-coaching job, run in this process, as a sweep holds them."""
    for name, policy in (("0", None), ("1", IntensiveCoaching())):
        cfg = small_config(claimants=200, horizon=12, replications=3)
        cfg.run.posterior_draws = draws
        cfg.policy.intensive_coaching = policy
        run_scenario(cfg, root / name)
    return root


def test_draws_with_the_same_values_leave_the_interval_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    defaults = small_config().behaviour
    same = (defaults.vacancies_per_1000, defaults.search_base)
    monkeypatch.setenv(POSTERIOR_ENV, str(write_posterior(tmp_path / "p.csv", [same] * 3)))
    plain = compare_sweep(job_pair(tmp_path / "plain", 0), plots=False).table.iloc[1]
    drawn = compare_sweep(job_pair(tmp_path / "drawn", 3), plots=False).table.iloc[1]
    assert plain["draws"] == 1 and drawn["draws"] == 3
    for name in EFFECTS:
        assert plain[f"{name}_full_lo"] == plain[f"{name}_lo"]
        assert plain[f"{name}_full_hi"] == plain[f"{name}_hi"]
        assert drawn[name] == pytest.approx(plain[name])
        for end in ("lo", "hi", "full_lo", "full_hi"):
            assert drawn[f"{name}_{end}"] == pytest.approx(plain[f"{name}_lo" if "lo" in end
                                                                else f"{name}_hi"])
    plain_md = (tmp_path / "plain" / "comparison.md").read_text()
    assert "Parameter uncertainty was not sampled" in plain_md
    assert "## Intervals" not in plain_md  # the tables hold the only interval there is
    drawn_md = (tmp_path / "drawn" / "comparison.md").read_text()
    assert "| 1 | intensive_coaching | Extra exits to work | 3 x 3 |" in drawn_md
    assert "| 1.0x |" in drawn_md  # as wide as MC only


@pytest.mark.slow
def test_a_sweep_over_posterior_draws_reports_both_intervals(tmp_path: Path) -> None:
    posterior = write_posterior(tmp_path / "p.csv", [(1.2, 0.45), (2.2, 0.55), (3.4, 0.65)])
    folder = tmp_path / "sweep"
    done = subprocess.run(
        [SIM_RUN, "-m", "municipality.claimants=200", "run.horizon_months=12",
         "run.warmup_months=24", "run.replications=2", "run.posterior_draws=3",
         "policy=baseline,intensive_coaching", f"hydra.sweep.dir={folder}"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, POSTERIOR_ENV: str(posterior)})
    assert done.returncode == 0, done.stderr[-3000:]
    for job in ("0", "1"):
        monthly = pd.read_csv(folder / job / "monthly.csv")
        assert list(monthly.columns[:3]) == ["draw", "replication", "month"]
        assert monthly.groupby(["draw", "replication"]).size().to_dict() == {
            (d, r): 12 for d in range(3) for r in range(2)}
        spells = pd.read_parquet(folder / job / "spells.parquet")
        assert set(spells["draw"]) == {0, 1, 2}
        summary = json.loads((folder / job / "summary.json").read_text())
        assert summary["posterior_draws"] == 3 and summary["posterior"]["draws"] == 3
        assert summary["posterior"]["posterior_draw"] == [0, 1, 2]
    row = pd.read_csv(folder / "comparison.csv").iloc[1]
    assert row["status"] == "ok" and row["draws"] == 3 and row["replications"] == 2
    for name in EFFECTS:
        assert row[f"{name}_full_lo"] <= row[f"{name}_lo"] <= row[name]
        assert row[name] <= row[f"{name}_hi"] <= row[f"{name}_full_hi"]
    assert (row["extra_exits_to_work_full_hi"] - row["extra_exits_to_work_full_lo"]
            > row["extra_exits_to_work_hi"] - row["extra_exits_to_work_lo"])
    md = (folder / "comparison.md").read_text()
    assert "MC only (95% CI)" in md and "With parameter uncertainty (95% CI)" in md
    assert "| 1 | intensive_coaching | Extra exits to work | 3 x 2 |" in md
    assert "Parameter uncertainty was sampled: 3 draws" in md
