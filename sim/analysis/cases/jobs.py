"""The jobs of a case sweep: which economy and which package each job ran."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from sim.analysis.jobs import Job, find_jobs
from sim.analysis.tables import monthly_matrix

PACKAGE_KEY = "+experiment/package="


@dataclass
class CaseJob:
    """One job of a case sweep: which economy, which package."""

    job: Job
    calendar: bool
    economy: str
    package: str

    @property
    def label(self) -> str:
        return f"{self.package} / {self.economy}"

    def stock(self) -> pd.DataFrame:
        """Months x runs (draw, replication) of the month-end stock."""
        return monthly_matrix(self.job.monthly, "stock")


def _override(job: Job, key: str) -> str | None:
    for o in job.overrides:
        if o.startswith(key):
            return o[len(key):]
    return None


def case_jobs(folder: Path) -> tuple[dict[str, Any], list[CaseJob]]:
    """The case block and the complete jobs of a case sweep (baseline packages first)."""
    jobs = [j for j in find_jobs(folder) if j.status == "complete"]
    if not jobs:
        raise FileNotFoundError(f"{folder}: no complete job")
    out = []
    for j in jobs:
        kind = j.setting("economy.kind", "steady")
        economy = _override(j, "economy=") or kind
        package = _override(j, PACKAGE_KEY) or j.label
        out.append(CaseJob(j, kind != "steady", economy, package))
    case = jobs[0].config.get("case") or {}
    if not case.get("name"):
        raise ValueError(f"{folder}: the sweep's config names no case (case.name)")
    packages = list(dict.fromkeys(cj.package for cj in out))
    out.sort(key=lambda c: (c.package != "baseline", packages.index(c.package), c.calendar))
    return case, out


def pick(jobs: list[CaseJob], calendar: bool, package: str) -> CaseJob | None:
    return next((c for c in jobs if c.calendar == calendar and c.package == package), None)


def calendar_date(start_date: str, month: int) -> str:
    return str(pd.Period(start_date, freq="M") + month)


def row(section: str, item: str, scenario: str = "", economy: str = "", month: Any = "",
        date: str = "", value: float = math.nan, lo: float = math.nan, hi: float = math.nan,
        target: float = math.nan, verdict: str = "") -> dict[str, Any]:
    """One row of the case's summary table."""
    return {"section": section, "item": item, "scenario": scenario, "economy": economy,
            "month": month, "date": date, "value": value, "lo": lo, "hi": hi,
            "target": target, "verdict": verdict}
