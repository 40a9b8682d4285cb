"""Per-job numbers and the table of a sweep: every scenario against its own baseline.

Replication ``r`` of a scenario and replication ``r`` of its baseline run on the same
seed, so each effect is a mean of per-replication differences with a paired interval.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import pandas as pd

from sim.analysis.jobs import Job, natural
from sim.analysis.labels import group_labels
from sim.analysis.stats import breakeven_index, paired_interval
from sim.analysis.subsidy import OUTCOMES, subsidy_split

COSTS = ("cost_benefits", "cost_staff", "cost_admin", "cost_instruments", "cost_total")
WAGE_SUBSIDY = tuple(f"wage_subsidy_{k}" for k in OUTCOMES)
COLUMNS = (
    "job", "scenario", "role", "baseline_job", "status", "setting", "overrides",
    "municipality", "economy", "seed", "replications", "horizon_months",
    "stock_horizon", "exits_to_work", "inflow",
    "extra_exits_to_work", "extra_exits_to_work_lo", "extra_exits_to_work_hi",
    "extra_inflow", "extra_inflow_lo", "extra_inflow_hi",
    *COSTS,
    "benefit_savings", "net_budget_effect", "net_budget_effect_lo", "net_budget_effect_hi",
    "cost_per_extra_exit", "breakeven_month", "breakeven_date",
    *WAGE_SUBSIDY, "wage_subsidy_net_extra_exits_lo", "wage_subsidy_net_extra_exits_hi",
    "wage_subsidy_deadweight_share",
)


def replication_totals(monthly: pd.DataFrame) -> pd.DataFrame:
    """Per replication: stock at the horizon, exits to work, costs and subsidy tallies."""
    m = monthly.sort_values(["replication", "month"])
    g = m.groupby("replication", sort=True)
    out = pd.DataFrame({"stock_horizon": g["stock"].last().astype(float)})
    work = m["outflow_work"] + m.get("outflow_subsidised_work", 0)
    out["exits_to_work"] = work.groupby(m["replication"]).sum().astype(float)
    if "inflow" in m.columns:
        out["inflow"] = g["inflow"].sum().astype(float)
    for col in COSTS:
        if col in m.columns:
            out[col] = g[col].sum().astype(float)
    return out


def monthly_matrix(monthly: pd.DataFrame, column: str) -> pd.DataFrame:
    """Months x replications table of one monthly column."""
    return monthly.pivot(index="month", columns="replication", values=column).sort_index()


def compare_pair(scenario: Job, baseline: Job) -> dict[str, Any]:
    """The scenario's effects against its baseline, paired by replication."""
    s, b = replication_totals(scenario.monthly), replication_totals(baseline.monthly)
    reps = s.index.intersection(b.index)
    s, b = s.loc[reps], b.loc[reps]
    extra, extra_lo, extra_hi = paired_interval(s["exits_to_work"] - b["exits_to_work"])
    inflow, inflow_lo, inflow_hi = (paired_interval(s["inflow"] - b["inflow"])
                                    if "inflow" in s and "inflow" in b else (math.nan,) * 3)
    net, net_lo, net_hi = paired_interval(s["cost_total"] - b["cost_total"])
    row: dict[str, Any] = {
        "extra_exits_to_work": extra, "extra_exits_to_work_lo": extra_lo,
        "extra_exits_to_work_hi": extra_hi,
        "extra_inflow": inflow, "extra_inflow_lo": inflow_lo, "extra_inflow_hi": inflow_hi,
        "benefit_savings": float((b["cost_benefits"] - s["cost_benefits"]).mean()),
        "net_budget_effect": net, "net_budget_effect_lo": net_lo,
        "net_budget_effect_hi": net_hi,
        "cost_per_extra_exit": (float(s["cost_instruments"].mean()) / extra
                                if extra > 0 else math.nan),
    }
    row.update(subsidy_row(scenario, baseline))
    sc = monthly_matrix(scenario.monthly, "cost_total")
    bc = monthly_matrix(baseline.monthly, "cost_total")
    months = sc.index.intersection(bc.index)
    net_month = (sc.loc[months, reps] - bc.loc[months, reps]).mean(axis=1).to_numpy()
    i = breakeven_index(net_month)
    if i is None:
        row["breakeven_month"], row["breakeven_date"] = None, "none"
    else:
        month = int(months[i])
        row["breakeven_month"] = month
        dates = scenario.monthly.loc[scenario.monthly["month"] == month, "date"]
        row["breakeven_date"] = str(dates.iloc[0]) if "date" in scenario.monthly and len(
            dates) else f"month {month}"
    return row


def job_row(job: Job) -> dict[str, Any]:
    """The job's own numbers: means over replications."""
    t = replication_totals(job.monthly).mean()
    row: dict[str, Any] = {
        "job": job.name, "scenario": job.label,
        "role": "scenario" if job.policy else "baseline",
        "overrides": " ".join(job.overrides),
        "municipality": job.setting("municipality.name", ""),
        "economy": job.setting("economy.kind", ""),
        "seed": (job.summary or {}).get("seed"),
        "replications": (job.summary or {}).get("replications"),
        "horizon_months": (job.summary or {}).get("horizon_months"),
        **{k: float(t[k]) for k in ("stock_horizon", "exits_to_work", "inflow", *COSTS)
           if k in t},
    }
    return row

def subsidy_row(scenario: Job, baseline: Job) -> dict[str, Any]:
    """The wage subsidy's hires split against the paired baseline (:mod:`sim.analysis.subsidy`),
    means over replications; nothing where the scenario has no subsidy or no spell table."""
    if "wage_subsidy" not in scenario.policy or scenario.spells is None or baseline.spells is None:
        return {}
    duration = int(scenario.setting("policy.wage_subsidy.duration_months"))
    split = subsidy_split(scenario.spells, baseline.spells, scenario.monthly,
                          baseline.monthly, duration)
    row = {f"wage_subsidy_{k}": float(split[k].mean()) for k in OUTCOMES}
    _, lo, hi = paired_interval(split["net_extra_exits"])
    row["wage_subsidy_net_extra_exits_lo"], row["wage_subsidy_net_extra_exits_hi"] = lo, hi
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


