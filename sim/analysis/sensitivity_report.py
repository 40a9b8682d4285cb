"""The sensitivity analysis's report: a markdown page and bar plots of the indices."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sim.analysis.markdown import md_table
from sim.config.space import Param
from sim.output.files import save_figure, write_text_atomic

REPORT, MORRIS_PNG, SOBOL_PNG = "report.md", "morris.png", "sobol.png"


def _fmt(x: float) -> str:
    return "" if x != x else f"{x:.3g}"


def _table(rows: list[dict[str, Any]], method: str, outcome: str,
           first: str, second: str) -> list[str]:
    these = [r for r in rows if r["method"] == method and r["outcome"] == outcome]
    by = {p: {r["index"]: r for r in these if r["parameter"] == p}
          for p in dict.fromkeys(r["parameter"] for r in these)}
    order = sorted(by, key=lambda p: -by[p][first]["value"])
    return [md_table(("Parameter", f"{first} (95% conf)", second),
                     [(f"`{p}`", f"{_fmt(by[p][first]['value'])} "
                       f"(±{_fmt(by[p][first]['conf'])})",
                       _fmt(by[p][second]["value"])
                       + (f" (±{_fmt(by[p][second]['conf'])})" if method == "sobol" else ""))
                      for p in order], left=1), ""]


def write_report(folder: Path, rows: list[dict[str, Any]], kept: list[str],
                 setup: str, params: Sequence[Param] = ()) -> Path:
    """report.md and the plots in ``folder`` (with the ranges of ``params``)."""
    outcomes = list(dict.fromkeys(r["outcome"] for r in rows))
    lines = ["# Sensitivity analysis", "", setup, "",
             "Morris screening (mu_star: the mean absolute elementary effect, in the "
             "outcome's unit; sigma: its spread, large where a parameter interacts or acts "
             "non-linearly), then Sobol indices (S1: the share of the outcome's variance "
             "a parameter explains alone; ST: with all its interactions) for the parameters "
             f"the screening kept: {', '.join(f'`{k}`' for k in kept)}. Confidence "
             "intervals are SALib's bootstrap. All figures are in `sensitivity.csv`.", "",
             f"![Morris screening]({MORRIS_PNG})", ""]
    has_sobol = any(r["method"] == "sobol" for r in rows)
    if has_sobol:
        lines += [f"![Sobol indices]({SOBOL_PNG})", ""]
    if params:
        lines += ["## Ranges", "", md_table(
            ("Parameter", "Kind", "Low", "High", "Default"),
            [(f"`{p.key}`", p.kind, _fmt(p.low), _fmt(p.high), p.default) for p in params]),
            ""]
    for o in outcomes:
        lines += [f"## {o}", "", "**Morris**", ""]
        lines += _table(rows, "morris", o, "mu_star", "sigma")
        if has_sobol:
            lines += ["**Sobol**", ""] + _table(rows, "sobol", o, "ST", "S1")
    _plot(rows, "morris", "mu_star", folder / MORRIS_PNG)
    if has_sobol:
        _plot(rows, "sobol", "ST", folder / SOBOL_PNG)
    path = folder / REPORT
    write_text_atomic(path, "\n".join(lines) + "\n")
    return path


def _plot(rows: list[dict[str, Any]], method: str, index: str, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    outcomes = list(dict.fromkeys(r["outcome"] for r in rows if r["method"] == method))
    fig, axes = plt.subplots(1, len(outcomes), figsize=(4.2 * len(outcomes), 4.2),
                             squeeze=False)
    for ax, o in zip(axes[0], outcomes, strict=True):
        these = sorted((r for r in rows if r["method"] == method and r["outcome"] == o
                        and r["index"] == index), key=lambda r: r["value"])
        ax.barh([r["parameter"].split(".")[-1] for r in these],
                [r["value"] for r in these], xerr=[r["conf"] for r in these],
                color="#4c72b0", capsize=3)
        ax.set_title(o, fontsize=9)
        ax.set_xlabel(index)
        ax.tick_params(labelsize=7)
    fig.tight_layout()
    save_figure(fig, path)
    plt.close(fig)
