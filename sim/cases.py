"""Case reports: a replayed municipal news case set against what its article reported.

A case experiment (``sim-run -m +experiment=<case>``, configs in ``configs/experiment/``)
sweeps economy {steady, the calendar path} x policy {baseline, the article's package} on
the same seeds. This module reads such a sweep folder and writes ``report.md``,
``summary.csv`` and PNG plots into it:

* reported stock figures against the simulated stock of the historical job (calendar path
  plus the package), with the tolerance in ``case.tolerance`` and a plain hit or miss;
* an ambition (extra exits or activated claimants) and a budget against the outcome;
* the change over the article's period split into the steady-economy baseline change,
  the baseline trend due to the economy (calendar baseline minus steady baseline) and the
  policy effect (package minus calendar baseline), each paired by replication.

The sweep callback (:mod:`sim.callbacks`) calls :func:`write_case_report` when the config
names a case. ``python -m sim.cases <sweep folder> --publish`` copies the report to
``experiments/<case>/``; ``--publish-check`` stores the summary as the reference table of
the reproducibility test (run the sweep with ``run.replications=2`` for that).
"""

from __future__ import annotations

import argparse
import math
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sim.compare import (
    Job,
    _md_table,
    compare_pair,
    find_jobs,
    monthly_matrix,
    paired_interval,
    replication_totals,
)

REPORT = "report.md"
SUMMARY = "summary.csv"
CHECK = "summary_check.csv"
STOCK_PNG = "stock.png"
DECOMP_PNG = "decomposition.png"
PACKAGE_KEY = "+experiment/package="
EXPERIMENTS = Path(__file__).resolve().parent.parent / "experiments"
# Instruments whose starts are claimants on bijstand taking part in something: the
# "activated". WW prevention approaches people before they claim, gate mediation screens
# applicants, aftercare and the employer network start once someone has a job, and a wage
# subsidy start is a hire; those are reported, not counted as activated.
ACTIVATING = ("intensive_coaching", "trajectories", "participation_jobs", "debt_help",
              "value_scan", "praktijkleren", "permit_holder_placement")


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
        """Months x replications of the month-end stock."""
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


def _pick(jobs: list[CaseJob], calendar: bool, package: str) -> CaseJob | None:
    return next((c for c in jobs if c.calendar == calendar and c.package == package), None)


def _value_at(stock: pd.DataFrame, month: int, start: float) -> np.ndarray:
    """Per-replication stock at the end of ``month``; month -1 is the starting caseload."""
    if month < 0:
        return np.full(stock.shape[1], float(start))
    return stock.loc[month].to_numpy(dtype=float)


def _mean_interval(x: np.ndarray) -> tuple[float, float, float]:
    """Mean with a 95% t-interval (the paired interval of x against zero)."""
    return paired_interval(x)


@dataclass
class CaseResult:
    """Everything the report shows, also written as ``summary.csv``."""

    case: dict[str, Any]
    jobs: list[CaseJob]
    start: float
    start_date: str
    rows: list[dict[str, Any]]
    statements: list[str]


def _date(start_date: str, month: int) -> str:
    return str(pd.Period(start_date, freq="M") + month)


def _row(section: str, item: str, scenario: str = "", economy: str = "", month: Any = "",
         date: str = "", value: float = math.nan, lo: float = math.nan, hi: float = math.nan,
         target: float = math.nan, verdict: str = "") -> dict[str, Any]:
    return {"section": section, "item": item, "scenario": scenario, "economy": economy,
            "month": month, "date": date, "value": value, "lo": lo, "hi": hi,
            "target": target, "verdict": verdict}


def analyse(folder: Path | str) -> CaseResult:
    """Compare a case sweep with its article; see the module docstring."""
    folder = Path(folder)
    case, jobs = case_jobs(folder)
    cfg = jobs[0].job.config
    start = float(cfg["municipality"]["claimants"])
    start_date = str(cfg["municipality"]["start_date"])
    horizon = int(cfg["run"]["horizon_months"])
    period = int(case.get("period_months") or 0) or horizon
    end = min(period, horizon) - 1
    packages = [p for p in dict.fromkeys(c.package for c in jobs) if p != "baseline"]
    main = packages[0] if packages else "baseline"
    rows: list[dict[str, Any]] = []
    statements: list[str] = []
    tol = float(case.get("tolerance", 0.05))
    forecasts = set(case.get("forecast_months") or [])
    historical = _pick(jobs, True, main)

    # reported figures against every job; the verdict on the historical job
    for month, reported in zip(case.get("reported_months") or [],
                               case.get("reported_stock") or [], strict=True):
        month, reported = int(month), float(reported)
        kind = "forecast" if month in forecasts else "reported"
        date = _date(start_date, month)
        for cj in jobs:
            x = _value_at(cj.stock(), month, start)
            lo, hi = np.percentile(x, [2.5, 97.5])
            verdict = ""
            if cj is historical:
                if month < 0:
                    verdict = "pinned"
                else:
                    dev = x.mean() / reported - 1
                    verdict = "hit" if abs(dev) <= tol else "miss"
                    statements.append(
                        f"{date} ({kind}): simulated {x.mean():,.0f} (95% of replications "
                        f"{lo:,.0f} to {hi:,.0f}) against {reported:,.0f}, {dev:+.1%}: "
                        f"**{verdict}** (tolerance ±{tol:.0%}).")
            rows.append(_row(kind, "stock", cj.package, cj.economy, month, date,
                             float(x.mean()), float(lo), float(hi), reported, verdict))

    # decomposition of the change over the article's period, per package
    sb, cb = _pick(jobs, False, "baseline"), _pick(jobs, True, "baseline")
    date_end = _date(start_date, end)
    if sb is not None and cb is not None:
        s_b, c_b = _value_at(sb.stock(), end, start), _value_at(cb.stock(), end, start)
        drift = _mean_interval(s_b - start)
        trend = paired_interval(c_b - s_b)
        rows.append(_row("decomposition", "steady baseline change", "baseline", sb.economy,
                         end, date_end, *drift))
        rows.append(_row("decomposition", "economy trend", "baseline", cb.economy, end,
                         date_end, *trend))
        for p in packages:
            cp, sp = _pick(jobs, True, p), _pick(jobs, False, p)
            if cp is None:
                continue
            c_p = _value_at(cp.stock(), end, start)
            rows.append(_row("decomposition", "policy effect", p, cp.economy, end, date_end,
                             *paired_interval(c_p - c_b)))
            if sp is not None:
                s_p = _value_at(sp.stock(), end, start)
                rows.append(_row("decomposition", "policy effect (steady economy)", p,
                                 sp.economy, end, date_end, *paired_interval(s_p - s_b)))
            total = _mean_interval(c_p - start)
            rows.append(_row("decomposition", "total change", p, cp.economy, end, date_end,
                             *total))
            if end < horizon - 1:  # instruments that start after the article's period
                last = horizon - 1
                diff = (_value_at(cp.stock(), last, start)
                        - _value_at(cb.stock(), last, start))
                rows.append(_row("decomposition", "policy effect at the horizon", p,
                                 cp.economy, last, _date(start_date, last),
                                 *paired_interval(diff)))

    # exits, activation and money over the horizon, each package against its baseline
    for p in packages:
        for calendar in (True, False):
            pj, bj = _pick(jobs, calendar, p), _pick(jobs, calendar, "baseline")
            if pj is None or bj is None:
                continue
            pair = compare_pair(pj.job, bj.job)
            t = replication_totals(pj.job.monthly)
            m = pj.job.monthly.groupby("replication").sum(numeric_only=True)
            starts = {c[: -len("_starts")]: float(m[c].mean()) for c in m.columns
                      if c.endswith("_starts")}
            activated = sum(v for k, v in starts.items() if k in ACTIVATING)
            ambition = float(case.get("ambition") or 0)
            budget = float(case.get("budget") or 0)
            measure = case.get("ambition_measure", "extra_exits")
            lo, hi = pair["extra_exits_to_work_lo"], pair["extra_exits_to_work_hi"]
            extra = pair["extra_exits_to_work"]
            verdict = ""
            if ambition and measure == "extra_exits":
                verdict = "reached" if extra >= ambition else "not reached"
            rows.append(_row("outcome", "extra exits to work", p, pj.economy, horizon - 1,
                             _date(start_date, horizon - 1), extra, lo, hi,
                             ambition if measure == "extra_exits" and ambition else math.nan,
                             verdict))
            verdict = ""
            if ambition and measure == "activated":
                verdict = "reached" if activated >= ambition else "not reached"
            rows.append(_row("outcome", "activated (starts on bijstand)", p, pj.economy,
                             horizon - 1, "", activated,
                             target=ambition if measure == "activated" and ambition
                             else math.nan, verdict=verdict))
            for name, v in starts.items():
                rows.append(_row("outcome", f"starts: {name}", p, pj.economy, horizon - 1,
                                 "", v))
            cost = float(t["cost_instruments"].mean())
            rows.append(_row("outcome", "instrument cost (EUR)", p, pj.economy, horizon - 1,
                             "", cost, target=budget or math.nan,
                             verdict=("within budget" if cost <= budget else "over budget")
                             if budget else ""))
            rows.append(_row("outcome", "net budget effect (EUR)", p, pj.economy,
                             horizon - 1, "", pair["net_budget_effect"],
                             pair["net_budget_effect_lo"], pair["net_budget_effect_hi"]))
            rows.append(_row("outcome", "benefit savings (EUR)", p, pj.economy, horizon - 1,
                             "", pair["benefit_savings"]))
    return CaseResult(case, jobs, start, start_date, rows, statements)


def summary_frame(result: CaseResult) -> pd.DataFrame:
    """The headline table, rounded so that reruns on the same seeds compare exactly."""
    df = pd.DataFrame(result.rows)
    for c in ("value", "lo", "hi", "target"):
        df[c] = df[c].astype(float).round(3)
    return df


# --- plots -----------------------------------------------------------------------------------
def write_plots(result: CaseResult, out: Path) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    files = []
    fig, ax = plt.subplots(figsize=(8, 4.8))
    base = pd.Period(result.start_date, freq="M")
    for cj in result.jobs:
        s = result.start
        stock = cj.stock()
        months = [-1, *stock.index.tolist()]
        x = [(base + int(m)).to_timestamp(how="end") for m in months]
        mean = [s, *stock.mean(axis=1).tolist()]
        lo = [s, *stock.quantile(0.025, axis=1).tolist()]
        hi = [s, *stock.quantile(0.975, axis=1).tolist()]
        style = "-" if cj.calendar else "--"
        line, = ax.plot(x, mean, style, lw=1.6, label=cj.label)
        ax.fill_between(x, lo, hi, color=line.get_color(), alpha=0.12)
    case = result.case
    forecasts = set(case.get("forecast_months") or [])
    for month, value in zip(case.get("reported_months") or [], case.get("reported_stock") or [],
                            strict=True):
        when = (base + int(month)).to_timestamp(how="end")
        hollow = month in forecasts
        ax.plot([when], [value], "o", ms=8, color="black",
                mfc="white" if hollow else "black", zorder=5)
    if case.get("reported_months"):
        ax.plot([], [], "o", color="black", label="reported (hollow: forecast)")
    ax.set_ylabel("claimants at the end of the month")
    ax.set_title(f"{case['name']}: stock by job (mean, band holds 95% of replications)",
                 fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(out / STOCK_PNG, dpi=110)
    plt.close(fig)
    files.append(STOCK_PNG)

    dec = [r for r in result.rows if r["section"] == "decomposition"
           and r["item"] in ("steady baseline change", "economy trend", "policy effect")]
    if dec:
        fig, ax = plt.subplots(figsize=(7, 3.8))
        labels = [r["item"] + ("" if r["scenario"] == "baseline" else f"\n{r['scenario']}")
                  for r in dec]
        vals = [r["value"] for r in dec]
        err = [[0 if math.isnan(r["lo"]) else r["value"] - r["lo"] for r in dec],
               [0 if math.isnan(r["hi"]) else r["hi"] - r["value"] for r in dec]]
        ax.bar(range(len(dec)), vals, yerr=err, capsize=4, color="#4c72b0")
        ax.set_xticks(range(len(dec)), labels, fontsize=8)
        ax.axhline(0, color="grey", lw=0.8)
        ax.set_ylabel("change in claimants (95% interval)")
        ax.set_title(f"{case['name']}: change to {dec[0]['date']}", fontsize=10)
        ax.grid(alpha=0.3, axis="y")
        fig.tight_layout()
        fig.savefig(out / DECOMP_PNG, dpi=110)
        plt.close(fig)
        files.append(DECOMP_PNG)
    return files


# --- Markdown --------------------------------------------------------------------------------
def _num(x: Any, digits: int = 0, sign: bool = False) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    return f"{x:{'+' if sign else ''},.{digits}f}"


def _ci(r: dict[str, Any], digits: int = 0, scale: float = 1.0, sign: bool = True) -> str:
    text = _num(r["value"] / scale, digits, sign=sign)
    if not (math.isnan(r["lo"]) or math.isnan(r["hi"])):
        text += f" ({_num(r['lo'] / scale, digits)} to {_num(r['hi'] / scale, digits)})"
    return text


def render(result: CaseResult, plots: Sequence[str]) -> str:
    case, jobs, rows = result.case, result.jobs, result.rows
    cfg = jobs[0].job.config
    run = cfg["run"]
    horizon = int(run["horizon_months"])
    name = case["name"]
    shock = cfg.get("shock", {})
    parts = [
        f"# Case report: {name}",
        "",
        "*Generated by `sim.cases` from the case sweep; the interpretation is in "
        "[experiments/README.md](../README.md).*",
        "",
        f"Command: `sim-run -m +experiment={name}`. Municipality `{cfg['municipality']['name']}`"
        f", {result.start:,.0f} claimants at the start of {result.start_date} (month 0), "
        f"{horizon} months to {_date(result.start_date, horizon - 1)}; "
        f"{run['replications']} replications on seed {run['seed']} (common random numbers "
        "across the jobs). Inflow shock: "
        + (f"{shock.get('extra_per_1000', 0):g} extra applicants per 1,000 claimants over "
           f"{shock.get('months', 1)} months from month {shock.get('start_month', 0)}."
           if shock.get("extra_per_1000") else "none.")
        + " Behaviour: the calibrated national defaults (nothing tuned to this case).",
        "",
        _md_table(("Job", "Economy", "Package", "Instruments"),
                  [(cj.job.name, cj.economy, cj.package, ", ".join(cj.job.policy) or "none")
                   for cj in jobs], left=4),
    ]
    reported = [r for r in rows if r["section"] in ("reported", "forecast")]
    if reported:
        tol = float(case.get("tolerance", 0.05))
        by_month: dict[Any, list[dict[str, Any]]] = {}
        for r in reported:
            by_month.setdefault(r["month"], []).append(r)
        header = ["Date (month-end)", "Kind", "Reported",
                  *[f"{cj.package} / {cj.economy}" for cj in jobs], "Verdict"]
        table = []
        for month, rs in by_month.items():
            verdict = next((r["verdict"] for r in rs if r["verdict"]), "")
            table.append((rs[0]["date"] + f" (m{month})", rs[0]["section"],
                          _num(rs[0]["target"]),
                          *[f"{_num(r['value'])} [{_num(r['lo'])}-{_num(r['hi'])}]"
                            for r in rs], verdict))
        parts += ["", "## Simulated against reported", "",
                  f"Tolerance: a hit when the simulated mean of the historical job (calendar "
                  f"path plus the package) is within ±{tol:.0%} of the reported figure. "
                  "Cells: mean [range holding 95% of replications]. Month -1 is the starting "
                  "caseload, pinned by the warm-up.", "",
                  _md_table(header, table, left=2), ""]
        parts += [f"- {s}" for s in result.statements]
    outcome = [r for r in rows if r["section"] == "outcome"]
    if case.get("ambition") or case.get("budget"):
        measure = case.get("ambition_measure", "extra_exits")
        parts += ["", "## Ambition and budget against the outcome", "",
                  f"Ambition: {float(case.get('ambition') or 0):,.0f} "
                  + ("extra exits to work above the baseline (paired by replication)"
                     if measure == "extra_exits" else
                     "activated claimants (starts in instruments for people on bijstand; a "
                     "person in two instruments counts twice)")
                  + f" within {horizon} months; budget EUR {float(case.get('budget') or 0):,.0f}"
                  " against the instruments' simulated cost.", ""]
        for r in outcome:
            if r["verdict"] and r["economy"] != "steady":
                parts.append(f"- {r['item']}, {r['scenario']} on {r['economy']}: "
                             f"{_ci(r, sign=r['item'].startswith('extra'))} against "
                             f"{_num(r['target'])}: **{r['verdict']}**.")
    if outcome:
        keys = list(dict.fromkeys((r["scenario"], r["economy"]) for r in outcome))
        items = ["extra exits to work", "activated (starts on bijstand)",
                 "instrument cost (EUR)", "benefit savings (EUR)", "net budget effect (EUR)"]
        items += sorted({r["item"] for r in outcome if r["item"].startswith("starts: ")})
        table = []
        for item in items:
            cells = []
            for k in keys:
                r = next((x for x in outcome if (x["scenario"], x["economy"]) == k
                          and x["item"] == item), None)
                if r is None:
                    cells.append("")
                elif "EUR" in item:
                    cells.append(_ci(r, 0, 1e3))
                else:
                    cells.append(_ci(r, 1) if not math.isnan(r["lo"]) else _num(r["value"], 1))
            table.append((item.replace("(EUR)", "(EUR 1,000)"), *cells))
        parts += ["", f"## Exits, activation and money over the {horizon} months", "",
                  "Each package against the baseline on the same economy and seeds (95% "
                  "paired intervals where shown). Extra exits include displacement among "
                  "claimants; instrument cost is what the model charges for the instruments.",
                  "", _md_table(("Measure", *[f"{p} / {e}" for p, e in keys]), table, left=1)]
    dec = [r for r in rows if r["section"] == "decomposition"]
    if dec:
        parts += ["", f"## Decomposition of the change to {dec[0]['date']} (month "
                  f"{dec[0]['month']})", "",
                  "Change in the stock from the start: the steady-economy baseline change "
                  "(drift plus any inflow shock), the baseline trend due to the economy "
                  "(calendar baseline minus steady baseline) and the policy effect (package "
                  "minus calendar baseline): steady baseline change + economy trend + policy "
                  "effect = the package's total change. The policy effect on the steady "
                  "economy is shown for comparison. 95% intervals over replications, "
                  "paired where two jobs are compared.", "",
                  _md_table(("Component", "Package", "Economy", "Change in claimants (95% CI)"),
                            [(r["item"] + ("" if r["month"] == dec[0]["month"]
                                           else f" ({r['date']})"),
                              r["scenario"], r["economy"], _ci(r, 1)) for r in dec],
                            left=3)]
    if plots:
        parts += ["", "## Plots", ""] + [f"![{p}]({p})" for p in plots]
    return "\n".join(parts) + "\n"


def write_case_report(folder: Path | str, plots: bool = True) -> Path:
    """Write report.md, summary.csv and the plots into the sweep folder; return the report."""
    folder = Path(folder)
    result = analyse(folder)
    summary_frame(result).to_csv(folder / SUMMARY, index=False)
    files = write_plots(result, folder) if plots else []
    path = folder / REPORT
    path.write_text(render(result, files), encoding="utf-8")
    return path


def publish(folder: Path | str, check: bool = False, root: Path = EXPERIMENTS) -> Path:
    """Copy a sweep's case report to ``experiments/<case>/`` (or only its summary as the
    reference table of the reproducibility test, with ``check``)."""
    folder = Path(folder)
    case, _ = case_jobs(folder)
    dest = root / case["name"]
    dest.mkdir(parents=True, exist_ok=True)
    if check:
        shutil.copyfile(folder / SUMMARY, dest / CHECK)
        return dest / CHECK
    for name in (REPORT, SUMMARY, STOCK_PNG, DECOMP_PNG):
        if (folder / name).exists():
            shutil.copyfile(folder / name, dest / name)
    return dest / REPORT


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sim.cases",
                                     description="Write the case report of a case sweep.")
    parser.add_argument("folder", type=Path, help="a case sweep folder")
    parser.add_argument("--publish", action="store_true",
                        help="also copy the report to experiments/<case>/")
    parser.add_argument("--publish-check", action="store_true",
                        help="store summary.csv as experiments/<case>/summary_check.csv")
    parser.add_argument("--no-plots", action="store_true")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"{args.folder}: no such folder", file=sys.stderr)
        return 2
    print(f"case report: {write_case_report(args.folder, plots=not args.no_plots)}")
    if args.publish:
        print(f"published: {publish(args.folder)}")
    if args.publish_check:
        print(f"reference table: {publish(args.folder, check=True)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
