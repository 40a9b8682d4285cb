"""The national sample in calendar time: its configuration, and the rates it is fitted
to (2012-2019 only) and judged on (every other year).

Every measure is a rate or a share, never a level, so the benefits and persons counts
of CBS are never spliced. A measure is computed from the output contract (monthly rows
and spells) over the calendar months it names.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sim.analysis.validation import SANCTION_HIGH, SANCTION_LOW, SANCTION_RATE, stock_at
from sim.config.params import Config
from sim.core.measured import month_number
from sim.output.frames import RUN_KEYS, with_draw

EXPERIMENT = "national_history"
FIT_YEARS = (2012, 2019)
START = "2005-01"  # month 0 of the national sample
FIT_SCALE = 0.5  # the fit runs half the replay's 1:100 sample (1:200), for speed


@dataclass(frozen=True)
class Measure:
    """A published rate with its band, the years it describes and how to simulate it."""

    name: str
    target: float
    low: float
    high: float
    source: str
    years: tuple[int, int]
    compute: Callable[[pd.DataFrame, pd.DataFrame], float]

    @property
    def in_fit_window(self) -> bool:
        return FIT_YEARS[0] <= self.years[0] and self.years[1] <= FIT_YEARS[1]


def months_of(first_year: int, last_year: int) -> range:
    """Model months (0 = 2005-01) of whole calendar years."""
    zero = month_number(START)
    return range(first_year * 12 - zero, last_year * 12 + 12 - zero)


def month_of(date: str) -> int:
    return month_number(date) - month_number(START)


def _per_stock(column: str, years: tuple[int, int]):
    def compute(monthly: pd.DataFrame, spells: pd.DataFrame) -> float:
        m = monthly.sort_values(["replication", "month"])
        prev = m.groupby("replication")["stock"].shift(1)
        on = m["month"].isin(months_of(*years)) & prev.notna()
        return float(m.loc[on, column].sum() / prev[on].sum())
    return compute


def _share_to_work(years: tuple[int, int]):
    def compute(monthly: pd.DataFrame, spells: pd.DataFrame) -> float:
        m = monthly[monthly["month"].isin(months_of(*years))]
        return float((m["outflow_work"].sum() + m["outflow_subsidised_work"].sum())
                     / m["outflow"].sum())
    return compute


def _ratio(numerator: str, denominator: str, years: tuple[int, int], scale: float = 1.0):
    def compute(monthly: pd.DataFrame, spells: pd.DataFrame) -> float:
        m = monthly[monthly["month"].isin(months_of(*years))]
        return float(scale * m[numerator].sum() / m[denominator].sum())
    return compute


def _stock_share(date: str, rule: str):
    def compute(monthly: pd.DataFrame, spells: pd.DataFrame) -> float:
        t, shares = month_of(date), []
        for _, reps in with_draw(spells).groupby(list(RUN_KEYS)):
            s = stock_at(reps, t)
            if rule == "under_one_year":
                shares.append(float((t - s["start_month"] < 12).mean()))
            else:
                age = s["age_years"] + (t - s["start_month"]) / 12.0
                shares.append(float((age >= 55).mean()))
        return float(np.mean(shares))
    return compute


def _back_within_a_year(years: tuple[int, int]):
    def compute(monthly: pd.DataFrame, spells: pd.DataFrame) -> float:
        s = with_draw(spells).sort_values([*RUN_KEYS, "person_id", "start_month"])
        gap = s["start_month"] - s.groupby([*RUN_KEYS, "person_id"])["end_month"].shift(1)
        entered = s["start_month"].isin(months_of(*years))
        return float((gap[entered].astype("float64") <= 12).mean())
    return compute


def _flow(column: str, year: int, target: float, low: float, high: float,
          source: str) -> Measure:
    """A national flow (inflow or outflow) per stock a month in one calendar year."""
    return Measure(f"{column} per stock a month, {year}", target, low, high, source,
                   (year, year), _per_stock(column, (year, year)))


# The 2014 flows are CBS's rounded annual persons counts over an average 2014 stock of
# about 430,000 (cbs_bijstand_stock.csv); 2019 from 82662NED over about 422,000.
FIT_MEASURES = (
    _flow("inflow", 2014, 0.0291, 0.0262, 0.0320,
          "CBS: about 150,000 entered in 2014 over about 430,000 on bijstand"),
    _flow("outflow", 2014, 0.0238, 0.0214, 0.0262,
          "CBS: about 123,000 left in 2014 over about 430,000"),
    _flow("inflow", 2019, 0.0174, 0.0157, 0.0192,
          "CBS 82662NED: 88,350 entered in 2019 over about 422,000"),
    _flow("outflow", 2019, 0.0197, 0.0178, 0.0217,
          "CBS 82662NED: 99,990 left in 2019 over about 422,000"),
    Measure("share of outflow to work, 2014-2017", 0.48, 0.42, 0.55,
            "CBS: about half (2017), a little under half (2014-2015)", (2014, 2017),
            _share_to_work((2014, 2017))),
    Measure("share of stock under one year, 2019 Q1", 0.171, 0.15, 0.19,
            "StatLine 82663NED: 17.1% (2019 Q1)", (2019, 2019),
            _stock_share("2019-03", "under_one_year")),
    Measure("share of inflow from WW, 2012-2019", 0.225, 0.20, 0.25,
            "UWV 2013; Hanzehogeschool 2018: 20% to 25%", FIT_YEARS,
            _ratio("inflow_ww", "inflow", FIT_YEARS)),
    Measure("share of inflow back within a year, 2019", 0.32, 0.27, 0.37,
            "CBS 82662NED 2019: 28,590 of 88,350", (2019, 2019),
            _back_within_a_year((2019, 2019))),
    Measure("share of stock with earnings, 2013-2017", 0.085, 0.07, 0.10,
            "Divosa: 9% (2013-2014), 8% (2017); CBS: one in ten (Q2 2015)", (2013, 2017),
            _ratio("with_earnings", "stock", (2013, 2017))),
    Measure("sanctions per claimant-year, 2012-2019", SANCTION_RATE, SANCTION_LOW,
            SANCTION_HIGH, "derived from NOS 2023 (docs/calibration.md)", FIT_YEARS,
            _ratio("sanctions", "stock", FIT_YEARS, scale=12.0)),
)

# Out of sample: never used in the fit.
CHECK_MEASURES = (
    Measure("share of stock under one year, 2005 Q3", 0.229, 0.20, 0.26,
            "StatLine 81368ned: 22.9% (September 2005)", (2005, 2005),
            _stock_share("2005-09", "under_one_year")),
    Measure("share of stock under one year, 2007 Q3", 0.200, 0.17, 0.23,
            "StatLine 81368ned: 20.0% (September 2007)", (2007, 2007),
            _stock_share("2007-09", "under_one_year")),
    Measure("share of stock aged 55+, 2008", 0.37, 0.33, 0.41, "ESB 2023: 37% (2008)",
            (2008, 2008), _stock_share("2008-12", "aged_55")),
    Measure("share of stock aged 55+, 2022", 0.44, 0.40, 0.48, "ESB 2023: 44% (2022)",
            (2022, 2022), _stock_share("2022-12", "aged_55")),
    _flow("inflow", 2020, 0.0212, 0.0191, 0.0233,
          "CBS 82662NED: 108,130 entered in 2020 over about 425,000"),
    _flow("outflow", 2022, 0.0174, 0.0157, 0.0191,
          "CBS 82662NED: 83,570 left in 2022 over about 400,000"),
)


def national_config(replications: int = 1, last_year: int = 2025, seed: int | None = None,
                    values: dict[str, float] | None = None, scale: float = 1.0) -> Config:
    """The national replay's configuration (the experiment preset), to ``last_year``,
    with its behaviour changed by ``values`` and its sample scaled by ``scale``."""
    cfg = copy.deepcopy(_preset())
    cfg.municipality.claimants = round(cfg.municipality.claimants * scale)
    cfg.run.replications, cfg.run.posterior_draws, cfg.run.progress = replications, 0, False
    cfg.run.horizon_months = months_of(2005, last_year).stop
    if seed is not None:
        cfg.run.seed = seed
    for key, value in (values or {}).items():
        setattr(cfg.behaviour, key, value)
    return cfg


_CACHE: dict[str, Config] = {}


def _preset() -> Config:
    if EXPERIMENT not in _CACHE:
        from sim.config.compose import load_preset

        _CACHE[EXPERIMENT] = load_preset(EXPERIMENT)
    return _CACHE[EXPERIMENT]


def evaluate(measures: tuple[Measure, ...], monthly: pd.DataFrame,
             spells: pd.DataFrame) -> dict[str, float]:
    return {m.name: m.compute(monthly, spells) for m in measures}


def fit_summaries(values: dict[str, float], seed: int, replications: int = 1,
                  scale: float = 1.0) -> dict[str, float]:
    """The fit measures (2012-2019) of the national sample with these behaviour values."""
    from sim.output.scenario import run_replications

    cfg = national_config(replications, last_year=FIT_YEARS[1], seed=seed, values=values,
                          scale=scale)
    return evaluate(FIT_MEASURES, *run_replications(cfg))
