"""The measured economy: CBS open vacancies per quarter, as a monthly index relative to the
fit window's mean; and the national stock that sizes a spin-up."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import small_config

from sim.config.schema import ConfigError
from sim.config.validate import validate
from sim.core.measured import (
    UNEMPLOYMENT,
    data_rows,
    first_month,
    linked_stock,
    measured_series,
    month_number,
    quarterly,
    reference,
    stock_ratio,
    unemployment,
)
from sim.core.model import ReintegrationModel
from sim.output.scenario import run_replications


def test_the_series_is_read_in_calendar_order_with_the_known_values() -> None:
    at, values = quarterly()
    assert (np.diff(at) > 0).all() and (values > 0).all()
    by_quarter = dict(zip(at.tolist(), values.tolist(), strict=True))
    # facts table: 236,000 open vacancies in 2007 Q3 (CBS press release 2008/07)
    assert by_quarter[month_number("2007-09")] == pytest.approx(236.0)


def test_the_index_is_relative_to_the_fit_window_interpolates_and_holds_the_ends() -> None:
    at, values = quarterly()
    ref = reference()
    window = (at >= month_number("2012-01")) & (at <= month_number("2019-12"))
    assert values[window].min() < ref < values[window].max()
    start = f"{at[0] // 12:04d}-{at[0] % 12 + 1:02d}"
    path = measured_series(start, 7)
    assert path[0] == pytest.approx(values[0] / ref)
    assert path[3] == pytest.approx(values[1] / ref)  # the next quarter's last month
    assert path[1] == pytest.approx((2 * values[0] + values[1]) / 3 / ref)
    last = f"{at[-1] // 12:04d}-{at[-1] % 12 + 1:02d}"
    assert measured_series(last, 24)[-1] == pytest.approx(values[-1] / ref)  # held


def test_the_national_stock_is_linked_at_shared_quarters_never_spliced() -> None:
    at, values = linked_stock()
    assert (np.diff(at) > 0).all()
    by_month = dict(zip(at.tolist(), values.tolist(), strict=True))
    # persons from 2013 on: the StatLine figure itself (85585NED, 2019 Q1)
    assert by_month[month_number("2019-03")] == pytest.approx(431_550)
    # benefits scaled at the end of 2008, which CBS counted on both (259k and 304k)
    assert by_month[month_number("2008-12")] == pytest.approx(304_000)
    assert by_month[month_number("2007-12")] == pytest.approx(275_000 * 304 / 259)
    # the fall of 2007 in benefits is the same fall in the linked index
    assert stock_ratio("2007-12", "2007-01") == pytest.approx(275 / 302, rel=1e-9)
    assert stock_ratio("1990-01", "2007-01") is None


def test_a_measured_run_follows_the_path_on_both_engines() -> None:
    out = {}
    for engine in ("fast", "agent"):
        cfg = small_config(claimants=200, horizon=12, replications=1, engine=engine)
        cfg.economy.kind, cfg.municipality.start_date = "measured", "2008-06"
        out[engine] = run_replications(cfg)[0]
    monthly = out["fast"]
    path = measured_series("2008-06", 12)
    assert monthly["vacancy_index"].tolist() == pytest.approx(path)
    assert path[-1] / path[0] < 0.6  # the 2008-2009 fall in vacancies
    assert monthly.equals(out["agent"])
    assert ReintegrationModel(cfg).economy.kind == "series"


def test_a_start_before_the_data_is_refused() -> None:
    cfg = small_config()
    cfg.economy.kind, cfg.municipality.start_date = "measured", "1999-01"
    with pytest.raises(ConfigError, match=f"municipality.start_date='1999-01'.*{first_month()}"):
        validate(cfg)


def test_the_unemployment_rate_covers_every_quarter_from_2003_with_known_values() -> None:
    at, rate = unemployment()
    assert (np.diff(at) == 3).all() and at[0] == month_number("2003-03")
    assert len(at) >= 92 and ((rate > 2.0) & (rate < 12.0)).all()
    by_quarter = dict(zip(at.tolist(), rate.tolist(), strict=True))
    # CBS 80590ned (July 2026 vintage): 5.4% in 2003 Q1; the crisis peak 8.7% in 2014 Q1
    assert by_quarter[month_number("2003-03")] == pytest.approx(5.4)
    assert max(rate) == by_quarter[month_number("2014-03")] == pytest.approx(8.7)


def test_unemployment_rate_and_count_move_together_in_the_file() -> None:
    """The rate and the count of unemployed come from one table: a swapped or shifted
    column would break their agreement (the labour force moves slowly)."""
    rows = data_rows(UNEMPLOYMENT)
    rate = np.array([float(r["unemployment_rate_sa"]) for r in rows])
    count = np.array([float(r["unemployed_sa_thousands"]) for r in rows])
    labour_force = count / rate * 100.0  # thousands
    assert np.corrcoef(rate, count)[0, 1] > 0.95
    assert ((labour_force > 7_500) & (labour_force < 11_000)).all()
