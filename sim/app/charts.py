"""The page's charts: Matplotlib figures kept from month to month, sent as SVG.

Each chart keeps one figure per model and only changes its data each step, so a step of
the page stays under a second.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, ClassVar

import matplotlib
import numpy as np
import solara
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from sim.app.model import ExploreModel

SCENARIO_COLOUR, BASELINE_COLOUR = "#1f77b4", "#7f7f7f"
TEAM_COLOURS = {"regular": "#4c72b0", "intensive_coaching": "#dd8452"}
TEAM_LABELS = {"regular": "regular team", "intensive_coaching": "coaching team"}
COST_LABELS = {"cost_benefits": "benefits", "cost_staff": "staff",
               "cost_admin": "administration", "cost_instruments": "instruments"}
STYLE = {"font.size": 8, "axes.titlesize": 9, "legend.fontsize": 7, "axes.spines.top": False,
         "axes.spines.right": False,
         "svg.hashsalt": "bijstand-sim", "svg.fonttype": "none"}
FIGSIZE = (5.6, 3.9)  # inches: fills half the page width at a readable size
MARGINS = {"left": 0.11, "right": 0.98, "bottom": 0.13, "top": 0.91}
MIN_MONTHS_SHOWN = 12  # the month axis starts a year wide, then grows


class LiveChart:
    """A Matplotlib figure kept from month to month: each step only changes its data.

    Building a figure's axes and ticks costs about as much as drawing it, so the page keeps
    one figure per chart and model; SVG with fixed margins is the quickest to draw. Both keep
    a step of the page under a second.
    """

    name: ClassVar[str] = ""

    def __init__(self, model: ExploreModel) -> None:
        self.model = model
        with matplotlib.rc_context(STYLE):
            self.fig = Figure(figsize=FIGSIZE, dpi=100)
            self.fig.subplots_adjust(**MARGINS)
            self.ax = self.fig.add_subplot()
            self.ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            self.note = self.ax.text(0.5, 0.5, "Press Step or \u25b6 to simulate month by month",
                                     ha="center", va="center", transform=self.ax.transAxes,
                                     color="grey")
            self.ax.set_xlabel("month")
            self.setup()

    def setup(self) -> None:
        """Create the artists once."""

    def update(self) -> None:
        """Give the artists this month's data."""

    def data(self, *columns: str, baseline: Sequence[str] = ()
             ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Months and monthly columns, cut to a common length.

        With SolaraViz's "Use Threads" the model may be in the middle of a month while the
        chart is drawn, so one column can be a month ahead of another.
        """
        m = self.model
        values = ([list(m.series(c)) for c in columns]
                  + [list(m.series(c, baseline=True)) for c in baseline])
        n = min(len(v) for v in values)
        self.note.set_visible(n == 0)
        self.ax.set_xlim(0, max(MIN_MONTHS_SHOWN, n - 1))
        return np.arange(n), [np.asarray(v[:n], dtype=float) for v in values]

    def svg(self) -> bytes:
        with matplotlib.rc_context(STYLE):
            self.update()
            buf = io.BytesIO()
            self.fig.savefig(buf, format="svg", metadata={"Date": None})  # same chart, same bytes
        return buf.getvalue()

    @classmethod
    def component(cls, model: ExploreModel) -> None:
        """Show the chart; its class name lets tests and readers find it on the page."""
        chart = solara.use_memo(lambda: cls(model), [model])
        solara.Image(chart.svg(), width="100%", format="svg+xml",
                     classes=[f"explore-chart-{cls.name}"])


class StockChart(LiveChart):
    """The caseload path of the scenario beside its no-policy baseline."""

    name = "stock"

    def setup(self) -> None:
        ax = self.ax
        (self.base,) = ax.plot([], [], color=BASELINE_COLOUR, ls="--", label="baseline (no policy)")
        (self.scen,) = ax.plot([], [], color=SCENARIO_COLOUR, lw=2, label="scenario")
        self.title = ax.set_title("Claimants on bijstand: scenario and baseline")
        ax.set_ylabel("claimants")
        ax.legend(loc="lower left")

    def update(self) -> None:
        x, (stock, base) = self.data("stock", baseline=["stock"])
        self.scen.set_data(x, stock)
        self.base.set_data(x, base)
        now = float(self.model.ledger["stock"])
        low, high = min([now, *stock, *base]), max([now, *stock, *base])
        # small swings stay small: at least 5% of the caseload above and below
        pad = max(0.05 * now, 0.1 * (high - low), 1.0)
        self.ax.set_ylim(low - pad, high + pad)
        if len(x):
            self.title.set_text("Claimants on bijstand: scenario and baseline "
                                f"(difference {stock[-1] - base[-1]:+,.0f})")


class FlowChart(LiveChart):
    """Who comes in and who leaves, and where to, each month."""

    name = "flows"
    LINES: ClassVar[dict[str, tuple[str, str]]] = {
        "inflow": ("inflow", "#c44e52"),
        "outflow_work": ("to work", "#55a868"),
        "outflow_subsidised_work": ("to subsidised work", "#8172b3"),
        "outflow_other": ("other exits", "#937860")}

    def setup(self) -> None:
        ax = self.ax
        subsidy = self.model.cfg.policy.wage_subsidy is not None
        self.lines = {c: ax.plot([], [], color=colour, label=label)[0]
                      for c, (label, colour) in self.LINES.items()
                      if subsidy or c != "outflow_subsidised_work"}
        ax.set_title("Inflow and outflow per month (scenario)")
        ax.set_ylabel("people")
        ax.legend(loc="upper left", ncols=len(self.lines))

    def update(self) -> None:
        x, values = self.data(*self.lines)
        for line, y in zip(self.lines.values(), values, strict=True):
            line.set_data(x, y)
        self.ax.set_ylim(0, max(1.0, *(y.max(initial=0) for y in values)) * 1.3)


class CostChart(LiveChart):
    """Monthly cost by category, stacked, with the baseline's total for comparison."""

    name = "cost"
    COLOURS: ClassVar[list[str]] = ["#4c72b0", "#55a868", "#c44e52", "#dd8452"]

    def setup(self) -> None:
        ax = self.ax
        self.stack: list[Any] = []
        (self.base,) = ax.plot([], [], color="black", ls="--", lw=1)
        handles = [Patch(color=c, alpha=0.85) for c in self.COLOURS] + [self.base]
        self.legend = ax.legend(handles, [*COST_LABELS.values(), "baseline total"],
                                loc="upper left", ncols=3)
        ax.set_title("Cost per month by category, \u20ac thousand (this month)")

    def update(self) -> None:
        x, values = self.data(*COST_LABELS, baseline=["cost_total"])
        *series, base = (v / 1e3 for v in values)
        for artist in self.stack:
            artist.remove()
        self.stack = self.ax.stackplot(x, *series, colors=self.COLOURS, alpha=0.85) if len(
            x) else []
        self.base.set_data(x, base)
        if len(x):
            labels = [*COST_LABELS.values(), "baseline total"]
            now = [s[-1] for s in series] + [base[-1]]
            for text, label, value in zip(self.legend.get_texts(), labels, now, strict=True):
                text.set_text(f"{label} ({value:,.0f})")
            self.ax.set_ylim(0, max(base.max(), sum(series).max()) * 1.35)


class CaseloadChart(LiveChart):
    """Each client manager's caseload now, against how many they can see in a month."""

    name = "caseloads"

    def setup(self) -> None:
        ax, cms = self.ax, self.model.client_managers
        x = np.arange(len(cms))
        teams = [cm.team for cm in cms]
        self.bars: list[Any] = []
        for team in dict.fromkeys(teams):
            pick = np.array([t == team for t in teams])
            self.bars += list(ax.bar(x[pick], np.zeros(pick.sum()),
                                     color=TEAM_COLOURS.get(team, "#999999"),
                                     label=f"{TEAM_LABELS.get(team, team)}: {pick.sum()}"))
        self.bars.sort(key=lambda r: r.get_x())
        self.capacity = [cm.contacts_per_month for cm in cms]
        ax.step(np.append(x, x[-1] + 1) - 0.5, [*self.capacity, self.capacity[-1]],
                where="post", color="black", lw=1, label="contacts a month")
        ax.set_title("Client managers: caseload now (bars), contacts a month (line)")
        ax.set_xlabel("client manager")
        self.note.set_visible(False)  # the caseloads are there before the first step
        ax.set_ylabel("claimants")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(loc="upper right", ncols=3)

    def update(self) -> None:
        loads = self.model.caseloads()
        for bar, load in zip(self.bars, loads, strict=True):
            bar.set_height(load)
        self.ax.set_ylim(0, max(int(loads.max(initial=0)), max(self.capacity)) * 1.35)
