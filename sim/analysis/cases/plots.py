"""Plots of a case sweep: the stock by job against the reported figures, and the
decomposition of the change."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from sim.analysis.cases.analyse import LEVEL, CaseResult, start_stock
from sim.analysis.labels import scenario_colours
from sim.output.files import save_figure

STOCK_PNG = "stock.png"
DECOMP_PNG = "decomposition.png"


def write_plots(result: CaseResult, out: Path) -> list[str]:
    """Write the plots into ``out``; return their file names."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    files = [_stock_plot(plt, result, out)]
    dec = [r for r in result.rows if r["section"] == "decomposition"
           and r["item"] in ("steady baseline change", "economy trend", "policy effect")]
    if dec:
        files.append(_decomposition_plot(plt, result, dec, out))
    return files


def _stock_plot(plt, result: CaseResult, out: Path) -> str:
    fig, ax = plt.subplots(figsize=(8, 4.8))
    base = pd.Period(result.start_date, freq="M")
    colours = scenario_colours([cj.package for cj in result.jobs])
    q = ((1 - LEVEL) / 2, (1 + LEVEL) / 2)
    for cj in result.jobs:
        stock = cj.stock()
        stock.loc[-1] = start_stock(cj)  # each run's start: the spin-up's result
        stock = stock.sort_index()
        x = [(base + int(m)).to_timestamp(how="end") for m in stock.index]
        mean = stock.mean(axis=1).tolist()
        lo, hi = stock.quantile(q[0], axis=1).tolist(), stock.quantile(q[1], axis=1).tolist()
        style = "-" if cj.calendar else "--"
        ax.plot(x, mean, style, lw=1.6, label=cj.label, color=colours[cj.package])
        ax.fill_between(x, lo, hi, color=colours[cj.package], alpha=0.12)
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
    ax.set_title(f"{case['name']}: stock by job (mean; band: {LEVEL:.0%} predictive "
                 "interval over draws and replications)", fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.autofmt_xdate()
    fig.tight_layout()
    save_figure(fig, out / STOCK_PNG)
    plt.close(fig)
    return STOCK_PNG


def _decomposition_plot(plt, result: CaseResult, dec: list[dict], out: Path) -> str:
    case = result.case
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
    save_figure(fig, out / DECOMP_PNG)
    plt.close(fig)
    return DECOMP_PNG
