"""The national replay: history.csv as promised, fit-window flags, coverage and the report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim.analysis import history
from sim.analysis.national import CHECK_MEASURES, FIT_MEASURES, FIT_YEARS, months_of
from sim.core.measured import month_number

SIM_RUN = str(Path(sys.executable).with_name("sim-run"))


def fake_monthly(months: int = 252, runs: int = 4, drift: float = 0.0) -> pd.DataFrame:
    rows = []
    for r in range(runs):
        for t in range(months):
            rows.append({"draw": r // 2, "replication": r % 2, "month": t,
                         "stock": 1000.0 * (1 + drift * t) + r, "inflow": 10, "outflow": 10})
    return pd.DataFrame(rows)


def test_history_has_one_row_per_quarter_and_flags_only_the_fit_window() -> None:
    h = history.history_frame(fake_monthly())
    assert list(h.columns) == ["date", "observed", "simulated", "simulated_lo",
                               "simulated_hi", "used_in_fit"]
    assert h["date"].iloc[0] == "2005-03" and h["date"].iloc[-1] == "2025-12"
    assert len(h) == 84
    years = h["date"].str[:4].astype(int)
    assert (h["used_in_fit"] == years.between(*FIT_YEARS)).all()
    assert (h["simulated_lo"] <= h["simulated"]).all()
    assert (h["simulated"] <= h["simulated_hi"]).all()
    # observed only where CBS published a figure: the end of 2019 is 85585NED's 414,610
    at = h.set_index("date")
    assert at.loc["2019-12", "observed"] == pytest.approx(414_610 / _base())
    assert np.isnan(at.loc["2005-06", "observed"])  # no figure found for 2005 Q2


def _base() -> float:
    from sim.core.measured import linked_stock
    at, values = linked_stock()
    return float(np.interp(month_number("2004-12"), at, values))


def test_coverage_counts_only_out_of_sample_quarters_with_an_observation() -> None:
    h = pd.DataFrame({"observed": [1.0, 1.0, np.nan, 1.0], "simulated_lo": [0.9, 1.1, 0.0, 0.0],
                      "simulated_hi": [1.1, 1.2, 9.0, 2.0],
                      "used_in_fit": [False, False, False, True]})
    assert history.coverage(h) == (1, 2)


def test_the_measures_name_their_years_and_the_fit_uses_only_2012_to_2019() -> None:
    assert all(m.in_fit_window for m in FIT_MEASURES)
    assert not any(m.in_fit_window for m in CHECK_MEASURES)
    assert months_of(2005, 2005) == range(0, 12)


@pytest.mark.slow
def test_a_short_national_replay_writes_history_report_and_plot(tmp_path: Path) -> None:
    folder = tmp_path / "sweep"
    done = subprocess.run([SIM_RUN, "-m", "+experiment=national_history", "run.replications=1",
                           "run.posterior_draws=2", "municipality.claimants=800",
                           f"hydra.sweep.dir={folder}"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    h = pd.read_csv(folder / history.HISTORY_CSV)
    assert not h.loc[~h["date"].str[:4].astype(int).between(*FIT_YEARS), "used_in_fit"].any()
    text = (folder / history.HISTORY_MD).read_text()
    inside, total = history.coverage(h)
    assert f"**{inside} of {total}**" in text and "2 posterior draw(s) x 1" in text
    assert (folder / history.HISTORY_PNG).stat().st_size > 10_000
