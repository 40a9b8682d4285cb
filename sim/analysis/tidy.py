"""One table across a sweep: every job's monthly rows and spells, with the job's labels.

At the end of every sweep ``sweep_monthly.parquet`` and ``sweep_spells.parquet`` are
written into the sweep folder: each job's rows plus ``job``, ``scenario``,
``municipality`` and ``economy`` columns, codes as categories and months as real dates,
so pandas, polars and duckdb read a sweep in one line. Per-job files keep their contract.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sim.analysis.jobs import Job
from sim.output.files import SPELLS_FILE, write_atomic

MONTHLY_PARQUET = "sweep_monthly.parquet"
SPELLS_PARQUET = "sweep_spells.parquet"
LABELS = ("job", "scenario", "municipality", "economy")
CODES = ("end_reason", "route", "household")


def _labelled(job: Job, frame: pd.DataFrame) -> pd.DataFrame:
    labels = {"job": job.name, "scenario": job.label,
              "municipality": job.setting("municipality.name", ""),
              "economy": job.setting("economy.kind", "")}
    return frame.assign(**labels)[[*LABELS, *frame.columns]]


def _categorical(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    for c in columns:
        if c in frame:
            frame[c] = frame[c].astype("category")
    return frame


def month_dates(start: str, months: pd.Series) -> pd.Series:
    """The first day of each simulated month (month 0 is ``start``); missing stays NaT."""
    base = pd.Period(start, freq="M").ordinal
    ordinals = months.astype("Float64").to_numpy(dtype=float, na_value=float("nan"))
    known = ~pd.isna(ordinals)
    out = pd.Series(pd.NaT, index=months.index, dtype="datetime64[ns]")
    index = pd.PeriodIndex.from_ordinals(ordinals[known].astype("int64") + base, freq="M")
    out[known] = index.to_timestamp()
    return out


def sweep_monthly(jobs: list[Job]) -> pd.DataFrame:
    """Every complete job's monthly rows; ``date`` is the first day of the month."""
    parts = [_labelled(j, j.monthly) for j in jobs if j.status == "complete"]
    if not parts:
        return pd.DataFrame(columns=list(LABELS))
    out = pd.concat(parts, ignore_index=True)
    out["date"] = pd.PeriodIndex(out["date"].astype(str), freq="M").to_timestamp()
    out["date"] = out["date"].astype("datetime64[ns]")
    return _categorical(out, LABELS)


def sweep_spells(jobs: list[Job]) -> pd.DataFrame:
    """Every complete job's spells, with the spell's start and end as dates too."""
    parts = []
    for job in jobs:
        if job.status == "complete" and (job.path / SPELLS_FILE).exists():
            spells = pd.read_parquet(job.path / SPELLS_FILE)
            start = job.setting("municipality.start_date", "2024-01")
            spells["start_date"] = month_dates(start, spells["start_month"])
            spells["end_date"] = month_dates(start, spells["end_month"])
            parts.append(_labelled(job, spells))
    if not parts:
        return pd.DataFrame(columns=list(LABELS))
    return _categorical(pd.concat(parts, ignore_index=True), (*LABELS, *CODES))


def write_sweep_tables(folder: Path, jobs: list[Job]) -> dict[str, Path]:
    """Write both tables into the sweep folder (atomically); return their paths."""
    files = {}
    for name, frame in ((MONTHLY_PARQUET, sweep_monthly(jobs)),
                        (SPELLS_PARQUET, sweep_spells(jobs))):
        path = folder / name
        write_atomic(path, lambda p, f=frame: f.to_parquet(p, index=False, engine="pyarrow"))
        files[name] = path
    return files
