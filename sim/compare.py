"""Compare the jobs of a sweep: every policy scenario against its own baseline.

``sim-compare <sweep folder>`` (also run at the end of every ``sim-run -m`` sweep by
:mod:`sim.callbacks`) reads every job folder, pairs each scenario with the baseline job
(no instrument) whose configuration is otherwise identical, and writes
``comparison.csv``, ``comparison.md`` and two PNG plots into the sweep folder.

Replication ``r`` of a scenario and replication ``r`` of its baseline run on the same
seed (common random numbers), so the policy effect is estimated from the per-replication
differences: the interval is much narrower than comparing two independent sets of runs.
``sim-compare --pairing-demo`` shows how much narrower.

A job folder is complete when it holds ``summary.json`` (written last); a job that
raised holds ``failed.json`` instead. Failed and incomplete jobs are listed in the
report, never fatal, so one broken job does not cost the rest of the comparison.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

SUMMARY_FILE = "summary.json"
FAILED_FILE = "failed.json"
MONTHLY_FILE = "monthly.csv"
CSV_NAME = "comparison.csv"
MD_NAME = "comparison.md"
CASELOAD_PNG = "caseload.png"
COST_PNG = "cost_vs_exits.png"
LEVEL = 0.95

COSTS = ("cost_benefits", "cost_staff", "cost_admin", "cost_instruments", "cost_total")
WAGE_SUBSIDY = ("wage_subsidy_starts", "wage_subsidy_deadweight",
                "wage_subsidy_displaced_claimants", "wage_subsidy_displaced_outsiders")
# Settings that do not change results, left out of the key that pairs a scenario with
# its baseline (the policy itself is what differs).
NOT_IN_PAIRING_KEY = ("policy", "run.progress")

COLUMNS = (
    "job", "scenario", "role", "baseline_job", "status", "setting", "overrides",
    "municipality", "economy", "seed", "replications", "horizon_months",
    "stock_horizon", "exits_to_work", "inflow",
    "extra_exits_to_work", "extra_exits_to_work_lo", "extra_exits_to_work_hi",
    "extra_inflow", "extra_inflow_lo", "extra_inflow_hi",
    *COSTS,
    "benefit_savings", "net_budget_effect", "net_budget_effect_lo", "net_budget_effect_hi",
    "cost_per_extra_exit", "breakeven_month", "breakeven_date",
    *WAGE_SUBSIDY, "wage_subsidy_deadweight_share",
)


# --- statistics ------------------------------------------------------------------------------
def paired_interval(diffs: Sequence[float] | np.ndarray, level: float = LEVEL
                    ) -> tuple[float, float, float]:
    """Mean of paired differences with a t-interval; NaN bounds below two pairs."""
    d = np.asarray(diffs, dtype=float)
    mean = float(d.mean()) if d.size else math.nan
    if d.size < 2:
        return mean, math.nan, math.nan
    half = stats.t.ppf(0.5 + level / 2, d.size - 1) * d.std(ddof=1) / math.sqrt(d.size)
    return mean, mean - half, mean + half


def independent_interval(a: Sequence[float] | np.ndarray, b: Sequence[float] | np.ndarray,
                         level: float = LEVEL) -> tuple[float, float, float]:
    """Difference of means ``a - b`` of two independent samples, Welch t-interval."""
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    diff = float(x.mean() - y.mean())
    if x.size < 2 or y.size < 2:
        return diff, math.nan, math.nan
    vx, vy = x.var(ddof=1) / x.size, y.var(ddof=1) / y.size
    se = math.sqrt(vx + vy)
    if se == 0:
        return diff, diff, diff
    dof = (vx + vy) ** 2 / (vx**2 / (x.size - 1) + vy**2 / (y.size - 1))
    half = stats.t.ppf(0.5 + level / 2, dof) * se
    return diff, diff - half, diff + half


def breakeven_index(net_by_month: Sequence[float] | np.ndarray) -> int | None:
    """First month index from which the cumulative net budget effect is negative for good.

    ``net_by_month`` is scenario cost minus baseline cost per month; a negative running
    total means cumulative savings exceed cumulative spending. None if it never turns.
    """
    cum = np.cumsum(np.asarray(net_by_month, dtype=float))
    if cum.size == 0 or cum[-1] >= 0:
        return None
    not_yet = np.flatnonzero(cum >= 0)
    return int(not_yet[-1] + 1) if not_yet.size else 0


# --- reading jobs ----------------------------------------------------------------------------
def _natural(name: str) -> list[Any]:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]


def _flatten(node: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for k, v in node.items():
            out.update(_flatten(v, f"{prefix}.{k}" if prefix else str(k)))
        return out
    return {prefix: node}


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _read_overrides(job_dir: Path) -> list[str]:
    path = job_dir / ".hydra" / "overrides.yaml"
    if not path.exists():
        return []
    from omegaconf import OmegaConf

    try:
        items = OmegaConf.to_container(OmegaConf.load(path))
    except Exception:  # a half-written file of a job still starting
        return []
    return [str(x) for x in items] if isinstance(items, list) else []


@dataclass
class Job:
    """One job folder of a sweep and what it left behind."""

    path: Path
    name: str
    status: str  # complete | failed | incomplete
    overrides: list[str] = field(default_factory=list)
    summary: dict[str, Any] | None = None
    failure: dict[str, Any] | None = None
    _monthly: pd.DataFrame | None = None

    @property
    def config(self) -> dict[str, Any]:
        return (self.summary or {}).get("provenance", {}).get("config") or {}

    @property
    def policy(self) -> tuple[str, ...]:
        return tuple((self.summary or {}).get("policy") or ())

    @property
    def label(self) -> str:
        return "+".join(self.policy) if self.policy else "baseline"

    @property
    def key(self) -> str:
        """Everything but the policy: jobs with the same key differ only in their policy."""
        flat = _flatten(self.config)
        kept = {k: v for k, v in flat.items()
                if not any(k == x or k.startswith(x + ".") for x in NOT_IN_PAIRING_KEY)}
        return json.dumps(kept, sort_keys=True, default=str)

    def setting(self, dotted: str, default: Any = None) -> Any:
        node: Any = self.config
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    @property
    def monthly(self) -> pd.DataFrame:
        if self._monthly is None:
            self._monthly = pd.read_csv(self.path / MONTHLY_FILE)
        return self._monthly


def is_job_dir(path: Path) -> bool:
    return any((path / n).exists() for n in (SUMMARY_FILE, FAILED_FILE, MONTHLY_FILE, ".hydra"))


def load_job(path: Path, root: Path) -> Job:
    name = path.relative_to(root).as_posix() if path != root else path.name
    job = Job(path=path, name=name, status="incomplete", overrides=_read_overrides(path))
    failure = _read_json(path / FAILED_FILE) if (path / FAILED_FILE).exists() else None
    summary = _read_json(path / SUMMARY_FILE) if (path / SUMMARY_FILE).exists() else None
    if failure is not None:
        job.status, job.failure = "failed", failure
        job.overrides = job.overrides or list(failure.get("overrides") or [])
    elif summary is not None and (path / MONTHLY_FILE).exists():
        job.status, job.summary = "complete", summary
    return job


def find_jobs(root: Path) -> list[Job]:
    """Every job folder under ``root`` (hidden folders such as .submitit skipped)."""
    if is_job_dir(root) and not (root / "multirun.yaml").exists():
        return [load_job(root, root)]
    jobs: list[Job] = []

    def walk(folder: Path) -> None:
        for child in sorted(folder.iterdir(), key=lambda p: _natural(p.name)):
            if not child.is_dir() or child.name.startswith("."):
                continue
            if is_job_dir(child):
                jobs.append(load_job(child, root))
            else:
                walk(child)

    walk(root)
    return jobs


# --- per-job numbers -------------------------------------------------------------------------
def replication_totals(monthly: pd.DataFrame) -> pd.DataFrame:
    """Per replication: stock at the horizon, exits to work, costs and subsidy tallies."""
    m = monthly.sort_values(["replication", "month"])
    g = m.groupby("replication", sort=True)
    out = pd.DataFrame({"stock_horizon": g["stock"].last().astype(float)})
    work = m["outflow_work"] + m.get("outflow_subsidised_work", 0)
    out["exits_to_work"] = work.groupby(m["replication"]).sum().astype(float)
    if "inflow" in m.columns:
        out["inflow"] = g["inflow"].sum().astype(float)
    for col in (*COSTS, *WAGE_SUBSIDY):
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
    if "wage_subsidy_starts" in t and "wage_subsidy" in job.policy:
        for k in WAGE_SUBSIDY:
            row[k] = float(t.get(k, math.nan))
        starts = row["wage_subsidy_starts"]
        row["wage_subsidy_deadweight_share"] = (row["wage_subsidy_deadweight"] / starts
                                                if starts > 0 else math.nan)
    return row


# --- the comparison --------------------------------------------------------------------------
@dataclass
class Comparison:
    """What ``compare_sweep`` found and wrote."""

    folder: Path
    jobs: list[Job]
    table: pd.DataFrame
    groups: dict[str, list[Job]]
    unmatched: list[Job]
    files: dict[str, Path] = field(default_factory=dict)

    @property
    def failed(self) -> list[Job]:
        return [j for j in self.jobs if j.status == "failed"]

    @property
    def incomplete(self) -> list[Job]:
        return [j for j in self.jobs if j.status == "incomplete"]


def build_table(jobs: Iterable[Job]) -> tuple[pd.DataFrame, dict[str, list[Job]], list[Job]]:
    """One row per complete job, grouped by pairing key, baseline first in each group."""
    groups: dict[str, list[Job]] = {}
    for job in jobs:
        if job.status == "complete":
            groups.setdefault(job.key, []).append(job)
    rows, unmatched = [], []
    labels = group_labels(groups)
    for key, members in groups.items():
        members.sort(key=lambda j: (bool(j.policy), _natural(j.name)))
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


def compare_sweep(folder: Path | str, out: Path | str | None = None, plots: bool = True
                  ) -> Comparison:
    """Read every job under ``folder``, write comparison.csv/.md and plots into ``out``."""
    folder = Path(folder)
    out_dir = Path(out) if out is not None else folder
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder")
    jobs = find_jobs(folder)
    table, groups, unmatched = build_table(jobs)
    result = Comparison(folder, jobs, table, groups, unmatched)
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_path = out_dir / CSV_NAME
    _atomic_text(csv_path, table.to_csv(index=False))
    result.files["csv"] = csv_path
    if plots and not table.empty:
        result.files.update(write_plots(result, out_dir))
    md_path = out_dir / MD_NAME
    _atomic_text(md_path, render_markdown(result, out_dir))
    result.files["md"] = md_path
    return result


def _atomic_text(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


# --- plots -----------------------------------------------------------------------------------
def group_labels(groups: dict[str, list[Job]]) -> dict[str, str]:
    """A short name per group: municipality and economy, plus whatever else differs."""
    flats = {key: json.loads(key) for key in groups}

    def varies(k: str) -> bool:
        """Differs between groups of the same municipality and economy (so is worth naming)."""
        seen: dict[tuple[str, str], str] = {}
        for f in flats.values():
            base = (str(f.get("municipality.name")), str(f.get("economy.kind")))
            value = json.dumps(f.get(k), default=str)
            if seen.setdefault(base, value) != value:
                return True
        return False

    keys = {k for f in flats.values() for k in f} - {"municipality.name", "economy.kind"}
    differing = sorted(k for k in keys if varies(k))
    labels = {}
    for key, flat in flats.items():
        parts = [str(flat.get("municipality.name", "?")), str(flat.get("economy.kind", "?"))]
        parts += [f"{k}={flat.get(k)}" for k in differing]
        labels[key] = ", ".join(parts)
    return labels


def write_plots(result: Comparison, out_dir: Path) -> dict[str, Path]:
    """Caseload paths with 95% bands, and net budget effect against extra exits."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = group_labels(result.groups)
    files: dict[str, Path] = {}

    n = len(result.groups)
    ncols = min(3, n)
    nrows = math.ceil(n / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(6.4 * ncols, 4.2 * nrows), squeeze=False)
    for ax, (key, members) in zip(axes.flat, result.groups.items(), strict=False):
        for job in members:
            stock = monthly_matrix(job.monthly, "stock")
            mean = stock.mean(axis=1)
            lo, hi = stock.quantile(0.025, axis=1), stock.quantile(0.975, axis=1)
            (line,) = ax.plot(stock.index, mean, label=job.label if len(members) < 12 else None)
            ax.fill_between(stock.index, lo, hi, color=line.get_color(), alpha=0.18, lw=0)
        ax.set_title(labels[key], fontsize=10)
        ax.set_xlabel("month")
        ax.set_ylabel("claimants (stock)")
        ax.legend(fontsize=8)
        ax.grid(alpha=0.3)
    for ax in list(axes.flat)[n:]:
        ax.set_visible(False)
    fig.suptitle("Caseload: mean and 95% band across replications", fontsize=11)
    fig.tight_layout()
    path = out_dir / CASELOAD_PNG
    fig.savefig(path, dpi=110)
    plt.close(fig)
    files["caseload"] = path

    paired = result.table[result.table["status"] == "ok"]
    if not paired.empty:
        fig, ax = plt.subplots(figsize=(7.5, 5.2))
        keys_by_job = {j.name: k for k, members in result.groups.items() for j in members}
        many = len(result.groups) > 1
        middle = (paired["extra_exits_to_work"].min() + paired["extra_exits_to_work"].max()) / 2
        for _, r in paired.iterrows():
            x, y = r["extra_exits_to_work"], r["net_budget_effect"] / 1e3
            xerr = _err(x, r["extra_exits_to_work_lo"], r["extra_exits_to_work_hi"])
            yerr = _err(y, r["net_budget_effect_lo"] / 1e3, r["net_budget_effect_hi"] / 1e3)
            ax.errorbar(x, y, xerr=xerr, yerr=yerr, fmt="o", capsize=3)
            name = r["scenario"] + (f" ({labels[keys_by_job[r['job']]]})" if many else "")
            right = x > middle  # labels point inwards, so they stay inside the axes
            ax.annotate(name, (x, y), textcoords="offset points", xytext=(-6 if right else 6, 6),
                        ha="right" if right else "left", fontsize=8)
        ax.axhline(0, color="grey", lw=0.8)
        ax.axvline(0, color="grey", lw=0.8)
        ax.set_xlabel("extra exits to work vs baseline (persons, 95% interval)")
        ax.set_ylabel("net budget effect vs baseline (EUR thousand, 95% interval)")
        ax.set_title("Cost against extra exits to work (below 0: saves money)", fontsize=11)
        ax.grid(alpha=0.3)
        fig.tight_layout()
        path = out_dir / COST_PNG
        fig.savefig(path, dpi=110)
        plt.close(fig)
        files["cost"] = path
    return files


def _err(center: float, lo: float, hi: float) -> list[list[float]] | None:
    if math.isnan(lo) or math.isnan(hi):
        return None
    return [[center - lo], [hi - center]]


# --- Markdown --------------------------------------------------------------------------------
def _k(eur: Any) -> str:
    """Euros as EUR thousand with separators."""
    return "" if _missing(eur) else f"{eur / 1e3:,.0f}"


def _missing(x: Any) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def _ci(mean: Any, lo: Any, hi: Any, scale: float = 1.0, digits: int = 1,
        sign: bool = True) -> str:
    if _missing(mean):
        return ""
    f = f"{{:{'+' if sign else ''},.{digits}f}}"
    text = f.format(mean / scale)
    if not (_missing(lo) or _missing(hi)):
        text += f" ({lo / scale:,.{digits}f} to {hi / scale:,.{digits}f})"
    return text


def _md_table(header: Sequence[str], rows: Iterable[Sequence[str]], left: int = 2) -> str:
    """A Markdown table: the first ``left`` columns are text, the rest right-aligned."""
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" if i < left else "---:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in r) + " |" for r in rows]
    return "\n".join(lines)


def render_markdown(result: Comparison, out_dir: Path) -> str:
    t = result.table
    jobs = result.jobs
    done = sum(j.status == "complete" for j in jobs)
    parts = [
        "# Policy comparison",
        "",
        f"Sweep folder: `{result.folder.absolute()}`. Jobs: {len(jobs)} found, {done} complete, "
        f"{len(result.failed)} failed, {len(result.incomplete)} incomplete.",
        "",
        "Each scenario is compared with the baseline (no instrument) whose configuration is "
        "otherwise identical (municipality, economy, behaviour, seed, replications, horizon). "
        "Replication r of both runs on the same seed, so effects are paired by replication "
        "(common random numbers); intervals are 95% t-intervals over the replication "
        "differences. Money is in EUR thousand, summed over the horizon, mean over "
        "replications.",
    ]
    if not t.empty:
        def breakeven(r: pd.Series) -> str:
            if r["status"] != "ok":
                return ""
            if _missing(r["breakeven_month"]):
                return "none"
            return f"{r['breakeven_date']} (month {int(r['breakeven_month'])})"

        outcome_rows = [
            (r["job"], r["scenario"], r["setting"],
             f"{int(r['replications'])} x {int(r['horizon_months'])}",
             f"{r['stock_horizon']:,.1f}", f"{r['exits_to_work']:,.1f}",
             _ci(r["extra_exits_to_work"], r["extra_exits_to_work_lo"],
                 r["extra_exits_to_work_hi"]) if r["status"] == "ok" else r["status"],
             _ci(r["extra_inflow"], r["extra_inflow_lo"], r["extra_inflow_hi"])
             if r["status"] == "ok" else "",
             breakeven(r))
            for _, r in t.iterrows()]
        parts += ["", "## Outcomes", "", _md_table(
            ("Job", "Scenario", "Setting", "Reps x months",
             "Stock at horizon", "Exits to work", "Extra exits to work (95% CI)",
             "Change in inflow (95% CI)", "Break-even month"), outcome_rows, left=4)]
        cost_rows = [
            (r["job"], r["scenario"], *(_k(r[c]) for c in COSTS),
             f"{r['benefit_savings'] / 1e3:+,.0f}" if r["status"] == "ok" else "",
             _ci(r["net_budget_effect"], r["net_budget_effect_lo"], r["net_budget_effect_hi"],
                 scale=1e3, digits=0) if r["status"] == "ok" else "",
             ("n/a" if _missing(r["cost_per_extra_exit"]) else
              f"{r['cost_per_extra_exit']:,.0f}") if r["status"] == "ok" else "")
            for _, r in t.iterrows()]
        parts += ["", "## Costs (EUR thousand over the horizon)", "", _md_table(
            ("Job", "Scenario", "Benefits", "Staff", "Admin", "Instruments", "Total",
             "Benefit savings", "Net budget effect (95% CI)", "Cost per extra exit (EUR)"),
            cost_rows)]
        ws = t[t["wage_subsidy_starts"].notna()]
        if not ws.empty:
            parts += ["", "## Wage subsidy: deadweight and displacement", "", _md_table(
                ("Job", "Scenario", "Subsidised hires", "Deadweight", "Displaced claimants",
                 "Displaced outsiders", "Deadweight share"),
                [(r["job"], r["scenario"], f"{r['wage_subsidy_starts']:,.1f}",
                  f"{r['wage_subsidy_deadweight']:,.1f}",
                  f"{r['wage_subsidy_displaced_claimants']:,.1f}",
                  f"{r['wage_subsidy_displaced_outsiders']:,.1f}",
                  "" if _missing(r["wage_subsidy_deadweight_share"])
                  else f"{r['wage_subsidy_deadweight_share']:.0%}")
                 for _, r in ws.iterrows()])]
        plots = [(p, title) for p, title in ((CASELOAD_PNG, "Caseload paths"),
                                             (COST_PNG, "Cost against extra exits to work"))
                 if (out_dir / p).exists()]
        if plots:
            parts += ["", "## Plots", ""] + [f"![{title}]({p})" for p, title in plots]
    parts += ["", "## Notes", ""] + [f"- {n}" for n in notes(result)]
    not_done = result.failed + result.incomplete
    if not_done:
        parts += ["", "## Jobs not compared", "", _md_table(
            ("Job", "Status", "Overrides", "Error"),
            [(j.name, j.status, " ".join(j.overrides) or "?", _failure_text(j))
             for j in not_done], left=4)]
    if result.unmatched:
        parts += ["", "## Scenarios without a baseline", "",
                  "No complete baseline job (policy=baseline) has the same configuration:", ""]
        parts += [f"- `{j.name}` {j.label}: {' '.join(j.overrides)}" for j in result.unmatched]
    return "\n".join(parts) + "\n"


def _failure_text(job: Job) -> str:
    if job.failure is None:
        return "no summary.json: still running, killed or crashed"
    msg = f"{job.failure.get('error', 'error')}: {job.failure.get('message', '')}"
    return " ".join(msg.split())[:300]


def notes(result: Comparison) -> list[str]:
    """Short definitions, plus warnings the reader should not miss."""
    out = [
        "Exits to work: outflow_work + outflow_subsidised_work over the horizon. Extra exits: "
        "scenario minus baseline.",
        "Change in inflow: scenario minus baseline inflow into bijstand over the horizon; "
        "prevention (WW prevention, gate mediation) shows here rather than in exits, and "
        "fewer people on bijstand also means fewer exits from it.",
        "Benefit savings: baseline benefits minus scenario benefits. Net budget effect: "
        "scenario total cost minus baseline total cost (negative: the scenario saves money).",
        "Cost per extra exit: instrument cost divided by extra exits to work; n/a when there "
        "are no extra exits.",
        "Break-even month: the first month from which cumulative savings (benefits, admin) "
        "exceed cumulative extra spending (instruments, staff) for the rest of the horizon; "
        "none if that never happens within the horizon.",
        "Caseload plot: the line is the mean over replications, the band holds 95% of the "
        "replications.",
    ]
    ok = result.table[result.table["status"] == "ok"]
    for _, r in ok.iterrows():
        lo, hi = r["extra_exits_to_work_lo"], r["extra_exits_to_work_hi"]
        if _missing(lo):
            out.append(f"{r['job']} {r['scenario']}: one replication, no interval; "
                       "run more replications.")
        elif lo <= 0 <= hi:
            out.append(f"{r['job']} {r['scenario']}: the effect on exits to work is not "
                       "distinguishable from zero at this number of replications.")
    if result.failed:
        out.append(f"{len(result.failed)} job(s) failed; see the table below and each job's "
                   f"{FAILED_FILE}.")
    if result.incomplete:
        out.append(f"{len(result.incomplete)} job(s) have no {SUMMARY_FILE} (still running or "
                   "interrupted); they are left out.")
    return out


# --- the pairing demonstration ---------------------------------------------------------------
def pairing_demo(overrides: Sequence[str] = (), policy: str = "intensive_coaching",
                 seed_shift: int = 1) -> dict[str, Any]:
    """Extra exits to work estimated from paired runs and from independently seeded runs.

    Paired: scenario and baseline share the seed (common random numbers). Independent:
    the baseline runs on ``run.seed + seed_shift``. Same replications, same estimator
    target; only the interval width differs.
    """
    from hydra import compose, initialize_config_module
    from hydra.core.global_hydra import GlobalHydra

    from sim.run import to_config
    from sim.scenario import run_replication

    def build(extra: list[str]):
        if GlobalHydra.instance().is_initialized():
            return to_config(compose(config_name="config", overrides=[*overrides, *extra]))
        with initialize_config_module(config_module="sim.configs", version_base="1.3"):
            return to_config(compose(config_name="config", overrides=[*overrides, *extra]))

    scenario = build([f"policy={policy}"])
    baseline = build(["policy=baseline"])
    shifted = build(["policy=baseline", f"run.seed={scenario.run.seed + seed_shift}"])

    def exits(cfg) -> np.ndarray:
        months = [run_replication(cfg, r)[0] for r in range(cfg.run.replications)]
        return replication_totals(pd.concat(months, ignore_index=True))[
            "exits_to_work"].to_numpy()

    s, b, b2 = exits(scenario), exits(baseline), exits(shifted)
    paired = paired_interval(s - b)
    independent = independent_interval(s, b2)
    return {
        "policy": policy, "replications": scenario.run.replications,
        "municipality": scenario.municipality.name, "horizon_months": scenario.run.horizon_months,
        "paired": paired, "independent": independent,
        "paired_width": paired[2] - paired[1], "independent_width": independent[2] - independent[1],
    }


def print_pairing_demo(result: dict[str, Any]) -> None:
    print(f"Extra exits to work, {result['policy']} vs baseline: {result['municipality']} "
          f"municipality, {result['replications']} replications, "
          f"{result['horizon_months']} months")
    print(f"{'':34}{'estimate':>10}{'95% interval':>24}{'width':>10}")
    for name, key in (("paired (same seeds)", "paired"),
                      ("independent (baseline seed + 1)", "independent")):
        m, lo, hi = result[key]
        print(f"{name:34}{m:10.1f}{f'{lo:.1f} to {hi:.1f}':>24}{hi - lo:10.1f}")
    ratio = result["independent_width"] / result["paired_width"]
    print(f"The paired interval is {ratio:.1f} times narrower.")


# --- command line ----------------------------------------------------------------------------
def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="sim-compare",
        description="Compare every policy scenario in a sweep folder with its baseline.")
    parser.add_argument("folder", nargs="?", type=Path, help="a sweep folder (sim-run -m)")
    parser.add_argument("--out", type=Path, help="where to write (default: the sweep folder)")
    parser.add_argument("--no-plots", action="store_true", help="skip the PNG plots")
    parser.add_argument("--pairing-demo", action="store_true",
                        help="run a scenario and its baseline with common and with different "
                             "seeds and print both interval widths")
    parser.add_argument("--policy", default="intensive_coaching",
                        help="--pairing-demo: the scenario's policy (default %(default)s)")
    parser.add_argument("overrides", nargs="*", default=[],
                        help="--pairing-demo: Hydra overrides, e.g. municipality=small")
    args, extra = parser.parse_known_args(argv)
    if args.pairing_demo:
        overrides = [str(args.folder)] if args.folder else []
        overrides += [*args.overrides, *extra]
        defaults = ["municipality=medium", "run.replications=10", "run.progress=false"]
        given = {o.split("=", 1)[0] for o in overrides}
        overrides = [d for d in defaults if d.split("=", 1)[0] not in given] + overrides
        print_pairing_demo(pairing_demo(overrides, policy=args.policy))
        return 0
    if extra or args.overrides:
        parser.error(f"unexpected arguments: {' '.join([*args.overrides, *extra])}")
    if args.folder is None:
        parser.error("give a sweep folder, or --pairing-demo")
    if not args.folder.is_dir():
        print(f"sim-compare: {args.folder}: no such folder", file=sys.stderr)
        return 2
    result = compare_sweep(args.folder, args.out, plots=not args.no_plots)
    if not result.jobs:
        print(f"sim-compare: no job folders under {args.folder}", file=sys.stderr)
        return 2
    report(result)
    return 0


def report(result: Comparison) -> None:
    """Tell where the comparison is, and what was left out."""
    print(f"comparison: {result.files['md'].absolute()}")
    left_out = len(result.failed) + len(result.incomplete)
    if left_out:
        print(f"warning: {left_out} of {len(result.jobs)} jobs failed or are incomplete; "
              f"they are listed in {result.files['md'].name}", file=sys.stderr)
    if result.unmatched:
        print(f"warning: {len(result.unmatched)} scenario(s) have no matching baseline",
              file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
