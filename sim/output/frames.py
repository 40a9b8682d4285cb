"""A model's results as tables: monthly rows and the spell table, with readable codes.

Every row carries its run: ``draw`` (the posterior draw, 0 without posterior draws) and
``replication`` (whose seed a scenario and its baseline share in every draw). Readers
group and pair by :data:`RUN_KEYS`; :func:`with_draw` reads outputs written before draws.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from sim.core.ledger import MONTHLY_COLUMNS
from sim.core.population import EndReason, Household, Route

if TYPE_CHECKING:
    from sim.core.model import ReintegrationModel

RUN_KEYS = ("draw", "replication")


def with_draw(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with a ``draw`` column: 0 where it was written without one (one draw)."""
    if "draw" in frame.columns:
        return frame
    return frame.assign(draw=0)[["draw", *frame.columns]]


def month_dates(start: str, months: pd.Series) -> pd.Series:
    """Calendar month (YYYY-MM) of each simulated month."""
    base = pd.Period(start, freq="M")
    return months.map(lambda m: str(base + int(m)))


def monthly_frame(model: ReintegrationModel, draw: int = 0) -> pd.DataFrame:
    """One row per simulated month: the run, the ledger, then the instruments' columns."""
    df = model.datacollector.get_model_vars_dataframe().reset_index(drop=True)
    df.insert(0, "month", range(len(df)))
    df.insert(0, "replication", model.replication)
    df.insert(0, "draw", draw)
    df.insert(3, "date", month_dates(model.cfg.municipality.start_date, df["month"]))
    extra = [c for c in df.columns if c not in (*MONTHLY_COLUMNS, "draw", "date")]
    return df[["draw", *MONTHLY_COLUMNS[:2], "date", *MONTHLY_COLUMNS[2:], *extra]]


def spell_frame(model: ReintegrationModel, draw: int = 0) -> pd.DataFrame:
    """One row per bijstand spell, in person and start order."""
    s = model.spells
    df = pd.DataFrame({name: s.column(name) for name in s.schema})
    open_ = df["end_reason"] == EndReason.OPEN
    df["end_month"] = df["end_month"].astype("Int32").mask(open_)
    df["end_reason"] = df["end_reason"].map(lambda r: EndReason(r).name.lower())
    df["route"] = df["route"].map(lambda r: Route(r).name.lower())
    df["household"] = df["household"].map(lambda h: Household(h).name.lower())
    df.insert(0, "replication", model.replication)
    df.insert(0, "draw", draw)
    return df.sort_values(["person_id", "start_month"], kind="stable").reset_index(drop=True)
