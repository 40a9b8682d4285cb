"""Does the baseline reproduce the national flow rates? ``make validate`` prints it.

Each measure is computed from the output contract (``monthly.csv`` rows and the spell
table), so the same code checks any run. Targets come from the facts table cited in
``docs/parameters.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sim.config.params import Config
from sim.output.frames import RUN_KEYS, with_draw
from sim.output.scenario import run_replications


@dataclass(frozen=True)
class Target:
    name: str
    target: float
    low: float
    high: float
    source: str


# No national count of sanctions is published. The ten largest municipalities imposed
# about 6,000-6,500 cuts a year before 2020 (NOS 2023); over their roughly 150,000
# claimants (assumed: about 37% of the national stock) that is about 0.04 a claimant-year.
# The wide band carries the uncertainty of that share and of the fall to about 3,000 a
# year from 2020.
SANCTION_RATE, SANCTION_LOW, SANCTION_HIGH = 0.04, 0.025, 0.06
SANCTION_SOURCE = ("derived: about 6,000-6,500 cuts a year in the ten largest "
                   "municipalities before 2020 (NOS 2023) over their share of the stock "
                   "(assumed 37%)")

TARGETS = (
    Target("monthly outflow as share of stock", 0.020, 0.017, 0.023,
           "CBS 82662NED: about 1.7% to 2.3% a month"),
    Target("share of outflow to work", 0.50, 0.42, 0.55,
           "CBS: about half (2017), a little under half (2014-2015)"),
    Target("share of stock under one year", 0.20, 0.17, 0.23,
           "StatLine: 22.9% (2005), 20.0% (2007), 17.1% (2019)"),
    Target("share of inflow from WW", 0.225, 0.20, 0.25,
           "Hanzehogeschool 2018: 20% to 25%"),
    Target("share of inflow back within a year", 0.32, 0.27, 0.37,
           "CBS 82662NED 2019: 28,590 of 88,350"),
    Target("share of stock aged 55+", 0.40, 0.35, 0.46,
           "ESB 2023: 37% (2008), 44% (2022)"),
    Target("share of stock with earnings", 0.085, 0.07, 0.10,
           "Divosa: 9% with a part-time job (2013-2014, factsheet 2015-II), 8% with "
           "bijstand topping up earnings (Benchmark 2017); CBS: one in ten (Q2 2015)"),
    Target("sanctions per claimant-year", SANCTION_RATE, SANCTION_LOW, SANCTION_HIGH,
           SANCTION_SOURCE),
    Target("stock drift after three years", 0.0, -0.05, 0.05,
           "no policy, steady economy: the baseline should not drift"),
)


def stock_at(spells: pd.DataFrame, month: int) -> pd.DataFrame:
    """Spells on bijstand at the end of ``month``."""
    end = spells["end_month"].astype("float64")
    on = (spells["start_month"] <= month) & (end.isna() | (end > month))
    return spells[on]


def measures(monthly: pd.DataFrame, spells: pd.DataFrame, claimants: int) -> dict[str, float]:
    """The validation measures of one or more runs (draw, replication)."""
    monthly = with_draw(monthly).sort_values([*RUN_KEYS, "month"])
    spells = with_draw(spells)
    prev = monthly.groupby(list(RUN_KEYS))["stock"].shift(1).fillna(claimants)
    horizon = int(monthly["month"].max())
    months = list(range(11, horizon + 1, 12))
    under, old = [], []
    for _, reps in spells.groupby(list(RUN_KEYS)):
        for t in months:
            s = stock_at(reps, t)
            under.append(float((t - s["start_month"] < 12).mean()))
            old.append(float((s["age_years"] + (t - s["start_month"]) / 12.0 >= 55).mean()))
    entered = spells[spells["start_month"] >= 0].sort_values(
        [*RUN_KEYS, "person_id", "start_month"])
    allspells = spells.sort_values([*RUN_KEYS, "person_id", "start_month"])
    prev_end = allspells.groupby([*RUN_KEYS, "person_id"])["end_month"].shift(1)
    gap = allspells["start_month"] - prev_end.astype("float64")
    back = (gap <= 12).reindex(entered.index).fillna(False)
    at36 = monthly[monthly["month"] == min(35, horizon)]["stock"]
    return {
        "monthly outflow as share of stock": float((monthly["outflow"] / prev).mean()),
        "share of outflow to work": float(
            (monthly["outflow_work"].sum() + monthly["outflow_subsidised_work"].sum())
            / monthly["outflow"].sum()),
        "share of stock under one year": float(np.mean(under)),
        "share of inflow from WW": float(monthly["inflow_ww"].sum() / monthly["inflow"].sum()),
        "share of inflow back within a year": float(back.mean()),
        "share of stock aged 55+": float(np.mean(old)),
        "share of stock with earnings": float((monthly["with_earnings"]
                                               / monthly["stock"]).mean()),
        "sanctions per claimant-year": float(12 * monthly["sanctions"].sum()
                                             / monthly["stock"].sum()),
        "stock drift after three years": float(at36.mean() / claimants - 1.0),
    }


def run_baseline(cfg: Config) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Monthly rows and spells of every replication of ``cfg``."""
    return run_replications(cfg)


def compare(cfg: Config) -> pd.DataFrame:
    """Target against simulated for the baseline of ``cfg``."""
    monthly, spells = run_baseline(cfg)
    got = measures(monthly, spells, cfg.municipality.claimants)
    rows = [{"measure": t.name, "target": t.target, "low": t.low, "high": t.high,
             "simulated": got[t.name], "within": t.low <= got[t.name] <= t.high,
             "source": t.source} for t in TARGETS]
    return pd.DataFrame(rows)
