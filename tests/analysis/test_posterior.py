"""ABC-SMC finds known parameters, repeats exactly from a seed, and writes what it read."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
import yaml

from sim.analysis import abcsmc, calibration, posterior
from sim.analysis.abcsmc import FitProblem, Settings
from sim.analysis.calibration import Free
from sim.analysis.validation import Target
from sim.cli import posterior as cli

TOY_FREE = (Free("a", 0.0, 1.0, 0.5), Free("b", 0.0, 2.0, 1.0), Free("c", -1.0, 1.0, 0.0))
TOY_TRUTH = {"a": 0.3, "b": 1.4, "c": -0.4}
HALF_BAND = 0.05


def toy_simulate(values: dict[str, float], seed: int) -> dict[str, float]:
    """Three figures that pin down three parameters, with a little seeded noise."""
    noise = np.random.default_rng(seed).normal(0.0, 0.02, 3)
    return {"sum": values["a"] + 0.5 * values["b"] + noise[0],
            "difference": values["a"] - 0.5 * values["b"] + noise[1],
            "level": values["c"] + noise[2]}


def toy_problem(truth: dict[str, float] = TOY_TRUTH, seed: int = 99) -> FitProblem:
    """Figures observed at ``truth`` with a seed the fit does not use."""
    got = toy_simulate(truth, seed)
    targets = tuple(Target(k, v, v - HALF_BAND, v + HALF_BAND, "toy") for k, v in got.items())
    return FitProblem(TOY_FREE, targets, toy_simulate, "toy figures made at known values")


QUICK = Settings(population=30, generations=2, seed=5, model_seed=7)


def test_abc_smc_recovers_the_parameters_of_a_toy_problem() -> None:
    result = abcsmc.fit(toy_problem(), Settings(population=100, generations=8, seed=1,
                                                model_seed=7))
    draws = result.draws
    assert list(draws.columns) == ["draw", "weight", "a", "b", "c"]
    assert draws["draw"].tolist() == list(range(100))
    assert draws["weight"].sum() == pytest.approx(1.0)
    for f in TOY_FREE:
        low, high = abcsmc.intervals(draws, TOY_FREE)[f.key]
        assert low <= TOY_TRUTH[f.key] <= high, (f.key, low, high)
        assert high - low < 0.35 * (f.high - f.low), f"{f.key}: the fit learnt little"
        assert low <= abcsmc.centre(draws, TOY_FREE)[f.key] <= high


def test_the_same_seed_writes_the_same_file_and_another_seed_another(tmp_path) -> None:
    problem = toy_problem()
    paths = [tmp_path / f"{name}.csv" for name in ("first", "again", "other")]
    for path, seed in zip(paths, (5, 5, 6), strict=True):
        result = abcsmc.fit(problem, replace(QUICK, seed=seed))
        abcsmc.write_posterior(result, problem, path, "toy posterior", "make toy")
    first, again, other = (p.read_bytes() for p in paths)
    assert first == again
    assert first != other


def test_every_simulation_has_noise_of_its_own_derived_from_its_values() -> None:
    calls: list[tuple[tuple[float, ...], int]] = []

    def recording(values: dict[str, float], seed: int) -> dict[str, float]:
        calls.append((tuple(values.values()), seed))
        return toy_simulate(values, seed)

    abcsmc.fit(replace(toy_problem(), simulate=recording), QUICK)
    assert len(calls) > QUICK.population
    assert all(seed == abcsmc.particle_seed(QUICK.model_seed, values)
               for values, seed in calls)
    assert len({seed for _, seed in calls}) == len(set(calls))  # one seed per particle
    assert all(0 <= seed < 2**62 for _, seed in calls)
    values = calls[0][0]
    assert abcsmc.particle_seed(8, values) != abcsmc.particle_seed(7, values)


def test_an_unknown_transition_is_refused_with_what_is_allowed(capsys) -> None:
    with pytest.raises(ValueError, match="transition='grid': allowed are local, normal"):
        Settings(transition="grid")
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--transition", "grid"])
    assert exit_info.value.code == 2
    assert "--transition" in capsys.readouterr().err


def test_a_fit_leaves_the_global_generator_as_it_found_it() -> None:
    np.random.seed(123)  # noqa: NPY002 - the state pyabc draws from
    expected = np.random.random()  # noqa: NPY002
    np.random.seed(123)  # noqa: NPY002
    abcsmc.fit(toy_problem(), QUICK)
    assert np.random.random() == expected  # noqa: NPY002


def test_the_reader_round_trips_the_writer(tmp_path) -> None:
    problem = toy_problem()
    result = abcsmc.fit(problem, QUICK)
    path = tmp_path / "posterior.csv"
    abcsmc.write_posterior(result, problem, path, "toy posterior", "make toy")
    comments = [line for line in path.read_text().splitlines() if line.startswith("#")]
    assert comments[0] == "# toy posterior"
    text = "\n".join(comments)
    for part in ("`make toy`", "seed 5", "noise seed 7", "normal transition", "population 30",
                 "generations 2",
                 f"final epsilon {result.epsilon!r}", problem.data_used,
                 "Validation data stay out of the fit"):
        assert part in text, part
    pd.testing.assert_frame_equal(abcsmc.read_posterior(path), result.draws)


def test_the_identification_check_reports_whether_the_truth_is_covered() -> None:
    problem = toy_problem()
    settings = Settings(population=60, generations=5, seed=3, model_seed=7)
    ident = abcsmc.identify(problem, settings, truth=TOY_TRUTH)
    assert ident.seed != settings.model_seed
    synthetic = toy_simulate(TOY_TRUTH, ident.seed)
    for real, made in zip(problem.targets, ident.targets, strict=True):
        assert made.target == pytest.approx(synthetic[made.name])
        assert made.high - made.low == pytest.approx(real.high - real.low)
    ranges = abcsmc.intervals(ident.fit.draws, TOY_FREE)
    table = ident.table.set_index("parameter")
    for f in TOY_FREE:
        low, high = ranges[f.key]
        assert table.loc[f.key, "covered"] == (low <= TOY_TRUTH[f.key] <= high)
    assert table["covered"].all()
    far = {"a": 0.99, "b": 0.01, "c": TOY_TRUTH["c"]}  # nowhere near the posterior
    assert abcsmc.coverage(ident.fit.draws, TOY_FREE, far)["covered"].tolist() == [
        False, False, True]
    with pytest.raises(ValueError, match="seed"):
        abcsmc.identify(problem, settings, seed=settings.model_seed)


def test_weighted_centre_intervals_and_resampling() -> None:
    draws = pd.DataFrame({"draw": [0, 1, 2], "weight": [0.1, 0.8, 0.1],
                          "a": [0.1, 0.123456, 0.9], "b": [1.0, 1.0, 1.0], "c": [0, 0, 0.0]})
    assert abcsmc.centre(draws, TOY_FREE)["a"] == 0.1235
    low, high = abcsmc.intervals(draws, TOY_FREE)["a"]
    assert 0.1 <= low < 0.123456 < high <= 0.9
    picked = abcsmc.resample(draws, 10)
    assert picked["draw"].value_counts().to_dict() == {1: 8, 0: 1, 2: 1}
    assert picked.equals(abcsmc.resample(draws.iloc[::-1], 10))
    got = {"sum": 1.0, "difference": 0.0, "level": 0.0}
    targets = (Target("sum", 0.9, 0.8, 1.0, ""), Target("level", 0.0, -1.0, 1.0, ""))
    assert abcsmc.distance(got, targets) == pytest.approx(1.0)


def test_check_says_whether_the_committed_posterior_is_reproduced(tmp_path, monkeypatch,
                                                                  capsys) -> None:
    problem, path = toy_problem(), tmp_path / "posterior.csv"
    settings = replace(posterior.SETTINGS, population=20, generations=1)
    monkeypatch.setattr(cli, "default_problem", lambda: problem)
    monkeypatch.setattr(cli, "POSTERIOR_FILE", path)
    monkeypatch.setattr(cli, "REPO", tmp_path)
    args = ["--population", "20", "--generations", "1", "--check"]
    assert cli.main(args) == 1  # nothing committed yet
    result = abcsmc.fit(problem, settings)
    abcsmc.write_posterior(result, problem, path, posterior.WHAT, posterior.command(settings))
    assert cli.main(args) == 0
    assert "posterior.csv is current" in capsys.readouterr().out
    assert cli.main(["--population", "20", "--generations", "1", "--seed", "9",
                     "--check"]) == 1


def test_a_short_fit_of_the_real_problem_writes_every_file(tmp_path) -> None:
    problem = posterior.default_problem(replications=1)
    assert [f.key for f in problem.free] == [f.key for f in calibration.FREE]
    settings = replace(posterior.SETTINGS, population=3, generations=1)
    lines: list[str] = []
    report = posterior.evaluate(problem, settings, lines.append, draws=2)
    assert lines and lines[0].startswith("generation 0: epsilon")
    csv, config, page = tmp_path / "posterior.csv", tmp_path / "calibrated.yaml", tmp_path / "c.md"
    written = posterior.write_all(report, csv, config, page, tmp_path / "figures")
    assert all(p.exists() for p in written)
    draws = abcsmc.read_posterior(csv)
    assert list(draws.columns) == ["draw", "weight", *(f.key for f in calibration.FREE)]
    assert len(draws) == 3
    assert posterior.is_current(report.fit, problem, csv)
    assert report.at_centre.shape == (2, len(problem.targets))
    assert report.at_centre.iloc[0].tolist() != report.at_centre.iloc[1].tolist()
    values = yaml.safe_load(config.read_text())
    assert list(values) == [f.key for f in calibration.FREE]
    assert values == abcsmc.centre(draws, calibration.FREE)
    text = page.read_text()
    for part in (problem.data_used, "figures/posterior_pairs.png", "## Identification check",
                 "figures/identification_pairs.png", "figures/posterior_predictive.png",
                 "--population 3 --generations 1", "simulated 2 times on seeds of their own",
                 "sd / half band"):
        assert part in text, part
