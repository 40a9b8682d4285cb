"""Plots of a sweep: caseload paths with 95% bands, and cost against extra exits.

Each scenario keeps one colour across both plots; time runs in calendar months. The bands
hold 95% of the runs (every draw and replication); the cost plot's error bars are the
intervals with parameter uncertainty, the MC-only ones where it was not sampled.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from sim.analysis.labels import group_labels, scenario_colours, scenario_label
from sim.analysis.tables import monthly_matrix
from sim.output.files import save_figure

if TYPE_CHECKING:
    from sim.analysis.comparison import Comparison

CASELOAD_PNG = "caseload.png"
COST_PNG = "cost_vs_exits.png"


def write_plots(result: Comparison, out_dir: Path) -> dict[str, Path]:
    """Write both plots into ``out_dir``; return their paths by kind."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    jobs = [j for members in result.groups.values() for j in members]
    colours = scenario_colours([j.label for j in jobs])
    files = {"caseload": _caseload_plot(plt, result, colours, out_dir / CASELOAD_PNG)}
    paired = result.table[result.table["status"] == "ok"]
    if not paired.empty:
        files["cost"] = _cost_plot(plt, result, paired, colours, out_dir / COST_PNG)
    return files


def _dates(job) -> pd.DatetimeIndex:
    """Calendar month ends of a job's simulated months."""
    monthly = job.monthly
    by_month = monthly.drop_duplicates("month").set_index("month")["date"].sort_index()
    return pd.PeriodIndex(by_month.astype(str), freq="M").to_timestamp(how="end")


def _caseload_plot(plt, result: Comparison, colours: dict[str, str], path: Path) -> Path:
    labels = group_labels(result.groups)
    n = len(result.groups)
    ncols = min(3, n)
    nrows = math.ceil(n / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(6.4 * ncols, 4.2 * nrows), squeeze=False)
    for ax, (key, members) in zip(axes.flat, result.groups.items(), strict=False):
        for job in members:
            stock = monthly_matrix(job.monthly, "stock")
            when = _dates(job)
            ax.plot(when, stock.mean(axis=1), color=colours[job.label],
                    label=scenario_label(job.label))
            ax.fill_between(when, stock.quantile(0.025, axis=1), stock.quantile(0.975, axis=1),
                            color=colours[job.label], alpha=0.18, lw=0)
        ax.set_title(labels[key], fontsize=10)
        ax.set_ylabel("claimants on bijstand (month end)")
        ax.legend(fontsize=7, ncol=2 if len(members) > 6 else 1)
        ax.grid(alpha=0.3)
        for tick in ax.get_xticklabels():
            tick.set_rotation(30)
    for ax in list(axes.flat)[n:]:
        ax.set_visible(False)
    fig.suptitle("Caseload: mean and 95% band across replications", fontsize=11)
    fig.tight_layout()
    save_figure(fig, path)
    plt.close(fig)
    return path


def _cost_plot(plt, result: Comparison, paired: pd.DataFrame, colours: dict[str, str],
               path: Path) -> Path:
    labels = group_labels(result.groups)
    fig, ax = plt.subplots(figsize=(7.5, 5.2))
    keys_by_job = {j.name: k for k, members in result.groups.items() for j in members}
    many = len(result.groups) > 1
    middle = (paired["extra_exits_to_work"].min() + paired["extra_exits_to_work"].max()) / 2
    for _, r in paired.iterrows():
        x, y = r["extra_exits_to_work"], r["net_budget_effect"] / 1e3
        xerr = _err(x, r["extra_exits_to_work_full_lo"], r["extra_exits_to_work_full_hi"])
        yerr = _err(y, r["net_budget_effect_full_lo"] / 1e3,
                    r["net_budget_effect_full_hi"] / 1e3)
        ax.errorbar(x, y, xerr=xerr, yerr=yerr, fmt="o", capsize=3,
                    color=colours[r["scenario"]])
        name = scenario_label(r["scenario"]) + (
            f" ({labels[keys_by_job[r['job']]]})" if many else "")
        right = x > middle  # labels point inwards, so they stay inside the axes
        ax.annotate(name, (x, y), textcoords="offset points", xytext=(-6 if right else 6, 6),
                    ha="right" if right else "left", fontsize=8, color=colours[r["scenario"]])
    ax.axhline(0, color="grey", lw=0.8)
    ax.axvline(0, color="grey", lw=0.8)
    ax.set_xlabel("extra exits to work vs baseline (persons, 95% interval)")
    ax.set_ylabel("net budget effect vs baseline (EUR thousand, 95% interval)")
    ax.set_title("Cost against extra exits to work (below 0: saves money)", fontsize=11)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    save_figure(fig, path)
    plt.close(fig)
    return path


def _err(center: float, lo: float, hi: float) -> list[list[float]] | None:
    if math.isnan(lo) or math.isnan(hi):
        return None
    return [[center - lo], [hi - center]]
