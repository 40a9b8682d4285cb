"""A replayed municipal news case set against what its article reported.

A case experiment (``sim-run -m +experiment=<case>``, configs in ``configs/experiment/``)
sweeps economy {steady, the calendar path} x policy {baseline, the article's package} on
the same seeds. :func:`analyse` reads such a sweep folder and returns:

* reported stock figures against the simulated stock of the historical job (the measured
  economy plus the package), with its 90% predictive interval over every run (posterior
  draws x replications) and whether that interval covers the reported figure: the verdict
  is coverage. With a spin-up the start is simulated too, and judged like every figure;
* an ambition (extra exits or activated claimants) and a budget against the outcome;
* the change over the article's period split into the steady-economy baseline change,
  the baseline trend due to the economy (the calendar baseline's change minus the steady
  baseline's, each from its own start, as their spin-ups differ) and the
  policy effect (package minus calendar baseline), each paired by draw and replication;
  with posterior draws the intervals carry parameter uncertainty too
  (:mod:`sim.analysis.uncertainty`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sim.analysis.cases.jobs import CaseJob, calendar_date, case_jobs, pick, row
from sim.analysis.tables import compare_pair, replication_totals, stock_before_start
from sim.analysis.uncertainty import paired_effect
from sim.output.frames import RUN_KEYS, with_draw
from sim.policies.registry import INSTRUMENT_CONFIGS

# Instruments whose starts are claimants on bijstand taking part in something: the
# "activated". WW prevention approaches people before they claim, gate mediation screens
# applicants, aftercare and the employer network start once someone has a job, and a wage
# subsidy start is a hire; those are reported, not counted as activated.
LEVEL = 0.90  # the predictive interval a reported figure is judged against
ACTIVATING = ("intensive_coaching", "trajectories", "participation_jobs", "debt_help",
              "value_scan", "praktijkleren", "permit_holder_placement")


@dataclass
class CaseResult:
    """Everything the report shows, also written as ``summary.csv``."""

    case: dict[str, Any]
    jobs: list[CaseJob]
    start: float
    start_date: str
    rows: list[dict[str, Any]]
    statements: list[str]


@dataclass
class Context:
    """A case sweep's jobs and dates, as the row builders need them."""

    case: dict[str, Any]
    jobs: list[CaseJob]
    start: float
    start_date: str
    horizon: int
    end: int  # last month of the article's period
    packages: list[str]

    def date(self, month: int) -> str:
        return calendar_date(self.start_date, month)

    def stock(self, job: CaseJob, month: int) -> np.ndarray:
        """Per-run stock at the end of ``month``; -1 is each run's stock before month 0
        (the spin-up's result, or the warm-up's balance)."""
        if month < 0:
            return start_stock(job)
        return job.stock().loc[month].to_numpy(dtype=float)

    def interval(self, diffs: np.ndarray) -> tuple[float, float, float]:
        """Mean and interval of paired differences in the runs' order (draw, replication),
        with parameter uncertainty where the sweep sampled it."""
        effect = paired_effect(pd.Series(diffs, index=self.jobs[0].stock().columns))
        return effect.mean, effect.full_low, effect.full_high


def start_stock(job: CaseJob) -> np.ndarray:
    """Each run's stock at the end of the month before month 0."""
    return stock_before_start(job.job.monthly).to_numpy(dtype=float)


def context(folder: Path) -> Context:
    case, jobs = case_jobs(folder)
    cfg = jobs[0].job.config
    horizon = int(cfg["run"]["horizon_months"])
    period = int(case.get("period_months") or 0) or horizon
    packages = [p for p in dict.fromkeys(c.package for c in jobs) if p != "baseline"]
    return Context(case, jobs, float(cfg["municipality"]["claimants"]),
                   str(cfg["municipality"]["start_date"]), horizon, min(period, horizon) - 1,
                   packages)


def analyse(folder: Path | str) -> CaseResult:
    """Compare a case sweep with its article; see the module docstring."""
    ctx = context(Path(folder))
    reported, statements = reported_rows(ctx)
    rows = reported + decomposition_rows(ctx)
    for p in ctx.packages:
        for calendar in (True, False):
            rows += outcome_rows(ctx, p, calendar)
    return CaseResult(ctx.case, ctx.jobs, ctx.start, ctx.start_date, rows, statements)


def reported_rows(ctx: Context) -> tuple[list[dict[str, Any]], list[str]]:
    """Reported figures against every job; the verdict on the historical job."""
    case = ctx.case
    tol = float(case.get("tolerance", 0.05))
    forecasts = set(case.get("forecast_months") or [])
    historical = pick(ctx.jobs, True, ctx.packages[0] if ctx.packages else "baseline")
    rows, statements = [], []
    for month, reported in zip(case.get("reported_months") or [],
                               case.get("reported_stock") or [], strict=True):
        month, reported = int(month), float(reported)
        kind = "forecast" if month in forecasts else "reported"
        date = ctx.date(month)
        for cj in ctx.jobs:
            x = ctx.stock(cj, month)
            lo, hi = np.quantile(x, [(1 - LEVEL) / 2, (1 + LEVEL) / 2])
            covered = bool(lo <= reported <= hi)
            verdict = ""
            if cj is historical:
                verdict = "covered" if covered else "not covered"
                dev = x.mean() / reported - 1
                statements.append(
                    f"{date} ({kind}): simulated {x.mean():,.0f} ({LEVEL:.0%} predictive "
                    f"interval {lo:,.0f} to {hi:,.0f}) against {reported:,.0f}, {dev:+.1%}: "
                    f"**{verdict}**{' (within ±' + f'{tol:.0%})' if abs(dev) <= tol else ''}.")
            rows.append({**row(kind, "stock", cj.package, cj.economy, month, date,
                               float(x.mean()), float(lo), float(hi), reported, verdict),
                         "reported": reported, "simulated": float(x.mean()),
                         "simulated_lo": float(lo), "simulated_hi": float(hi),
                         "covered": covered})
    return rows, statements


def decomposition_rows(ctx: Context) -> list[dict[str, Any]]:
    """The change over the article's period, split into its parts, per package."""
    sb, cb = pick(ctx.jobs, False, "baseline"), pick(ctx.jobs, True, "baseline")
    if sb is None or cb is None:
        return []
    end, date_end = ctx.end, ctx.date(ctx.end)
    s_b, c_b = ctx.stock(sb, end), ctx.stock(cb, end)
    rows = [row("decomposition", "steady baseline change", "baseline", sb.economy, end,
                date_end, *ctx.interval(s_b - start_stock(sb))),
            row("decomposition", "economy trend", "baseline", cb.economy, end, date_end,
                *ctx.interval((c_b - start_stock(cb)) - (s_b - start_stock(sb))))]
    for p in ctx.packages:
        cp, sp = pick(ctx.jobs, True, p), pick(ctx.jobs, False, p)
        if cp is None:
            continue
        c_p = ctx.stock(cp, end)
        rows.append(row("decomposition", "policy effect", p, cp.economy, end, date_end,
                        *ctx.interval(c_p - c_b)))
        if sp is not None:
            rows.append(row("decomposition", "policy effect (steady economy)", p, sp.economy,
                            end, date_end, *ctx.interval(ctx.stock(sp, end) - s_b)))
        rows.append(row("decomposition", "total change", p, cp.economy, end, date_end,
                        *ctx.interval(c_p - start_stock(cp))))
        if end < ctx.horizon - 1:  # instruments that start after the article's period
            last = ctx.horizon - 1
            diff = ctx.stock(cp, last) - ctx.stock(cb, last)
            rows.append(row("decomposition", "policy effect at the horizon", p, cp.economy,
                            last, ctx.date(last), *ctx.interval(diff)))
    return rows


def outcome_rows(ctx: Context, package: str, calendar: bool) -> list[dict[str, Any]]:
    """Exits, activation and money over the horizon, the package against its baseline."""
    pj, bj = pick(ctx.jobs, calendar, package), pick(ctx.jobs, calendar, "baseline")
    if pj is None or bj is None:
        return []
    case, last = ctx.case, ctx.horizon - 1
    pair = compare_pair(pj.job, bj.job)
    m = with_draw(pj.job.monthly).groupby(list(RUN_KEYS)).sum(numeric_only=True)
    starts = {c[: -len("_starts")]: float(m[c].mean()) for c in m.columns
              if c.endswith("_starts") and c[: -len("_starts")] in INSTRUMENT_CONFIGS}
    activated = sum(v for k, v in starts.items() if k in ACTIVATING)
    ambition = float(case.get("ambition") or 0)
    budget = float(case.get("budget") or 0)
    measure = case.get("ambition_measure", "extra_exits")

    def verdict(value: float, kind: str) -> tuple[float, str]:
        if not (ambition and measure == kind):
            return math.nan, ""
        return ambition, "reached" if value >= ambition else "not reached"

    extra = pair["extra_exits_to_work"]
    cost = float(replication_totals(pj.job.monthly)["cost_instruments"].mean())
    e = pj.economy
    rows = [row("outcome", "extra exits to work", package, e, last, ctx.date(last), extra,
                pair["extra_exits_to_work_full_lo"], pair["extra_exits_to_work_full_hi"],
                *verdict(extra, "extra_exits")),
            row("outcome", "activated (starts on bijstand)", package, e, last, "", activated,
                math.nan, math.nan, *verdict(activated, "activated"))]
    rows += [row("outcome", f"starts: {name}", package, e, last, "", v)
             for name, v in starts.items()]
    rows.append(row("outcome", "instrument cost (EUR)", package, e, last, "", cost,
                    target=budget or math.nan,
                    verdict=("within budget" if cost <= budget else "over budget")
                    if budget else ""))
    rows.append(row("outcome", "net budget effect (EUR)", package, e, last, "",
                    pair["net_budget_effect"], pair["net_budget_effect_full_lo"],
                    pair["net_budget_effect_full_hi"]))
    rows.append(row("outcome", "benefit savings (EUR)", package, e, last, "",
                    pair["benefit_savings"]))
    return rows


def summary_frame(result: CaseResult) -> pd.DataFrame:
    """The headline table, rounded so that reruns on the same seeds compare exactly."""
    df = pd.DataFrame(result.rows).reindex(columns=SUMMARY_COLUMNS)
    for c in ("value", "lo", "hi", "target", "reported", "simulated", "simulated_lo",
              "simulated_hi"):
        df[c] = df[c].astype(float).round(3)
    return df


# The generic columns of every row, then, for reported figures only, the figure against
# the historical job's 90% predictive interval and whether it covers the figure.
SUMMARY_COLUMNS = ("section", "item", "scenario", "economy", "month", "date", "value", "lo",
                   "hi", "target", "verdict", "reported", "simulated", "simulated_lo",
                   "simulated_hi", "covered")
