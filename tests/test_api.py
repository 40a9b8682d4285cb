"""The Python API, as a notebook uses it: flat keywords, Mesa's batch_run, simulate and
presets, the parameter space for exploration tools."""

from __future__ import annotations

import mesa
import pandas as pd
import pytest

import sim
from sim.config.schema import ConfigError
from sim.config.space import parameters, salib_problem
from sim.core.ledger import MONTHLY_COLUMNS

SMALL = {"claimants": 200, "warmup_months": 12}


def test_mesa_batch_run_with_flat_keywords_gives_distinct_iterations_and_a_tidy_frame() -> None:
    rows = mesa.batch_run(sim.ReintegrationModel,
                          parameters={**SMALL, "economy": ["steady", "recession"]},
                          iterations=2, max_steps=12, data_collection_period=1,
                          display_progress=False)
    frame = pd.DataFrame(rows)
    assert len(frame) == 2 * 2 * 13  # iterations x economies x (steps 0-12)
    assert {"RunId", "iteration", "Step", "claimants", "economy", *MONTHLY_COLUMNS[2:]} <= set(
        frame.columns)
    assert all(len(str(v)) < 50 for v in frame.iloc[0])  # no config reprs in the cells
    last = frame[frame["Step"] == 12].set_index(["economy", "iteration"])
    for economy in ("steady", "recession"):  # unseeded: each iteration draws its own seed
        # benefits paid are a sum of euros over everyone, so two seeds never tie by chance
        # (the stock alone, a count of about 200, sometimes does)
        assert last.loc[(economy, 0), "cost_benefits"] != last.loc[(economy, 1), "cost_benefits"]


def test_a_model_runs_to_its_horizon_and_stops() -> None:
    model = sim.ReintegrationModel(**SMALL, horizon_months=5, seed=3)
    model.run_model()
    assert (model.month, model.running, model.steps) == (5, False, 5)
    again = sim.ReintegrationModel(**SMALL, horizon_months=5, seed=3)
    again.run_model()
    assert model.datacollector.get_model_vars_dataframe().equals(
        again.datacollector.get_model_vars_dataframe())


def test_keywords_are_checked_like_the_config() -> None:
    with pytest.raises(ConfigError, match="claimant=5: unknown keyword .did you mean claimants"):
        sim.ReintegrationModel(claimant=5)
    with pytest.raises(ConfigError, match=r"municipality.claimants=5 is out of range"):
        sim.ReintegrationModel(claimants=5)
    with pytest.raises(ConfigError, match="unknown instrument 'coaching'"):
        sim.ReintegrationModel(**SMALL, policy=["coaching"])
    model = sim.ReintegrationModel(**SMALL, policy=["wage_subsidy"], seed=1,
                                   **{"policy.wage_subsidy.max_share": 0.5,
                                      "behaviour.search_base": 0.5})
    assert model.cfg.policy.wage_subsidy.max_share == 0.5
    assert model.cfg.behaviour.search_base == 0.5


def test_simulate_returns_every_replication_in_memory(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monthly, spells = sim.simulate("zwolle", replications=2, horizon_months=3,
                                   warmup_months=12)
    assert sorted(monthly["replication"].unique()) == [0, 1] and len(monthly) == 6
    assert monthly["date"].iloc[0] == "2006-01"
    assert set(spells["replication"]) == {0, 1}
    assert not any(tmp_path.iterdir())  # no files written


def test_load_preset_composes_the_yaml_presets() -> None:
    cfg = sim.load_preset("zwolle", economy="recession", policy=["wage_subsidy"],
                          **{"run.replications": 3})
    assert cfg.municipality.name == "zwolle" and cfg.economy.kind == "recession"
    assert list(cfg.policy.active()) == ["wage_subsidy"] and cfg.run.replications == 3
    case = sim.load_preset("zwolle_2006")
    assert case.case.name == "zwolle_2006"
    with pytest.raises(ConfigError, match="preset 'zwole': no experiment or municipality"):
        sim.load_preset("zwole")


def test_the_schema_gives_salib_problems_with_its_bounds() -> None:
    params = parameters(groups=(), instruments=["wage_subsidy"],
                        keys=["behaviour.search_base"])
    problem = salib_problem(params)
    names = problem["names"]
    assert "behaviour.search_base" in names and "policy.wage_subsidy.max_share" in names
    assert not any(".target." in n or n.endswith("budget_cap") for n in names)
    bounds = dict(zip(names, problem["bounds"], strict=True))
    assert bounds["policy.wage_subsidy.max_share"] == [0.35, 1.0]  # 0.7 +- half, within 0..1
    assert bounds["behaviour.search_base"] == pytest.approx([0.275, 0.825])
    with pytest.raises(ConfigError, match="unknown"):
        parameters(instruments=["coaching"])
