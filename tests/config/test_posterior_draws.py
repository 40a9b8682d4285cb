"""The behaviour posterior: read and checked, resampled without randomness, refused early."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import small_config

from sim.config.behaviour import Behaviour
from sim.config.posterior import (
    POSTERIOR_ENV,
    draw_configs,
    posterior_draws,
    read_posterior,
)
from sim.config.schema import ConfigError
from sim.config.validate import validate

SIM_RUN = str(Path(sys.executable).with_name("sim-run"))


def write_posterior(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text("# a posterior for tests\n# draws and weights\n" + header + "\n"
                    + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def posterior(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three draws, weights 0.1, 0.6, 0.3, written out of draw order; the default file."""
    path = write_posterior(tmp_path / "posterior.csv",
                           "draw,weight,vacancies_per_1000,sanction_months",
                           ["2,0.3,2.5,3", "0,0.1,1.5,1", "1,0.6,2.0,2"])
    monkeypatch.setenv(POSTERIOR_ENV, str(path))
    return path


def test_comment_lines_are_skipped_and_draws_come_in_draw_order(posterior: Path) -> None:
    p = read_posterior()
    assert p.draws == (0, 1, 2) and p.weights == (0.1, 0.6, 0.3)
    assert p.values[1] == {"vacancies_per_1000": 2.0, "sanction_months": 2}
    assert isinstance(p.values[1]["sanction_months"], int)  # a count of months


def test_resampling_is_deterministic_and_follows_the_weights(posterior: Path) -> None:
    p = read_posterior()
    # positions 0.05, 0.15, ..., 0.95 on the cumulative weights 0.1, 0.7, 1.0
    assert p.resample(10) == [0, 1, 1, 1, 1, 1, 1, 2, 2, 2]
    assert p.resample(10) == p.resample(10)
    assert p.resample(1) == [1]  # the middle of the weights
    counts = Counter(p.resample(1000))
    assert [counts[i] for i in range(3)] == [100, 600, 300]
    draws = posterior_draws(5)  # positions 0.1, 0.3, 0.5, 0.7, 0.9
    assert [d["vacancies_per_1000"] for d in draws] == [2.0, 2.0, 2.0, 2.5, 2.5]
    assert posterior_draws(0) == []


def test_a_draw_of_weight_zero_is_never_picked(tmp_path: Path) -> None:
    path = write_posterior(tmp_path / "p.csv", "draw,weight,move_rate",
                           ["0,0.5,0.001", "1,0,0.002", "2,0.5,0.003"])
    assert set(read_posterior(path).resample(500)) == {0, 2}


def test_values_are_read_exactly_as_written(tmp_path: Path) -> None:
    path = write_posterior(tmp_path / "p.csv", "draw,weight,other_income_rate",
                           ["0,1,0.0043219999999999997"])
    assert read_posterior(path).values[0]["other_income_rate"] == float("0.0043219999999999997")


@pytest.mark.parametrize("header,row,message", [
    ("draw,weight,bogus", "0,1,3", r"column 'bogus' is not a behaviour parameter; allowed: "
                                   r"draw, weight and the numeric behaviour parameters \("
                                   r"barrier_health, .*vacancies_per_1000"),
    ("draw,weight,priority_rule", "0,1,2", "column 'priority_rule' is a behaviour parameter "
                                           "that is a list or a choice"),
    ("draw,weight,age_band_shares", "0,1,2", "'age_band_shares' is a behaviour parameter"),
    ("draw,vacancies_per_1000", "0,2", "no column weight"),
    ("draw,weight", "0,1", "at least one"),
    ("draw,weight,move_rate", "0,0.5,0.001", "weights add up to 0.5"),
    ("draw,weight,move_rate", "0,1,1.5", r"draw 0: behaviour.move_rate=1.5 is out of range"),
    ("draw,weight,move_rate", "0,1,fast", "column 'move_rate', row 1: 'fast' is not a number"),
    ("draw,weight,sanction_months", "0,1,1.5", "expected a whole number"),
])
def test_a_bad_posterior_is_refused_naming_what_is_wrong(tmp_path: Path, header: str, row: str,
                                                         message: str) -> None:
    path = write_posterior(tmp_path / "p.csv", header, [row])
    with pytest.raises(ConfigError, match=message):
        read_posterior(path)


def test_validation_needs_the_posterior_only_with_draws(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(POSTERIOR_ENV, str(tmp_path / "missing.csv"))
    cfg = small_config()
    validate(cfg)  # no draws: no posterior needed
    cfg.run.posterior_draws = 2
    with pytest.raises(ConfigError, match=r"run.posterior_draws=2: needs the behaviour "
                                          r"posterior, and there is no file .*missing.csv"):
        validate(cfg)


def test_every_draw_is_checked_against_the_rules_between_parameters(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_posterior(tmp_path / "p.csv", "draw,weight,part_time_hours_low",
                           ["0,0.5,0.3", "1,0.5,0.9"])  # above the high end (0.7) in draw 1
    monkeypatch.setenv(POSTERIOR_ENV, str(path))
    cfg = small_config()
    cfg.run.posterior_draws = 2
    with pytest.raises(ConfigError, match=r"part_time_hours_low=0.9 \(posterior draw 1\)"):
        validate(cfg)


def test_draw_configs_set_the_draws_behaviour_and_nothing_else(posterior: Path) -> None:
    cfg = small_config()
    assert draw_configs(cfg)[0] is cfg and len(draw_configs(cfg)) == 1
    cfg.run.posterior_draws = 3
    draws = draw_configs(cfg)
    assert [d.behaviour.vacancies_per_1000 for d in draws] == [2.0, 2.0, 2.5]
    assert [d.behaviour.sanction_months for d in draws] == [2, 2, 3]
    for d in draws:
        assert d.behaviour.search_base == Behaviour().search_base
        assert d.run.seed == cfg.run.seed and d.municipality == cfg.municipality
        validate(d)
    assert cfg.behaviour == Behaviour()  # the config itself is left alone


def sim_run(cwd: Path, env_posterior: Path, *overrides: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, POSTERIOR_ENV: str(env_posterior)}
    return subprocess.run([SIM_RUN, *overrides], cwd=cwd, capture_output=True, text=True,
                          timeout=120, check=False, env=env)


@pytest.mark.slow
def test_a_missing_posterior_stops_a_sweep_before_any_folder(tmp_path: Path) -> None:
    folder = tmp_path / "sweep"
    done = sim_run(tmp_path, tmp_path / "missing.csv", "-m", "run.posterior_draws=3",
                   "policy=baseline,intensive_coaching", f"hydra.sweep.dir={folder}")
    assert done.returncode == 2
    assert "no job was started" in done.stderr
    assert "run.posterior_draws=3: needs the behaviour posterior" in done.stderr
    assert not folder.exists()


@pytest.mark.slow
def test_a_bad_column_stops_a_run_before_its_folder(tmp_path: Path) -> None:
    path = write_posterior(tmp_path / "p.csv", "draw,weight,vacancy_rate", ["0,1,2"])
    folder = tmp_path / "run"
    done = sim_run(tmp_path, path, "run.posterior_draws=2", f"hydra.run.dir={folder}")
    assert done.returncode == 2
    assert "column 'vacancy_rate' is not a behaviour parameter; allowed:" in done.stderr
    assert not folder.exists()


def test_sensitivity_ranges_of_fitted_parameters_come_from_the_posterior(tmp_path,
                                                                        monkeypatch) -> None:
    from sim.config.space import parameters, posterior_ranges

    rows = [f"{i},{w},{v}" for i, (w, v) in enumerate(
        [(0.02, 0.1), (0.48, 0.3), (0.48, 0.4), (0.02, 0.9)])]
    monkeypatch.setenv(POSTERIOR_ENV, str(write_posterior(
        tmp_path / "p.csv", "draw,weight,search_base", rows)))
    params = parameters(groups=(), instruments=["wage_subsidy"],
                        keys=["behaviour.search_base", "behaviour.age55_penalty"])
    ranged = {p.key: p for p in posterior_ranges(params)}
    # the 5% and 95% weighted quantiles leave out the two light tails
    assert (ranged["behaviour.search_base"].low, ranged["behaviour.search_base"].high) == (
        0.3, 0.4)
    schema = {p.key: p for p in params}
    for key in ("behaviour.age55_penalty", "policy.wage_subsidy.max_share"):
        assert ranged[key] == schema[key]  # not in the posterior: the schema's range
