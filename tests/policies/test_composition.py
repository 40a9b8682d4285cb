"""Instruments combine: any mix runs, costs add up, both engines agree, runs reproduce."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hydra import compose, initialize_config_module
from policy_helpers import assert_baseline_columns_equal, baseline, config, run

import sim.config.compose  # noqa: F401 - registers the schema for compose
from sim.config.compose import to_config
from sim.config.params import Shock
from sim.policies.registry import INSTRUMENT_CONFIGS, INSTRUMENTS, Policy, all_instruments

NAMES = list(INSTRUMENT_CONFIGS)
POLICY_DIR = Path(__file__).resolve().parents[2] / "configs" / "policy"


def small(policy: Policy, **kwargs):
    kwargs = {"claimants": 300, "warmup": 24, "horizon": 12, **kwargs}
    return config(policy, **kwargs)


def assert_costs_add_up(monthly: pd.DataFrame, names: list[str]) -> None:
    parts = monthly[[f"{n}_cost" for n in names]].sum(axis=1)
    np.testing.assert_allclose(monthly["cost_instruments"], parts, rtol=1e-12, atol=1e-9)
    rest = monthly["cost_benefits"] + monthly["cost_staff"] + monthly["cost_admin"]
    np.testing.assert_allclose(monthly["cost_total"], rest + monthly["cost_instruments"],
                               rtol=1e-12)


def test_every_instrument_has_a_run_time_class_and_a_config_file() -> None:
    assert set(INSTRUMENTS) == set(INSTRUMENT_CONFIGS) and len(NAMES) == 14
    for name in NAMES:
        text = (POLICY_DIR / f"{name}.yaml").read_text(encoding="utf-8")
        assert text.splitlines()[0] == f"# @package policy.{name}"
        assert text.splitlines()[1].startswith("# ")  # says what it does
        assert dataclasses.fields(INSTRUMENT_CONFIGS[name])  # typed


@pytest.mark.parametrize("pair", list(itertools.combinations(NAMES, 2)),
                         ids=lambda p: "+".join(p))
def test_any_pair_runs_and_its_costs_add_up(pair: tuple[str, str]) -> None:
    policy = Policy(**{n: INSTRUMENT_CONFIGS[n]() for n in pair})
    _, monthly, _ = run(small(policy))
    assert_costs_add_up(monthly, list(pair))
    assert (monthly["stock"] > 0).all()


def test_all_instruments_together_costs_add_up_every_month() -> None:
    policy = all_instruments()
    policy.exemption.cost_per_person_month = 5.0  # free by default
    _, monthly, _ = run(config(policy, horizon=24))
    assert_costs_add_up(monthly, NAMES)
    for name in NAMES:
        assert monthly[f"{name}_cost"].sum() > 0, name


def test_both_engines_agree_with_every_instrument_on() -> None:
    out = {}
    for engine in ("fast", "agent"):
        cfg = small(all_instruments(), claimants=250, horizon=18, engine=engine)
        cfg.shock = Shock(extra_per_1000=80, start_month=1, months=4, permit_holder_share=0.5)
        _, monthly, spells = run(cfg)
        out[engine] = (monthly, spells)
    pd.testing.assert_frame_equal(out["fast"][0], out["agent"][0], check_exact=True)
    pd.testing.assert_frame_equal(out["fast"][1], out["agent"][1], check_exact=True)
    starts = out["fast"][0][[f"{n}_starts" for n in NAMES]].sum()
    assert (starts > 0).all(), starts[starts == 0]


def test_all_instruments_on_is_reproducible() -> None:
    first = run(small(all_instruments(), claimants=600, horizon=18))
    second = run(small(all_instruments(), claimants=600, horizon=18))
    pd.testing.assert_frame_equal(first[1], second[1], check_exact=True)
    pd.testing.assert_frame_equal(first[2], second[2], check_exact=True)
    assert first[1]["cost_instruments"].sum() > 0


@pytest.mark.parametrize("name", NAMES)
def test_nothing_changes_before_the_window_opens(name: str) -> None:
    start = 6
    policy = Policy(**{name: INSTRUMENT_CONFIGS[name](start_month=start)})
    _, monthly, _ = run(config(policy, horizon=12))
    base, _ = baseline(horizon=12)
    assert_baseline_columns_equal(monthly.iloc[:start], base.iloc[:start])
    assert (monthly[f"{name}_cost"].iloc[:start] == 0).all()


@pytest.mark.parametrize("name", ["trajectories", "ww_prevention", "value_scan",
                                  "praktijkleren", "gate_mediation"])
def test_budget_cap_stops_new_starts(name: str) -> None:
    cap = 40_000.0
    capped = Policy(**{name: INSTRUMENT_CONFIGS[name](budget_cap=cap)})
    free = Policy(**{name: INSTRUMENT_CONFIGS[name]()})
    _, with_cap, _ = run(config(capped, horizon=12))
    _, without, _ = run(config(free, horizon=12))
    assert with_cap[f"{name}_cost"].sum() <= cap  # one-off costs: never beyond the cap
    assert with_cap[f"{name}_starts"].sum() < without[f"{name}_starts"].sum()


OFF = [(name, {"budget_cap": 0.0}) for name in NAMES] + [
    (name, {cls.CAPACITY: 0}) for name, cls in INSTRUMENT_CONFIGS.items() if cls.CAPACITY]


@pytest.mark.parametrize("name,setting", OFF, ids=[f"{n}-{next(iter(s))}" for n, s in OFF])
def test_zero_places_or_a_zero_budget_switch_an_instrument_off(name: str, setting: dict) -> None:
    """Identical to the baseline, with the instrument's own columns there and all zero."""
    off = Policy(**{name: INSTRUMENT_CONFIGS[name](**setting)})
    _, monthly, _ = run(config(off, claimants=600, horizon=12))
    base, _ = baseline(claimants=600, horizon=12)
    assert_baseline_columns_equal(monthly, base)
    own = [c for c in monthly.columns if c.startswith(f"{name}_")]
    assert own and (monthly[own] == 0).all().all()


def test_hydra_composes_every_instrument_and_a_target_override() -> None:
    with initialize_config_module(config_module="sim.configs", version_base="1.3"):
        for name in NAMES:
            cfg = to_config(compose("config", overrides=[f"policy=[{name}]"]))
            assert list(cfg.policy.active()) == [name]
            assert getattr(cfg.policy, name) == INSTRUMENT_CONFIGS[name]()
        cfg = to_config(compose("config", overrides=[
            "policy=[intensive_coaching,wage_subsidy]",
            "policy.intensive_coaching.target.min_age=50",
            "policy.wage_subsidy.target.barriers=[health,language]"]))
        assert list(cfg.policy.active()) == ["intensive_coaching", "wage_subsidy"]
        assert cfg.policy.intensive_coaching.target.min_age == 50
        assert cfg.policy.wage_subsidy.target.barriers == ["health", "language"]
        assert to_config(compose("config")).shock.extra_per_1000 == 0
        amnesty = to_config(compose("config", overrides=["shock=amnesty_2008"])).shock
        assert amnesty.extra_per_1000 > 0 and amnesty.permit_holder_share == 1.0
