"""An interactive page for students: a Mesa SolaraViz page over :class:`ExploreModel`.

Start it with ``sim-explore`` or ``solara run sim.app.page`` (``solara run
sim/app/page.py`` works too). Choose a municipality, an economy and a policy mix in the
sidebar, press Reset to build it, then Step or play month by month. The charts are drawn
with Matplotlib on the server and sent as SVG images, and Solara's scripts come from the
solara-assets package, so the page needs nothing from outside this machine.
"""

from __future__ import annotations

import html
import inspect
from collections.abc import Sequence
from typing import Any

import pandas as pd
import solara
from mesa.visualization import SolaraViz
from mesa.visualization.user_param import Slider

from sim.app.charts import TEAM_LABELS, CaseloadChart, CostChart, FlowChart, StockChart
from sim.app.model import AGENT_ENGINE_MAX, ECONOMIES, ExploreModel

TITLE = "bijstand-sim: explore a municipality's caseload"
STATE_LABELS = {"ww": "WW", "bijstand": "bijstand", "work": "work",
                "subsidised_work": "subsidised work", "other_income": "other income",
                "gone": "left", "left the model": "left"}
TABLE_CSS = (
    "<style>.explore-table{border-collapse:collapse;font-size:12px;width:100%}"
    ".explore-table th,.explore-table td{padding:1px 6px;text-align:right;"
    "border-bottom:1px solid rgba(128,128,128,.3)}"
    ".explore-table th:first-child,.explore-table td:first-child{text-align:left}"
    ".explore-note{font-size:12px;line-height:1.35;margin:4px 0}</style>"
)


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
def _engine_text(model: ExploreModel) -> str:
    if model.engine_name == "agent":
        return (f"<b>Agent engine.</b> Each of the {len(model.engine.views):,} people the "
                "model follows is a Mesa <code>Claimant</code> agent that acts in turn every "
                f"month, so you can follow individuals. Used up to {AGENT_ENGINE_MAX:,} "
                "claimants, so that a step stays under a second.")
    return (f"<b>Fast engine.</b> Above {AGENT_ENGINE_MAX:,} claimants the same rules "
            "run over arrays (identical results, a few milliseconds a month); "
            "<code>Claimant</code> agents are made only for the people in the table.")


def _policy_text(model: ExploreModel) -> str:
    cfg = model.cfg
    policies = []
    if (c := cfg.policy.intensive_coaching) is not None:
        policies.append(f"intensive coaching ({c.places} places, 1:{c.caseload:g}, "
                        f"aged {c.target.min_age:g}+)")
    if (s := cfg.policy.wage_subsidy) is not None:
        policies.append(f"wage subsidy (wage value up to {s.target.max_wage_value:g}; at most "
                        f"{s.max_share:.0%} of the minimum wage for {s.duration_months} months)")
    if (w := cfg.policy.ww_prevention) is not None:
        policies.append(f"WW prevention ({w.months_before} months before WW ends)")
    return ", ".join(policies) if policies else "none (the scenario is the baseline)"


def Overview(model: ExploreModel) -> None:
    """Which engine runs and why, the policy mix, and this month's numbers."""
    cfg, base = model.cfg, model.baseline
    n = cfg.municipality.claimants
    engine, policy = _engine_text(model), _policy_text(model)
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
