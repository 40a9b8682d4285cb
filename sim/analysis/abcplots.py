"""Plots of an ABC-SMC fit: the posterior's pairs, and posterior predictive ranges.

Draws are shown by weight (point size, histogram weight), so the picture is the weighted
posterior, not the raw particles; each axis spans the prior's range.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from sim.analysis.calibration import Free
from sim.output.files import save_figure

TRUE_COLOUR = "#d62728"
DRAW_COLOUR = "#1f77b4"


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def pair_plot(draws: pd.DataFrame, free: Sequence[Free], path: Path, title: str,
              truth: dict[str, float] | None = None) -> Path:
    """A grid of the posterior: weighted histograms on the diagonal, pairs below it, the
    true values (when known) in red."""
    plt = _pyplot()
    k = len(free)
    fig, axes = plt.subplots(k, k, figsize=(1.7 * k + 1, 1.7 * k + 1), squeeze=False)
    w = draws["weight"].to_numpy()
    sizes = 4 + 200 * w / w.max()
    for i, fy in enumerate(free):
        for j, fx in enumerate(free):
            ax = axes[i][j]
            if j > i:
                ax.set_visible(False)
                continue
            if i == j:
                ax.hist(draws[fx.key], bins=12, range=(fx.low, fx.high), weights=w,
                        color=DRAW_COLOUR, alpha=0.7)
                ax.set_yticks([])
            else:
                ax.scatter(draws[fx.key], draws[fy.key], s=sizes, color=DRAW_COLOUR,
                           alpha=0.5, linewidths=0)
                ax.set_ylim(fy.low, fy.high)
                if truth is not None:
                    ax.plot(truth[fx.key], truth[fy.key], "x", color=TRUE_COLOUR, ms=8, mew=2)
            if truth is not None:
                ax.axvline(truth[fx.key], color=TRUE_COLOUR, lw=1)
            ax.set_xlim(fx.low, fx.high)
            _label(ax, i, j, k, fx, fy)
    fig.suptitle(title)
    fig.tight_layout()
    save_figure(fig, path)
    plt.close(fig)
    return path


def _label(ax, i: int, j: int, k: int, fx: Free, fy: Free) -> None:
    """Names on the outer axes only; inner tick labels would crowd the grid."""
    ax.tick_params(labelsize=6)
    if i == k - 1:
        ax.set_xlabel(fx.key, fontsize=7)
    else:
        ax.set_xticklabels([])
    if j == 0 and i > 0:
        ax.set_ylabel(fy.key, fontsize=7)
    elif j > 0:
        ax.set_yticklabels([])


def predictive_plot(table: pd.DataFrame, path: Path) -> Path:
    """Each target's band beside the 5-95% range of the posterior predictive figures, in
    units of half the band around the target, so every figure shares one axis."""
    plt = _pyplot()
    n = len(table)
    fig, ax = plt.subplots(figsize=(7.5, 0.55 * n + 1.4))
    y = np.arange(n)[::-1]
    half = (table["band_high"] - table["band_low"]).to_numpy() / 2
    value = table["value"].to_numpy()
    lo = (table["low"].to_numpy() - value) / half
    hi = (table["high"].to_numpy() - value) / half
    band_lo = (table["band_low"].to_numpy() - value) / half
    band_hi = (table["band_high"].to_numpy() - value) / half
    ax.barh(y, band_hi - band_lo, left=band_lo, height=0.6, color="#dddddd",
            label="target band")
    ax.hlines(y, lo, hi, color=DRAW_COLOUR, lw=4, label="posterior predictive 5-95%")
    ax.plot(np.zeros(n), y, "|", color="black", ms=14, label="target")
    ax.set_yticks(y, table["target"])
    ax.set_xlabel("distance from the target, in half band widths")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize=7,
              frameon=False)
    fig.tight_layout()
    save_figure(fig, path)
    plt.close(fig)
    return path
