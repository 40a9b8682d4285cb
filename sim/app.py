"""An interactive page for students: a Mesa SolaraViz page over :class:`ExploreModel`.

Start it with ``sim-explore`` or ``solara run sim.app`` (``solara run sim/app.py`` works
too). Choose a municipality, an economy and a policy mix in the sidebar, press Reset to
build it, then Step or play month by month. The charts are drawn with Matplotlib on the
server and sent as SVG images, and Solara's scripts come from the solara-assets package,
so the page needs nothing from outside this machine.
"""

from __future__ import annotations

import html
import inspect
import io
from collections.abc import Sequence
from typing import Any, ClassVar

import matplotlib
import numpy as np
import pandas as pd
import solara
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator
from mesa.visualization import SolaraViz
from mesa.visualization.user_param import Slider

from sim.explore_model import AGENT_ENGINE_MAX, ECONOMIES, ExploreModel

TITLE = "bijstand-sim: explore a municipality's caseload"
SCENARIO_COLOUR, BASELINE_COLOUR = "#1f77b4", "#7f7f7f"
TEAM_COLOURS = {"regular": "#4c72b0", "intensive_coaching": "#dd8452"}
TEAM_LABELS = {"regular": "regular team", "intensive_coaching": "coaching team"}
COST_LABELS = {"cost_benefits": "benefits", "cost_staff": "staff",
               "cost_admin": "administration", "cost_instruments": "instruments"}
STATE_LABELS = {"ww": "WW", "bijstand": "bijstand", "work": "work",
                "subsidised_work": "subsidised work", "other_income": "other income",
                "gone": "left", "left the model": "left"}
STYLE = {"font.size": 8, "axes.titlesize": 9, "legend.fontsize": 7, "axes.spines.top": False,
         "axes.spines.right": False,
         "svg.hashsalt": "bijstand-sim", "svg.fonttype": "none"}
FIGSIZE = (5.6, 3.9)  # inches: fills half the page width at a readable size
MARGINS = {"left": 0.11, "right": 0.98, "bottom": 0.13, "top": 0.91}
MIN_MONTHS_SHOWN = 12  # the month axis starts a year wide, then grows
TABLE_CSS = (
    "<style>.explore-table{border-collapse:collapse;font-size:12px;width:100%}"
    ".explore-table th,.explore-table td{padding:1px 6px;text-align:right;"
    "border-bottom:1px solid rgba(128,128,128,.3)}"
    ".explore-table th:first-child,.explore-table td:first-child{text-align:left}"
    ".explore-note{font-size:12px;line-height:1.35;margin:4px 0}</style>"
)


# --- charts ------------------------------------------------------------------------------
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


def thousands(x: float) -> str:
    return f"{x:,.0f}"


Cell = str | tuple[str, str]
"""A table cell: its text, or its text and a class name to find it by."""


def table(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """An HTML table; all text is escaped."""
    def td(cell: Cell) -> str:
        text, name = (cell, "") if isinstance(cell, str) else cell
        cls = f' class="{name}"' if name else ""
        return f"<td{cls}>{html.escape(text)}</td>"

    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(td(c) for c in row) + "</tr>" for row in rows)
    return f'<table class="explore-table"><tr>{head}</tr>{body}</table>'


# --- the page's components (each gets the current model; SolaraViz redraws them) ----------------
def Overview(model: ExploreModel) -> None:
    """Which engine runs and why, the policy mix, and this month's numbers."""
    cfg, base = model.cfg, model.baseline
    n = cfg.municipality.claimants
    if model.engine_name == "agent":
        engine = (f"<b>Agent engine.</b> Each of the {len(model.engine.views):,} people the "
                  "model follows is a Mesa <code>Claimant</code> agent that acts in turn every "
                  f"month, so you can follow individuals. Used up to {AGENT_ENGINE_MAX:,} "
                  "claimants, so that a step stays under a second.")
    else:
        engine = (f"<b>Fast engine.</b> Above {AGENT_ENGINE_MAX:,} claimants the same rules "
                  "run over arrays (identical results, a few milliseconds a month); "
                  "<code>Claimant</code> agents are made only for the people in the table.")
    policies = []
    if (c := cfg.policy.intensive_coaching) is not None:
        policies.append(f"intensive coaching ({c.places} places, 1:{c.caseload:g}, "
                        f"aged {c.target.min_age:g}+)")
    if (s := cfg.policy.wage_subsidy) is not None:
        policies.append(f"wage subsidy (wage value up to {s.target.max_wage_value:g}; at most "
                        f"{s.max_share:.0%} of the minimum wage for {s.duration_months} months)")
    if (w := cfg.policy.ww_prevention) is not None:
        policies.append(f"WW prevention ({w.months_before} months before WW ends)")
    policy = ", ".join(policies) if policies else "none (the scenario is the baseline)"
    k = model.steps
    last = {c: (model.ledger[c], base.ledger[c]) for c in ("stock", "inflow", "outflow_work",
                                                           "outflow_other", "cost_total")}
    work = (model.ledger["outflow_work"] + model.ledger["outflow_subsidised_work"],
            base.ledger["outflow_work"] + base.ledger["outflow_subsidised_work"])
    spent = (sum(model.series("cost_total")), sum(model.series("cost_total", baseline=True)))

    def row(label: str, pair: tuple[float, float], name: str, scale: float = 1.0) -> list[Cell]:
        a, b = pair[0] / scale, pair[1] / scale
        return [label, (thousands(a), f"explore-value-{name}"),
                (thousands(b), f"explore-baseline-{name}"), f"{a - b:+,.0f}"]

    body = table(["", "scenario", "baseline", "difference"], [
        row("on bijstand", last["stock"], "stock"),
        row("inflow this month", last["inflow"], "inflow"),
        row("to work this month", work, "work"),
        row("other exits this month", last["outflow_other"], "other"),
        row("cost this month, \u20ac k", last["cost_total"], "cost", 1e3),
        row("cost so far, \u20ac k", spent, "spent", 1e3)])
    participants = model.ledger.get("intensive_coaching_participants")
    coaching = ("" if participants is None else
                f' In coaching now: <span class="explore-coaching">{participants:,.0f}</span>.')
    start = pd.Period(cfg.municipality.start_date, freq="M")
    when = (f"Months simulated: <b class='explore-months'>{k}</b> "
            f"({start} to {start + k - 1})" if k else
            "Months simulated: <b class='explore-months'>0</b>")
    text = (
        f"{TABLE_CSS}<div class='explore-note explore-engine'>{engine}</div>"
        f"<div class='explore-note'>{n:,} claimants at the start, {cfg.economy.kind} economy, "
        f"1 client manager per {cfg.municipality.caseload_ratio:g} claimants, seed "
        f"{cfg.run.seed}. Policy: <span class='explore-policy'>{policy}</span>.{coaching} "
        "<i>Change the inputs on the left, then press Reset to build that municipality; Step "
        "or \u25b6 runs it month by month.</i></div>"
        f"<div class='explore-note'>{when}</div>{body}"
        f"<div class='explore-note'>Warm-up: {cfg.run.warmup_months} months before month 0 "
        "(on the fast engine, same results), so month 0 is a mature caseload. Baseline: the "
        "same municipality and seed without policy, stepped alongside, so the difference is "
        "the policy's effect, not luck.</div>")
    solara.HTML(tag="div", unsafe_innerHTML=text, classes=["explore-overview"])


def ClaimantTable(model: ExploreModel) -> None:
    """A few people followed month by month, read from their Claimant agents."""
    rows = []
    for pid in model.followed:
        c = model.followed_claimant(pid)
        without = STATE_LABELS[model.baseline_state(pid)]
        if c is None:
            rows.append([str(pid), "", "left", "", "", "", "", without])
            continue
        cm = c.client_manager
        team = "" if cm is None else TEAM_LABELS.get(model.client_managers[cm].team, "")
        rows.append([str(pid), f"{c.age:.0f}", STATE_LABELS[c.state],
                     "" if c.months_on_benefit is None else str(c.months_on_benefit),
                     ", ".join(c.barriers) or "none", f"{c.wage_value:.2f}",
                     "" if cm is None else f"{cm} ({team.split()[0]})", without])
    header = ["person", "age", "state", "months on", "barriers", "wage value",
              "client manager", "without policy"]
    note = (f"{len(model.followed)} people on bijstand at month 0, read from their Mesa "
            "<code>Claimant</code> agents. <i>Months on</i>: months in the current bijstand "
            "spell; <i>wage value</i>: productivity as a share of the minimum wage; "
            "<i>without policy</i>: the same person in the baseline.")
    solara.HTML(tag="div", classes=["explore-claimants"], unsafe_innerHTML=(
        f"{TABLE_CSS}<div class='explore-note'><b>Individual claimants</b></div>"
        f"{table(header, rows)}<div class='explore-note'>{note}</div>"))


COMPONENTS = [(Overview, 0), (StockChart.component, 0), (FlowChart.component, 0),
              (CostChart.component, 0), (CaseloadChart.component, 0), (ClaimantTable, 0)]


# --- inputs --------------------------------------------------------------------------------
def _default(name: str) -> Any:
    return inspect.signature(ExploreModel).parameters[name].default


def model_params() -> dict[str, Any]:
    """The sidebar's inputs, with ExploreModel's defaults as their starting values."""
    def checkbox(name: str, label: str) -> dict[str, Any]:
        return {"type": "Checkbox", "value": _default(name), "label": label}

    return {
        "claimants": Slider("Claimants at the start", _default("claimants"), 100, 5000, 100),
        "economy": {"type": "Select", "value": _default("economy"), "values": list(ECONOMIES),
                    "label": "Economy"},
        "caseload_ratio": Slider("Claimants per client manager", _default("caseload_ratio"),
                                 30, 250, 10),
        "coaching": checkbox("coaching", "Intensive coaching"),
        "coaching_caseload": Slider("Coaching: clients per coach",
                                    _default("coaching_caseload"), 10, 60, 5),
        "coaching_min_age": Slider("Coaching: minimum age", _default("coaching_min_age"),
                                   18, 65, 1),
        "subsidy": checkbox("subsidy", "Wage cost subsidy"),
        "subsidy_max_share": Slider("Subsidy: max share of minimum wage",
                                    _default("subsidy_max_share"), 0.1, 1.0, 0.05),
        "subsidy_months": Slider("Subsidy: months", _default("subsidy_months"), 6, 60, 6),
        "ww_prevention": checkbox("ww_prevention", "WW prevention"),
        "months_before": Slider("WW prevention: months before end",
                                _default("months_before"), 1, 12, 1),
        "seed": Slider("Seed", _default("seed"), 1, 100, 1),
    }


SLIDER_VALUES_CSS = """
.v-slider__thumb-container--show-label .v-slider__thumb-label-container {display: block !important}
.v-slider__thumb-label {transform: translateY(-4px) translateX(-50%) rotate(0) !important;
  border-radius: 4px !important; height: 18px !important; width: auto !important;
  min-width: 28px; padding: 0 4px; font-size: 11px}
.v-slider__thumb-label > * {transform: none !important}
img[class*="explore-chart-"] {max-height: 370px; object-fit: contain}
.explore-overview, .explore-claimants {max-height: 385px; overflow-y: auto}
"""
"""Show each slider's value at all times (Vuetify shows it only while dragging), and keep
each chart and text within its tile of the grid on wide and narrow screens."""


@solara.component
def Page() -> None:
    """One model per browser tab: each visitor steps their own municipality."""
    model = solara.use_memo(ExploreModel, [])
    solara.Style(SLIDER_VALUES_CSS)
    SolaraViz(model, components=COMPONENTS, model_params=model_params(), name=TITLE)
