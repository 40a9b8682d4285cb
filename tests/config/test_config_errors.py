"""Bad configurations fail before any simulation, naming the key, the value and what is allowed.

Most cases go through the same path as ``sim-run`` without a subprocess: the override
check, Hydra's compose API and ``sim.config.compose.to_config``. A few run the real
console script.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hydra import compose, initialize_config_module

from sim.config.compose import to_config
from sim.config.overrides import check_overrides
from sim.config.params import Config
from sim.config.schema import ConfigError

SIM_RUN = str(Path(sys.executable).with_name("sim-run"))
IC = "policy=[intensive_coaching]"

# (overrides, strings the message must contain: the key, the value, what is allowed)
CASES: list[tuple[list[str], list[str]]] = [
    # misspelt and unknown keys
    (["run.replicatons=3"], ["run.replicatons", "3", "replications"]),
    (["municipality.claimant=5"], ["municipality.claimant", "5", "claimants"]),
    (["+run.foo=1"], ["run.foo", "1", "allowed", "horizon_months"]),
    (["colour=blue"], ["colour", "blue", "allowed", "municipality"]),
    ([IC, "policy.intensive_coaching.plces=3"],
     ["policy.intensive_coaching.plces", "3", "places"]),
    # wrong types
    (["run.replications=abc"], ["run.replications", "abc", "Integer"]),
    (["run.replications=2.5"], ["run.replications", "2.5", "Integer"]),
    (["run.progress=maybe"], ["run.progress", "maybe", "bool"]),
    (["behaviour.education_shares=[0.5,0.5,x]"],
     ["behaviour.education_shares", "x", "Float"]),
    # out of range
    (["run.replications=0"], ["run.replications=0", "1 to 10000"]),
    (["run.seed=-1"], ["run.seed=-1", "allowed 0 to"]),
    (["money.norm_single=-5"], ["money.norm_single=-5", "100 to 5000"]),
    (["policy=[wage_subsidy]", "policy.wage_subsidy.max_share=1.5"],
     ["policy.wage_subsidy.max_share=1.5", "0 to 1"]),
    ([IC, "policy.intensive_coaching.places=0"],
     ["policy.intensive_coaching.places=0", "1 to 1000000"]),
    # bad choices
    (["run.engine=slow"], ["run.engine", "slow", "fast, agent"]),
    (["economy.kind=cyclical"], ["economy.kind", "cyclical", "steady, boom, recession"]),
    (["behaviour.priority_rule=random"], ["behaviour.priority_rule", "random",
                                          "longest_waiting"]),
    ([IC, "policy.intensive_coaching.target.barriers=[housing]"],
     ["policy.intensive_coaching.target.barriers", "housing", "health"]),
    # bad list lengths, shares not adding up to 1
    (["behaviour.age_band_shares=[0.5,0.5]"], ["behaviour.age_band_shares", "0.5",
                                               "expected 5 values"]),
    (["behaviour.wage_value_mean=[0.8,0.9]"], ["behaviour.wage_value_mean", "0.8",
                                               "expected 3 values"]),
    (["municipality.household_shares=[0.5,0.3,0.3]"],
     ["municipality.household_shares", "0.3", "add up to 1"]),
    # cross-field rules
    ([IC, "policy.intensive_coaching.start_month=12", "policy.intensive_coaching.end_month=6"],
     ["policy.intensive_coaching.end_month=6", "start_month=12", "must come after"]),
    ([IC, "policy.intensive_coaching.target.min_age=70",
      "policy.intensive_coaching.target.max_age=60"],
     ["policy.intensive_coaching.target.min_age=70", "max_age=60"]),
    (["economy.kind=series"], ["economy.series", "[]", "at least one value"]),
    (["municipality.start_date=2024-13"], ["municipality.start_date", "2024-13", "YYYY-MM"]),
    # unknown policy, municipality, instrument not switched on
    (["policy=intensive_coachin"], ["policy", "intensive_coachin", "intensive_coaching"]),
    (["policy=[intensive_coaching,wage_subsidi]"], ["policy", "wage_subsidi", "wage_subsidy"]),
    (["municipality=tiny"], ["municipality", "tiny", "medium", "small"]),
    (["policy.intensive_coaching.places=100"],
     ["policy.intensive_coaching.places", "100", "policy=[intensive_coaching]"]),
]


def load(overrides: list[str]) -> Config:
    """What sim-run does before simulating: check keys, compose, type and range checks."""
    check_overrides(overrides)
    with initialize_config_module(config_module="sim.configs", version_base="1.3"):
        cfg = compose(config_name="config", overrides=overrides)
    return to_config(cfg)


def full_message(err: BaseException) -> str:
    """The error's text with its causes (Hydra wraps OmegaConf's message)."""
    parts = []
    while err is not None:
        parts.append(str(err))
        err = err.__cause__ or err.__context__
    return "\n".join(parts)


@pytest.fixture
def no_simulation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if anything tries to build a model."""
    def refuse(*args, **kwargs):
        raise AssertionError("a simulation started despite a bad configuration")
    monkeypatch.setattr("sim.core.model.ReintegrationModel.__init__", refuse)


def test_there_are_at_least_fifteen_cases() -> None:
    assert len(CASES) >= 15


def test_the_good_configuration_loads() -> None:
    cfg = load([IC, "municipality=small", "policy.intensive_coaching.places=50"])
    assert cfg.municipality.claimants == 300
    assert cfg.policy.intensive_coaching is not None
    assert cfg.policy.intensive_coaching.places == 50


@pytest.mark.parametrize("overrides,expected", CASES, ids=[" ".join(o) for o, _ in CASES])
def test_bad_configuration_is_refused(overrides: list[str], expected: list[str],
                                      no_simulation: None) -> None:
    with pytest.raises(Exception) as info:  # noqa: B017 - ConfigError or Hydra's own errors
        load(overrides)
    message = full_message(info.value)
    for text in expected:
        assert text in message, f"{text!r} missing from: {message}"


def test_added_key_is_refused_even_without_the_override_check() -> None:
    with initialize_config_module(config_module="sim.configs", version_base="1.3"):
        cfg = compose(config_name="config", overrides=["+run.foo=1"])
    with pytest.raises(ConfigError, match=r"run\.foo=1: unknown key"):
        to_config(cfg)


def _sim_run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SIM_RUN, *args], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120, check=False)


def _monthly_files(tmp_path: Path) -> list[Path]:
    return list(tmp_path.rglob("monthly.csv"))


@pytest.mark.parametrize("args,code,expected", [
    (["run.replications=0"], 2, ["run.replications=0", "allowed 1 to 10000"]),
    (["run.replicatons=3"], 2, ["run.replicatons=3", "did you mean replications"]),
    (["policy=[intensive_coaching]", "policy.intensive_coaching.end_month=0"], 2,
     ["policy.intensive_coaching.end_month=0", "must come after"]),
    (["municipality=tiny"], 2, ["municipality=tiny", "allowed:", "medium"]),
    (["run.engine=3"], 2, ["run.engine='3'", "fast, agent"]),
])
def test_sim_run_refuses_before_simulating(tmp_path: Path, args: list[str], code: int,
                                           expected: list[str]) -> None:
    done = _sim_run(tmp_path, *args, "municipality=small")
    assert done.returncode == code, done.stderr
    for text in expected:
        assert text in done.stderr
    assert not _monthly_files(tmp_path)
    assert not (tmp_path / "results").exists()  # not even an empty run folder


def test_a_sweep_with_one_bad_job_starts_no_job(tmp_path: Path) -> None:
    done = _sim_run(tmp_path, "-m", "run.replications=2,0", "municipality=small",
                    "run.horizon_months=3", "run.warmup_months=12", "hydra/launcher=basic",
                    f"hydra.sweep.dir={tmp_path / 'sweep'}")
    assert done.returncode == 2, done.stderr
    assert "no job was started" in done.stderr
    assert "job #1 (run.replications=0" in done.stderr
    assert "allowed 1 to 10000" in done.stderr
    assert not _monthly_files(tmp_path)
