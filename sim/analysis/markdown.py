"""The comparison as Markdown: outcomes, costs, the wage subsidy's counterfactuals, every
effect's interval with Monte Carlo noise only and with parameter uncertainty, notes."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from sim.analysis.jobs import Job
from sim.analysis.plots import CASELOAD_PNG, COST_PNG
from sim.analysis.stats import LEVEL
from sim.analysis.tables import COSTS
from sim.output.files import FAILED_FILE, SUMMARY_FILE

if TYPE_CHECKING:
    from sim.analysis.comparison import Comparison


def k_eur(eur: Any) -> str:
    """Euros as EUR thousand with separators."""
    return "" if missing(eur) else f"{eur / 1e3:,.0f}"


def missing(x: Any) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def ci_text(mean: Any, lo: Any, hi: Any, scale: float = 1.0, digits: int = 1,
        sign: bool = True) -> str:
    if missing(mean):
        return ""
    f = f"{{:{'+' if sign else ''},.{digits}f}}"
    text = f.format(mean / scale)
    if not (missing(lo) or missing(hi)):
        text += f" ({lo / scale:,.{digits}f} to {hi / scale:,.{digits}f})"
    return text


def md_table(header: Sequence[str], rows: Iterable[Sequence[str]], left: int = 2) -> str:
    """A Markdown table: the first ``left`` columns are text, the rest right-aligned."""
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" if i < left else "---:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in r) + " |" for r in rows]
    return "\n".join(lines)


def render_markdown(result: Comparison, out_dir: Path) -> str:
    """The whole comparison report."""
    parts = _intro(result)
    if not result.table.empty:
        parts += _outcomes(result.table) + _costs(result.table) + _wage_subsidy(result.table)
        parts += _intervals(result.table) + _plots(out_dir)
    parts += ["", "## Notes", ""] + [f"- {n}" for n in notes(result)]
    parts += _left_out(result)
    return "\n".join(parts) + "\n"


def _intro(result: Comparison) -> list[str]:
    jobs = result.jobs
    done = sum(j.status == "complete" for j in jobs)
    planned = "" if result.planned is None else f"{result.planned} planned, "
    others = [f"{sum(j.status == s for j in jobs)} {s}" for s in ("corrupt", "not planned")
              if any(j.status == s for j in jobs)]
    return [
        "# Policy comparison",
        "",
        f"Sweep folder: `{result.folder.absolute()}`. Jobs: {planned}{len(jobs)} found, "
        f"{done} complete, {len(result.failed)} failed, {len(result.incomplete)} incomplete"
        + "".join(f", {o}" for o in others) + ".",
        "",
        "Each scenario is compared with the baseline (no instrument) whose configuration is "
        "otherwise identical (municipality, economy, behaviour, seed, replications, horizon). "
        "Replication r of both runs on the same seed, in every posterior draw, so effects are "
        "paired by draw and replication (common random numbers); intervals in the tables are "
        "95% t-intervals over the replication differences, Monte Carlo noise only (with "
        "posterior draws, the intervals section adds parameter uncertainty). Money is in EUR "
        "thousand, summed over "
        "the horizon, mean over draws and replications.",
    ]


def _breakeven(r: pd.Series) -> str:
    if r["status"] != "ok":
        return ""
    if missing(r["breakeven_month"]):
        return "none"
    return f"{r['breakeven_date']} (month {int(r['breakeven_month'])})"


def _outcomes(t: pd.DataFrame) -> list[str]:
    rows = [
        (r["job"], r["scenario"], r["setting"],
         f"{int(r['replications'])} x {int(r['horizon_months'])}",
         f"{r['stock_horizon']:,.1f}", f"{r['exits_to_work']:,.1f}",
         ci_text(r["extra_exits_to_work"], r["extra_exits_to_work_lo"],
                 r["extra_exits_to_work_hi"]) if r["status"] == "ok" else r["status"],
         ci_text(r["extra_inflow"], r["extra_inflow_lo"], r["extra_inflow_hi"])
         if r["status"] == "ok" else "",
         _breakeven(r))
        for _, r in t.iterrows()]
    return ["", "## Outcomes", "", md_table(
        ("Job", "Scenario", "Setting", "Reps x months",
         "Stock at horizon", "Exits to work", "Extra exits to work (95% CI)",
         "Change in inflow (95% CI)", "Break-even month"), rows, left=4)]


def _costs(t: pd.DataFrame) -> list[str]:
    rows = [
        (r["job"], r["scenario"], *(k_eur(r[c]) for c in COSTS),
         f"{r['benefit_savings'] / 1e3:+,.0f}" if r["status"] == "ok" else "",
         ci_text(r["net_budget_effect"], r["net_budget_effect_lo"], r["net_budget_effect_hi"],
                 scale=1e3, digits=0) if r["status"] == "ok" else "",
         ("n/a" if missing(r["cost_per_extra_exit"]) else
          f"{r['cost_per_extra_exit']:,.0f}") if r["status"] == "ok" else "")
        for _, r in t.iterrows()]
    return ["", "## Costs (EUR thousand over the horizon)", "", md_table(
        ("Job", "Scenario", "Benefits", "Staff", "Admin", "Instruments", "Total",
         "Benefit savings", "Net budget effect (95% CI)", "Cost per extra exit (EUR)"), rows)]


def _wage_subsidy(t: pd.DataFrame) -> list[str]:
    ws = t[t["wage_subsidy_hires"].notna()]
    if ws.empty:
        return []
    return ["", "## Wage subsidy: deadweight, substitution and displacement", "",
            "Per subsidised hire, against the same people in the paired baseline (means "
            "over replications): *deadweight*, the person is in work in the baseline within "
            "the subsidy period; *substitution*, other claimants' exits to work lost; "
            "*displacement*, outside candidates who lost the vacancy and WW claimants' job "
            "finds lost; *net extra exits*, all exits to work, scenario minus baseline.", "",
            md_table(
        ("Job", "Scenario", "Subsidised hires", "Deadweight", "Substitution", "Displacement",
         "Net extra exits (95% CI)", "Deadweight share"),
        [(r["job"], r["scenario"], f"{r['wage_subsidy_hires']:,.1f}",
          f"{r['wage_subsidy_deadweight']:,.1f}", f"{r['wage_subsidy_substitution']:,.1f}",
          f"{r['wage_subsidy_displacement']:,.1f}",
          ci_text(r["wage_subsidy_net_extra_exits"], r["wage_subsidy_net_extra_exits_lo"],
                  r["wage_subsidy_net_extra_exits_hi"]),
          "" if missing(r["wage_subsidy_deadweight_share"])
          else f"{r['wage_subsidy_deadweight_share']:.0%}")
         for _, r in ws.iterrows()])]


EFFECTS = (("extra_exits_to_work", "Extra exits to work", 1.0, 1),
           ("extra_inflow", "Change in inflow", 1.0, 1),
           ("net_budget_effect", "Net budget effect (EUR thousand)", 1e3, 0),
           ("wage_subsidy_net_extra_exits", "Wage subsidy: net extra exits", 1.0, 1))
INTERVALS = (
    "Each paired effect with two {level:.0%} intervals around the mean over draws and "
    "replications. *MC only*: the Monte Carlo noise of R replications at one parameter set, "
    "from the variance of the paired differences within draws over R (with one draw, the "
    "t-interval of the tables above). *With parameter uncertainty*: by the law of total "
    "variance, the spread of the effect over the behaviour posterior's draws (between-draw "
    "mean square less the residual one, over R, at least 0; a draw x replication analysis of "
    "variance, as every draw reuses the replications' seeds) plus the Monte Carlo part; the "
    "two half-widths add in quadrature, each with its t quantile, so it is never narrower "
    "than MC only and equals it when the draws agree.")


def _intervals(t: pd.DataFrame) -> list[str]:
    """Both intervals of every paired effect; nothing where no job sampled the posterior
    (the notes say so, and the tables above hold the only interval there is)."""
    ok = t[t["status"] == "ok"]
    if ok.empty or not (ok["draws"] > 1).any():
        return []
    rows = []
    for _, r in ok.iterrows():
        sampled = not missing(r["draws"]) and r["draws"] > 1
        for name, label, scale, digits in EFFECTS:
            if missing(r[name]):
                continue
            mc = ci_text(r[name], r[f"{name}_lo"], r[f"{name}_hi"], scale, digits) or "n/a"
            full = (ci_text(r[name], r[f"{name}_full_lo"], r[f"{name}_full_hi"], scale, digits)
                    if sampled else "not sampled")
            rows.append((r["job"], r["scenario"], label,
                         f"{int(r['draws'])} x {int(r['replications'])}", mc, full,
                         _widening(r, name) if sampled else ""))
    level = f"{LEVEL:.0%}"
    return ["", "## Intervals: Monte Carlo noise and parameter uncertainty", "",
            INTERVALS.format(level=LEVEL), "", md_table(
        ("Job", "Scenario", "Effect", "Draws x reps", f"MC only ({level} CI)",
         f"With parameter uncertainty ({level} CI)", "Width ratio"), rows, left=3)]


def _widening(r: pd.Series, name: str) -> str:
    """How many times wider the full interval is than the MC-only one."""
    mc = r[f"{name}_hi"] - r[f"{name}_lo"]
    full = r[f"{name}_full_hi"] - r[f"{name}_full_lo"]
    return "" if missing(mc) or missing(full) or mc <= 0 else f"{full / mc:.1f}x"


def _plots(out_dir: Path) -> list[str]:
    plots = [(p, title) for p, title in ((CASELOAD_PNG, "Caseload paths"),
                                         (COST_PNG, "Cost against extra exits to work"))
             if (out_dir / p).exists()]
    return ["", "## Plots", "", *[f"![{title}]({p})" for p, title in plots]] if plots else []


def _left_out(result: Comparison) -> list[str]:
    parts: list[str] = []
    not_done = result.not_compared
    if result.missing:
        parts += ["", "## Planned jobs without a folder", "",
                  *[f"- `{m}`" for m in result.missing]]
    if not_done:
        parts += ["", "## Jobs not compared", "", md_table(
            ("Job", "Status", "Overrides", "Error"),
            [(j.name, j.status, " ".join(j.overrides) or "?", _failure_text(j))
             for j in not_done], left=4)]
    if result.unmatched:
        parts += ["", "## Scenarios without a baseline", "",
                  "No complete baseline job (policy=baseline) has the same configuration:", ""]
        parts += [f"- `{j.name}` {j.label}: {' '.join(j.overrides)}" for j in result.unmatched]
    return parts


def _uncertainty_notes(ok: pd.DataFrame) -> list[str]:
    """Whether the intervals carry parameter uncertainty, and how many draws they used."""
    if ok.empty:
        return []
    draws = sorted({int(d) for d in ok["draws"] if not missing(d)})
    if draws in ([], [1]):
        return ["Parameter uncertainty was not sampled (run.posterior_draws=0): every run "
                "used the behaviour config only, so both intervals are the Monte Carlo "
                "interval. Set run.posterior_draws=K to run every replication under K draws "
                "of the behaviour posterior."]
    return [f"Parameter uncertainty was sampled: {', '.join(map(str, draws))} draws of the "
            "behaviour posterior (run.posterior_draws), chosen by systematic resampling on "
            "their weights; every draw reuses the replications' seeds."]


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
    out += _uncertainty_notes(ok)
    for _, r in ok.iterrows():
        lo, hi = r["extra_exits_to_work_lo"], r["extra_exits_to_work_hi"]
        full_lo, full_hi = r["extra_exits_to_work_full_lo"], r["extra_exits_to_work_full_hi"]
        if missing(lo):
            out.append(f"{r['job']} {r['scenario']}: one replication, no interval; "
                       "run more replications." if r["draws"] <= 1 else
                       f"{r['job']} {r['scenario']}: one replication per draw, no MC-only "
                       "interval; the one with parameter uncertainty holds both.")
        elif lo <= 0 <= hi:
            out.append(f"{r['job']} {r['scenario']}: the effect on exits to work is not "
                       "distinguishable from zero at this number of replications.")
        elif r["draws"] > 1 and not missing(full_lo) and full_lo <= 0 <= full_hi:
            out.append(f"{r['job']} {r['scenario']}: the effect on exits to work stands out "
                       "from the Monte Carlo noise, but not from the parameter uncertainty.")
    if result.failed:
        out.append(f"{len(result.failed)} job(s) failed; see the table below and each job's "
                   f"{FAILED_FILE}.")
    if result.incomplete:
        out.append(f"{len(result.incomplete)} job(s) have no {SUMMARY_FILE} (still running or "
                   "interrupted); they are left out.")
    return out

