"""sim.compare on hand-made job folders whose right answers are known in advance."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats as scipy_stats

from sim.analysis import comparison as compare
from sim.analysis import stats, tables
from sim.analysis.pairing import pairing_demo
from sim.cli import compare as compare_cli

MONTHS = 6


def write_job(root: Path, name: str, policy: list[str], *, economy: str = "steady",
              seed: int = 1, exits: list[float] | None = None,
              cost_total: list[float] | None = None, instruments: float = 0.0,
              benefits: float = 80.0, wage_subsidy: dict[str, float] | None = None,
              spells: list[dict] | None = None) -> Path:
    """A complete job: monthly.csv with three replications, and summary.json.

    ``exits`` are each replication's outflow to work in month 0 (split between regular
    and subsidised work); ``cost_total`` is the monthly total cost, the same in every
    replication; ``instruments`` is the instrument cost per month; ``spells`` are one
    replication's spell rows, written for each replication.
    """
    exits = exits or [10.0, 10.0, 10.0]
    cost_total = cost_total or [100.0] * MONTHS
    rows = []
    for r, e in enumerate(exits):
        for m in range(MONTHS):
            row = {"replication": r, "month": m, "date": f"2024-{m + 1:02d}",
                   "stock": 100 - m - r, "outflow_work": (e - 1) if m == 0 else 0,
                   "outflow_subsidised_work": 1 if m == 0 else 0,
                   "cost_benefits": benefits, "cost_staff": 5.0, "cost_admin": 10.0,
                   "cost_instruments": instruments, "cost_total": cost_total[m]}
            for k, v in (wage_subsidy or {}).items():
                row[f"wage_subsidy_{k}"] = v if m == 0 else 0
            rows.append(row)
    folder = root / name
    (folder / ".hydra").mkdir(parents=True)
    pd.DataFrame(rows).to_csv(folder / "monthly.csv", index=False)
    if spells is not None:
        pd.DataFrame([{"replication": r, **s} for r in range(len(exits)) for s in spells]
                     ).astype({"end_month": "Int32"}).to_parquet(folder / "spells.parquet")
    (folder / ".hydra" / "overrides.yaml").write_text(
        f"- policy=[{','.join(policy)}]\n- economy={economy}\n")
    config = {"municipality": {"name": "small", "claimants": 300},
              "economy": {"kind": economy},
              "policy": {p: {"x": 1, "duration_months": 3} for p in policy},
              "run": {"seed": seed, "replications": len(exits), "horizon_months": MONTHS,
                      "progress": bool(policy)}}
    summary = {"policy": policy, "seed": seed, "replications": len(exits),
               "horizon_months": MONTHS, "provenance": {"config": config}}
    (folder / "summary.json").write_text(json.dumps(summary))
    return folder


def spell(person: int, end: int | None, reason: str, start: int = 0) -> dict:
    return {"person_id": person, "start_month": start, "end_month": end, "end_reason": reason}


# person 1 is in work from month 2 in the baseline, within the 3-month subsidy from month 0:
# deadweight; person 2 never works in the baseline; person 3 loses the exit to work
BASE_SPELLS = [spell(1, 2, "work"), spell(2, None, "open"), spell(3, 1, "work")]
SUBSIDY_SPELLS = [spell(1, 0, "subsidised_work"), spell(2, 0, "subsidised_work"),
                  spell(3, None, "open")]


@pytest.fixture
def sweep(tmp_path: Path) -> Path:
    root = tmp_path / "sweep"
    write_job(root, "0", [], exits=[10, 12, 14], spells=BASE_SPELLS)
    # +3 exits on average, differences 2, 3, 4; costs break even from month 4
    write_job(root, "1", ["intensive_coaching"], exits=[12, 15, 18],
              cost_total=[130, 90, 90, 90, 90, 90], instruments=7.0, benefits=70.0)
    # fewer exits than the baseline: cost per extra exit is n/a; never breaks even
    write_job(root, "2", ["ww_prevention"], exits=[9, 11, 13],
              cost_total=[101] * MONTHS, instruments=2.0)
    write_job(root, "3", ["wage_subsidy"], exits=[11, 13, 15], instruments=3.0,
              wage_subsidy={"starts": 2, "displaced_outsiders": 1}, spells=SUBSIDY_SPELLS)
    # another economy with its own baseline: pairs there, not with job 0
    write_job(root, "4", [], economy="recession", exits=[5, 5, 5])
    write_job(root, "5", ["intensive_coaching"], economy="recession", exits=[6, 7, 8])
    # a seed without a baseline
    write_job(root, "6", ["intensive_coaching"], seed=2)
    # a failed and an unfinished job
    failed = root / "7"
    (failed / ".hydra").mkdir(parents=True)
    (failed / ".hydra" / "overrides.yaml").write_text("- policy=[wage_subsidy]\n")
    (failed / "failed.json").write_text(json.dumps(
        {"kind": "simulation", "error": "RuntimeError", "message": "boom"}))
    unfinished = root / "8"
    (unfinished / ".hydra").mkdir(parents=True)
    (unfinished / "monthly.csv.tmp").write_text("")
    (root / ".submitit").mkdir()
    (root / "multirun.yaml").write_text("{}\n")
    return root


def by_job(table: pd.DataFrame) -> dict[str, pd.Series]:
    return {r["job"]: r for _, r in table.iterrows()}


def test_paired_interval_is_the_t_interval_of_the_differences() -> None:
    mean, lo, hi = stats.paired_interval([2, 3, 4])
    half = scipy_stats.t.ppf(0.975, 2) * 1.0 / math.sqrt(3)
    assert mean == pytest.approx(3)
    assert (lo, hi) == pytest.approx((3 - half, 3 + half))
    assert math.isnan(stats.paired_interval([5])[1])


def test_independent_interval_is_wider_when_runs_share_luck() -> None:
    rng = np.random.default_rng(0)
    luck = rng.normal(0, 10, 20)
    base, scen = 100 + luck, 103 + luck + rng.normal(0, 1, 20)
    _, plo, phi = stats.paired_interval(scen - base)
    _, ilo, ihi = stats.independent_interval(scen, base)
    assert phi - plo < (ihi - ilo) / 3


@pytest.mark.parametrize("net,expected", [
    ([30, -10, -10, -10, -10, -10], 4),   # cumulative 30, 20, 10, 0, -10, -20
    ([-10, 20, -5, -5, -5, -5], 4),       # negative at first, then not, then for good
    ([-1, -1, -1], 0),
    ([1, 1, -1], None),                   # cumulative back to 1: not yet
    ([5, -5], None),                      # exactly zero is no saving
])
def test_breakeven_is_where_the_cumulative_net_effect_turns_negative_for_good(
        net: list[float], expected: int | None) -> None:
    assert stats.breakeven_index(net) == expected


def test_compare_pairs_each_scenario_with_its_own_baseline(sweep: Path) -> None:
    result = compare.compare_sweep(sweep)
    rows = by_job(result.table)
    assert set(rows) == {"0", "1", "2", "3", "4", "5", "6"}
    assert rows["1"]["baseline_job"] == "0"
    assert rows["5"]["baseline_job"] == "4"      # same economy, not job 0
    assert rows["6"]["status"] == "no baseline"  # other seed
    assert pd.isna(rows["6"]["extra_exits_to_work"])
    assert [j.name for j in result.unmatched] == ["6"]
    assert rows["0"]["role"] == "baseline" and rows["1"]["role"] == "scenario"
    # the setting names what tells groups apart; run.progress is not part of it
    assert rows["6"]["setting"] == "small, steady, run.seed=2"
    assert rows["5"]["setting"] == "small, recession, run.seed=1"
    assert rows["1"]["setting"] == rows["0"]["setting"] == "small, steady, run.seed=1"


def test_compare_numbers(sweep: Path) -> None:
    rows = by_job(compare.compare_sweep(sweep, plots=False).table)
    r = rows["1"]
    assert r["exits_to_work"] == pytest.approx(15)
    assert r["extra_exits_to_work"] == pytest.approx(3)
    half = scipy_stats.t.ppf(0.975, 2) / math.sqrt(3)
    assert r["extra_exits_to_work_lo"] == pytest.approx(3 - half)
    assert r["extra_exits_to_work_hi"] == pytest.approx(3 + half)
    assert r["cost_instruments"] == pytest.approx(7 * MONTHS)
    assert r["cost_total"] == pytest.approx(130 + 5 * 90)
    assert r["benefit_savings"] == pytest.approx(10 * MONTHS)
    assert r["net_budget_effect"] == pytest.approx(130 + 5 * 90 - 100 * MONTHS)
    assert r["net_budget_effect_lo"] == pytest.approx(r["net_budget_effect"])  # no spread
    assert r["cost_per_extra_exit"] == pytest.approx(7 * MONTHS / 3)
    assert r["breakeven_month"] == 4 and r["breakeven_date"] == "2024-05"
    assert r["stock_horizon"] == pytest.approx(100 - (MONTHS - 1) - 1)
    ww = rows["2"]
    assert ww["extra_exits_to_work"] == pytest.approx(-1)
    assert pd.isna(ww["cost_per_extra_exit"])
    assert pd.isna(ww["breakeven_month"]) and ww["breakeven_date"] == "none"
    ws = rows["3"]
    assert ws["wage_subsidy_hires"] == 2 and ws["wage_subsidy_deadweight"] == 1
    assert ws["wage_subsidy_substitution"] == 1  # person 3's exit to work is lost
    assert ws["wage_subsidy_displacement"] == 1  # the outside candidate of month 0
    assert ws["wage_subsidy_net_extra_exits"] == 0  # two hires, one of them anyway, one lost
    assert ws["wage_subsidy_deadweight_share"] == pytest.approx(0.5)
    assert pd.isna(r["wage_subsidy_deadweight"])


def test_files_and_report(sweep: Path) -> None:
    result = compare.compare_sweep(sweep)
    for name in ("comparison.csv", "comparison.md", "caseload.png", "cost_vs_exits.png"):
        assert (sweep / name).stat().st_size > 0, name
    assert (sweep / "caseload.png").read_bytes()[:4] == b"\x89PNG"
    csv = pd.read_csv(sweep / "comparison.csv")
    assert list(csv.columns) == list(tables.COLUMNS)
    md = (sweep / "comparison.md").read_text()
    assert "## Jobs not compared" in md
    assert "| 7 | failed | policy=[wage_subsidy] | RuntimeError: boom |" in md
    assert "| 8 | incomplete |" in md
    assert "## Scenarios without a baseline" in md and "`6`" in md
    assert "n/a" in md and "2024-05 (month 4)" in md
    assert "+3.0 (" in md
    assert "## Wage subsidy: deadweight, substitution and displacement" in md
    assert "| 3 | wage_subsidy | 2.0 | 1.0 | 1.0 | 1.0 | +0.0 (0.0 to 0.0) | 50% |" in md
    assert [j.name for j in result.failed] == ["7"]
    assert [j.name for j in result.incomplete] == ["8"]
    assert not (sweep / ".tmp").exists() and not list(sweep.glob("*.tmp"))


def test_cli(sweep: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report"
    assert compare_cli.main([str(sweep), "--out", str(out), "--no-plots"]) == 0
    assert (out / "comparison.md").exists() and not (out / "caseload.png").exists()
    captured = capsys.readouterr()
    assert str(out / "comparison.md") in captured.out
    assert "2 of 9 jobs failed or are incomplete" in captured.err
    assert compare_cli.main([str(tmp_path / "missing")]) == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert compare_cli.main([str(empty)]) == 2


@pytest.mark.slow
def test_pairing_demo_paired_interval_is_narrower() -> None:
    result = pairing_demo(["municipality=small", "run.replications=5",
                                   "run.horizon_months=12", "run.warmup_months=24"])
    assert result["replications"] == 5
    assert 0 < result["paired_width"] < result["independent_width"]
    assert result["paired"][1] <= result["paired"][0] <= result["paired"][2]
