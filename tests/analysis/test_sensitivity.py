"""The sensitivity analysis: SALib's Ishigami function through the same code path gives its
known indices; an interrupted analysis resumes; another analysis's folder is refused."""

from __future__ import annotations

import numpy as np
import pytest
from SALib.test_functions import Ishigami

from sim.analysis import sensitivity
from sim.config.schema import ConfigError

PROBLEM = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-np.pi, np.pi]] * 3}
# Analytic indices of the Ishigami function (a=7, b=0.1)
S1 = {"x1": 0.3139, "x2": 0.4424, "x3": 0.0}
ST = {"x1": 0.5576, "x2": 0.4424, "x3": 0.2437}


class IshigamiModel:
    """A model as the analysis takes one: a row of values to named outcomes."""

    calls = 0

    def __call__(self, row: np.ndarray) -> dict[str, float]:
        IshigamiModel.calls += 1
        return {"y": float(Ishigami.evaluate(np.atleast_2d(row))[0])}


def test_sobol_indices_of_the_ishigami_function_come_out_right(tmp_path) -> None:
    design = sensitivity.prepare(tmp_path, PROBLEM, "sobol", 1024, seed=1)
    y = sensitivity.evaluate(IshigamiModel(), design, tmp_path, progress=False)
    rows = sensitivity.indices(PROBLEM, "sobol", design, y, seed=1)
    got = {(r["parameter"], r["index"]): r for r in rows}
    for p in PROBLEM["names"]:
        assert got[(p, "S1")]["value"] == pytest.approx(S1[p], abs=0.05), p
        assert got[(p, "ST")]["value"] == pytest.approx(ST[p], abs=0.05), p
        assert got[(p, "ST")]["conf"] < 0.1
    assert {r["method"] for r in rows} == {"sobol"}


def test_morris_screening_ranks_x3_last_and_a_resume_redoes_nothing(tmp_path) -> None:
    design = sensitivity.prepare(tmp_path, PROBLEM, "morris", 20, seed=2)
    model = IshigamiModel()
    IshigamiModel.calls = 0
    first = sensitivity.evaluate(model, design, tmp_path, progress=False)
    assert IshigamiModel.calls == len(design)
    for f in sorted((tmp_path / "runs").glob("*.json"))[-5:]:
        f.unlink()  # as if killed before the last rows were written
    again = sensitivity.evaluate(model, sensitivity.prepare(tmp_path, PROBLEM, "morris", 20,
                                                            seed=2), tmp_path, progress=False)
    assert IshigamiModel.calls == len(design) + 5
    assert np.array_equal(first["y"], again["y"])
    rows = sensitivity.indices(PROBLEM, "morris", design, again, seed=2)
    assert sensitivity.screened(rows, keep=2) == ["x1", "x2"] or \
        set(sensitivity.screened(rows, keep=2)) == {"x1", "x2"}


def test_a_folder_of_another_analysis_is_refused(tmp_path) -> None:
    sensitivity.prepare(tmp_path, PROBLEM, "morris", 10, seed=2)
    with pytest.raises(ConfigError, match="holds another analysis"):
        sensitivity.prepare(tmp_path, PROBLEM, "morris", 12, seed=2)


def test_the_same_analysis_resumes_in_its_folder(tmp_path) -> None:
    problem = {k: (list(v) if isinstance(v, list) else v) for k, v in PROBLEM.items()}
    first = sensitivity.prepare(tmp_path, problem, "sobol", 8, seed=3)
    assert problem == PROBLEM  # SALib did not change the caller's problem
    assert np.array_equal(sensitivity.prepare(tmp_path, dict(PROBLEM), "sobol", 8, seed=3),
                          first)


def test_blocks_of_rows_in_two_workers_give_the_rows_one_by_one(tmp_path) -> None:
    """Rows sent a base sample at a time, to two processes, come back in design order."""
    design = sensitivity.prepare(tmp_path / "one", PROBLEM, "sobol", 16, seed=4)
    single = sensitivity.evaluate(IshigamiModel(), design, tmp_path / "one", progress=False)
    block = sensitivity.block_size(PROBLEM, "sobol")
    assert block == PROBLEM["num_vars"] + 2
    blocked = sensitivity.evaluate(IshigamiModel(), design, tmp_path / "two", jobs=2,
                                   progress=False, block=block)
    assert np.array_equal(single["y"], blocked["y"])
    # Saltelli's rows of one base sample are one block: A first, B last, A and B differ
    a, b = design[0], design[block - 1]
    assert np.all(a != b) and all(np.sum(design[i] != a) == 1 for i in range(1, block - 1))
