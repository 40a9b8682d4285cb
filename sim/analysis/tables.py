"""Per-job numbers and the table of a sweep: every scenario against its own baseline.

Replication ``r`` of a scenario and replication ``r`` of its baseline run on the same
seed, in every posterior draw, so each effect is a mean of per-(draw, replication)
differences with two intervals (:mod:`sim.analysis.uncertainty`): ``_lo``/``_hi`` carry
Monte Carlo noise only, ``_full_lo``/``_full_hi`` parameter uncertainty too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import pandas as pd

from sim.analysis.jobs import Job, natural
from sim.analysis.labels import group_labels
from sim.analysis.stats import breakeven_index
from sim.analysis.subsidy import OUTCOMES, subsidy_split
from sim.analysis.uncertainty import NO_EFFECT, paired_effect
from sim.output.frames import RUN_KEYS, with_draw

COSTS = ("cost_benefits", "cost_staff", "cost_admin", "cost_instruments", "cost_total")
WAGE_SUBSIDY = tuple(f"wage_subsidy_{k}" for k in OUTCOMES)
COLUMNS = (
    "job", "scenario", "role", "baseline_job", "status", "setting", "overrides",
    "municipality", "economy", "seed", "replications", "draws", "horizon_months",
    "stock_horizon", "exits_to_work", "inflow",
    "extra_exits_to_work", "extra_exits_to_work_lo", "extra_exits_to_work_hi",
    "extra_exits_to_work_full_lo", "extra_exits_to_work_full_hi",
    "extra_inflow", "extra_inflow_lo", "extra_inflow_hi",
    "extra_inflow_full_lo", "extra_inflow_full_hi",
    *COSTS,
    "benefit_savings", "net_budget_effect", "net_budget_effect_lo", "net_budget_effect_hi",
    "net_budget_effect_full_lo", "net_budget_effect_full_hi",
    "cost_per_extra_exit", "breakeven_month", "breakeven_date",
    *WAGE_SUBSIDY, "wage_subsidy_net_extra_exits_lo", "wage_subsidy_net_extra_exits_hi",
    "wage_subsidy_net_extra_exits_full_lo", "wage_subsidy_net_extra_exits_full_hi",
    "wage_subsidy_deadweight_share",
)
EFFECTS = ("extra_exits_to_work", "extra_inflow", "net_budget_effect",
           "wage_subsidy_net_extra_exits")  # the paired effects with both intervals


def replication_totals(monthly: pd.DataFrame) -> pd.DataFrame:
    """Per draw and replication: stock at the horizon, exits to work, costs."""
    m = with_draw(monthly).sort_values([*RUN_KEYS, "month"])
    keys = [m[k] for k in RUN_KEYS]
    g = m.groupby(list(RUN_KEYS), sort=True)
    out = pd.DataFrame({"stock_horizon": g["stock"].last().astype(float)})
    work = m["outflow_work"] + m.get("outflow_subsidised_work", 0)
    out["exits_to_work"] = work.groupby(keys).sum().astype(float)
    if "inflow" in m.columns:
        out["inflow"] = g["inflow"].sum().astype(float)
    for col in COSTS:
        if col in m.columns:
            out[col] = g[col].sum().astype(float)
    return out


def monthly_matrix(monthly: pd.DataFrame, column: str) -> pd.DataFrame:
    """Months x runs (draw, replication) table of one monthly column."""
    return with_draw(monthly).pivot(index="month", columns=list(RUN_KEYS),
                                    values=column).sort_index()


def stock_before_start(monthly: pd.DataFrame) -> pd.Series:
    """Each run's stock at the end of the month before month 0 (after a spin-up, its
    result), by (draw, replication): month 0's stock less its inflow plus its outflow."""
    first = monthly_matrix(monthly, "stock").loc[0]
    return (first - monthly_matrix(monthly, "inflow").loc[0]
            + monthly_matrix(monthly, "outflow").loc[0])


def compare_pair(scenario: Job, baseline: Job) -> dict[str, Any]:
    """The scenario's effects against its baseline, paired by draw and replication."""
    s, b = replication_totals(scenario.monthly), replication_totals(baseline.monthly)
    runs = s.index.intersection(b.index)
    s, b = s.loc[runs], b.loc[runs]
    extra = paired_effect(s["exits_to_work"] - b["exits_to_work"])
    inflow = (paired_effect(s["inflow"] - b["inflow"]) if "inflow" in s and "inflow" in b
              else NO_EFFECT)
    net = paired_effect(s["cost_total"] - b["cost_total"])
    row: dict[str, Any] = {
        **extra.columns("extra_exits_to_work"), **inflow.columns("extra_inflow"),
        "benefit_savings": float((b["cost_benefits"] - s["cost_benefits"]).mean()),
        **net.columns("net_budget_effect"),
        "cost_per_extra_exit": (float(s["cost_instruments"].mean()) / extra.mean
                                if extra.mean > 0 else math.nan),
    }
    row.update(subsidy_row(scenario, baseline))
    row.update(breakeven(scenario, baseline, runs))
    return row


def breakeven(scenario: Job, baseline: Job, runs: pd.Index) -> dict[str, Any]:
    """The break-even month of the mean net budget effect over the paired runs."""
    sc = monthly_matrix(scenario.monthly, "cost_total")
    bc = monthly_matrix(baseline.monthly, "cost_total")
    months = sc.index.intersection(bc.index)
    net_month = (sc.loc[months, runs] - bc.loc[months, runs]).mean(axis=1).to_numpy()
    i = breakeven_index(net_month)
    if i is None:
        return {"breakeven_month": None, "breakeven_date": "none"}
    month = int(months[i])
    dates = scenario.monthly.loc[scenario.monthly["month"] == month, "date"]
    date = str(dates.iloc[0]) if "date" in scenario.monthly and len(dates) else f"month {month}"
    return {"breakeven_month": month, "breakeven_date": date}


def job_row(job: Job) -> dict[str, Any]:
    """The job's own numbers: means over draws and replications."""
    t = replication_totals(job.monthly).mean()
    row: dict[str, Any] = {
        "job": job.name, "scenario": job.label,
        "role": "scenario" if job.policy else "baseline",
        "overrides": " ".join(job.overrides),
        "municipality": job.setting("municipality.name", ""),
        "economy": job.setting("economy.kind", ""),
        "seed": (job.summary or {}).get("seed"),
        "replications": (job.summary or {}).get("replications"),
        "draws": int(with_draw(job.monthly)["draw"].nunique()),
        "horizon_months": (job.summary or {}).get("horizon_months"),
        **{k: float(t[k]) for k in ("stock_horizon", "exits_to_work", "inflow", *COSTS)
           if k in t},
    }
    return row

def subsidy_row(scenario: Job, baseline: Job) -> dict[str, Any]:
    """The wage subsidy's hires split against the paired baseline (:mod:`sim.analysis.subsidy`),
    means over draws and replications; nothing where the scenario has no subsidy or no
    spell table."""
    if "wage_subsidy" not in scenario.policy or scenario.spells is None or baseline.spells is None:
        return {}
    duration = int(scenario.setting("policy.wage_subsidy.duration_months"))
    split = subsidy_split(scenario.spells, baseline.spells, scenario.monthly,
                          baseline.monthly, duration)
    row = {f"wage_subsidy_{k}": float(split[k].mean()) for k in OUTCOMES}
    net = paired_effect(split["net_extra_exits"])
    row.update({k: v for k, v in net.columns("wage_subsidy_net_extra_exits").items()
                if k != "wage_subsidy_net_extra_exits"})
    hires = row["wage_subsidy_hires"]
    row["wage_subsidy_deadweight_share"] = row["wage_subsidy_deadweight"] / hires if hires \
        else math.nan
    return row


def build_table(jobs: Iterable[Job]) -> tuple[pd.DataFrame, dict[str, list[Job]], list[Job]]:
    """One row per complete job, grouped by pairing key, baseline first in each group."""
    groups: dict[str, list[Job]] = {}
    for job in jobs:
        if job.status == "complete":
            groups.setdefault(job.key, []).append(job)
    rows, unmatched = [], []
    labels = group_labels(groups)
    for key, members in groups.items():
        members.sort(key=lambda j: (bool(j.policy), natural(j.name)))
        baseline = next((j for j in members if not j.policy), None)
        for job in members:
            row = job_row(job)
            row["setting"] = labels[key]
            if not job.policy:
                row["status"] = "baseline"
            elif baseline is None:
                row["status"] = "no baseline"
                unmatched.append(job)
            else:
                row["status"] = "ok"
                row["baseline_job"] = baseline.name
                row.update(compare_pair(job, baseline))
            rows.append(row)
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    table["breakeven_month"] = table["breakeven_month"].astype("Int64")
    return table, groups, unmatched


