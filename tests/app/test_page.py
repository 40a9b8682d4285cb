"""The interactive page: its model, and the page itself driven in headless Chromium.

The browser tests start ``sim-explore``'s server on a free local port, click through the
page like a student and compare what it shows with the same model run here. They need
Debian's Chromium (``make browser`` installs it) and skip only when it is missing.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from page_driver import CHROMIUM, PageDriver

from sim.app.model import (
    AGENT_ENGINE_MAX,
    ExploreModel,
    explore_config,
    switch_to_agent_engine,
)
from sim.app.serve import serve
from sim.core.model import ReintegrationModel

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "results"
CHARTS = ("stock", "flows", "cost", "caseloads")
STEP_BUDGET_S = 1.0  # a step of the page, click to redrawn chart, for 3,000 claimants

browser = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                             reason=f"Debian's chromium is not installed at {CHROMIUM} "
                                    "(run `make browser`)")


# --- the model behind the page (no browser) -----------------------------------------------------
def test_agent_engine_after_fast_warmup_gives_the_same_months() -> None:
    """The page warms up on the fast engine, then hands over to the agent engine."""
    cfg = explore_config(claimants=150, coaching=True, subsidy=True, ww_prevention=True)
    cfg.run.warmup_months = 24
    cfg.run.engine = "agent"
    pure = ReintegrationModel(cfg)
    cfg.run.engine = "fast"
    handed = ReintegrationModel(cfg)
    switch_to_agent_engine(handed)
    assert handed.engine.name == "agent" and pure.engine.name == "agent"
    for _ in range(12):
        pure.step()
        handed.step()
    a = pure.datacollector.get_model_vars_dataframe().to_numpy(dtype=float)
    b = handed.datacollector.get_model_vars_dataframe().to_numpy(dtype=float)
    assert a.shape[0] == 12
    np.testing.assert_array_equal(a, b)


def test_engine_follows_municipality_size_and_baseline_has_no_policy() -> None:
    small = ExploreModel(claimants=200, coaching=True)
    large = ExploreModel(claimants=AGENT_ENGINE_MAX + 100, coaching=True)
    assert small.engine_name == "agent" and large.engine_name == "fast"
    assert small.cfg.policy.intensive_coaching is not None
    assert small.baseline.cfg.policy.active() == {}
    assert small.baseline.seed == small.seed
    for _ in range(3):
        small.step()
    assert small.steps == 3 and len(small.series("stock", baseline=True)) == 3
    # the followed people are Claimant agents of the scenario model
    c = small.followed_claimant(small.followed[0])
    assert c is not None and c.model is small and c.person_id == small.followed[0]


def test_without_policy_scenario_and_baseline_coincide() -> None:
    """Same seed, same people: with no policy the two paths are identical, month by month."""
    m = ExploreModel(claimants=200)
    for _ in range(6):
        m.step()
    assert m.series("stock") == m.series("stock", baseline=True)
    assert all(m.baseline_state(p) == (c.state if (c := m.followed_claimant(p)) else
                                       "left the model") for p in m.followed)


# --- the page in the browser --------------------------------------------------------------------
@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Debian's chromium is not installed at {CHROMIUM} (run `make browser`)")
    with serve() as u:
        yield u


def expected_after(steps: int, **params) -> ExploreModel:
    """The page's model, built and stepped here: the page must show the same numbers."""
    model = ExploreModel(**params)
    for _ in range(steps):
        model.step()
    return model


@browser
def test_page_steps_and_follows_an_input(url: str) -> None:
    steps = 6
    with PageDriver.open(url, height=1500) as page:
        assert page.steps() == 0
        assert "Agent engine" in page.text(".explore-engine")
        assert page.number(".explore-value-stock") == expected_after(0).ledger["stock"]
        before = {name: page.chart(name) for name in CHARTS}
        assert all(b"<svg" in svg for svg in before.values())

        # an input: switch intensive coaching on, and rebuild the model with it
        assert page.toggle("Intensive coaching")
        page.reset(expect="intensive coaching")
        assert page.steps() == 0
        coaching = page.chart("caseloads")
        assert coaching != before["caseloads"] and b"coaching team" in coaching

        timings = [page.step() for _ in range(steps)]
        assert page.steps() == steps
        assert page.number(".explore-months") == steps

        # the numbers are those of the same model run here, and the policy is on
        model = expected_after(steps, coaching=True)
        assert page.number(".explore-value-stock") == model.ledger["stock"]
        assert page.number(".explore-baseline-stock") == model.baseline.ledger["stock"]
        participants = page.number(".explore-coaching")
        assert participants == model.ledger["intensive_coaching_participants"] > 0
        after = {name: page.chart(name) for name in CHARTS}
        for name in CHARTS:
            assert after[name] != before[name], f"the {name} chart did not change"
        gap = model.ledger["stock"] - model.baseline.ledger["stock"]
        assert f"difference {gap:+,}".encode() in after["stock"]
        # the followed people are shown with their state, both with and without the policy
        table = page.text(".explore-claimants")
        for pid in model.followed:
            assert str(pid) in table

        RESULTS.mkdir(exist_ok=True)
        page.page.screenshot(path=str(RESULTS / "explore.png"))
        assert page.outside == [], f"the page asked for outside resources: {page.outside}"
    print(f"\nstep, click to redrawn chart, {model.cfg.municipality.claimants} claimants "
          f"(agent engine): median {statistics.median(timings):.3f} s, "
          f"max {max(timings):.3f} s over {steps} steps")


@browser
def test_large_municipality_runs_fast_engine_within_a_second(url: str) -> None:
    steps = 8
    with PageDriver.open(url) as page:
        page.set_slider("Claimants at the start", 3000)
        for label in ("Intensive coaching", "Wage cost subsidy", "WW prevention"):
            assert page.toggle(label)
        page.reset(expect="3,000 claimants")
        assert "Fast engine" in page.text(".explore-engine")
        assert page.number(".explore-value-stock") == expected_after(
            0, claimants=3000).ledger["stock"]
        page.step()  # the first step pays for one-off set-up in the browser
        timings = [page.step() for _ in range(steps)]
        assert page.steps() == steps + 1
        assert page.outside == []
    median = statistics.median(timings)
    print(f"\nstep, click to redrawn chart, 3,000 claimants (fast engine, three policies): "
          f"median {median:.3f} s, max {max(timings):.3f} s over {steps} steps")
    assert median < STEP_BUDGET_S, f"a step took {median:.2f} s (budget {STEP_BUDGET_S} s)"


@browser
def test_page_runs_from_its_file_with_plain_solara_run() -> None:
    """``solara run sim/app/page.py`` (development mode) serves the same page."""
    with serve(app=str(ROOT / "sim" / "app" / "page.py"), production=False) as file_url, \
            PageDriver.open(file_url) as page:
        assert page.steps() == 0
        page.step()
        assert page.steps() == 1
        assert page.outside == []
