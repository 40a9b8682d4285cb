"""The measured economy: CBS open vacancies per quarter, as a monthly index from the start."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import small_config

from sim.config.schema import ConfigError
from sim.config.validate import validate
from sim.core.measured import first_month, measured_series, month_number, quarterly
from sim.core.model import ReintegrationModel
from sim.output.scenario import run_replications


def test_the_series_is_read_in_calendar_order_with_the_known_values() -> None:
    at, values = quarterly()
    assert (np.diff(at) > 0).all() and (values > 0).all()
    by_quarter = dict(zip(at.tolist(), values.tolist(), strict=True))
    # facts table: 236,000 open vacancies in 2007 Q3 (CBS press release 2008/07)
    assert by_quarter[month_number("2007-09")] == pytest.approx(236.0)


def test_the_index_starts_at_one_interpolates_and_holds_the_ends() -> None:
    at, values = quarterly()
    start = f"{at[0] // 12:04d}-{at[0] % 12 + 1:02d}"
    path = measured_series(start, 7)
    assert path[0] == 1.0
    assert path[3] == pytest.approx(values[1] / values[0])  # the next quarter's last month
    assert path[1] == pytest.approx((2 * values[0] + values[1]) / 3 / values[0])
    last = f"{at[-1] // 12:04d}-{at[-1] % 12 + 1:02d}"
    assert measured_series(last, 24)[-1] == 1.0  # beyond the data the last value holds


def test_a_measured_run_follows_the_path_on_both_engines() -> None:
    out = {}
    for engine in ("fast", "agent"):
        cfg = small_config(claimants=200, horizon=12, replications=1, engine=engine)
        cfg.economy.kind, cfg.municipality.start_date = "measured", "2008-06"
        out[engine] = run_replications(cfg)[0]
    monthly = out["fast"]
    assert monthly["vacancy_index"].tolist() == pytest.approx(measured_series("2008-06", 12))
    assert monthly["vacancy_index"].iloc[-1] < 0.6  # the 2008-2009 fall in vacancies
    assert monthly.equals(out["agent"])
    assert ReintegrationModel(cfg).economy.kind == "series"


def test_a_start_before_the_data_is_refused() -> None:
    cfg = small_config()
    cfg.economy.kind, cfg.municipality.start_date = "measured", "1999-01"
    with pytest.raises(ConfigError, match=f"municipality.start_date='1999-01'.*{first_month()}"):
        validate(cfg)
