"""``sim-sensitivity`` end to end on a small design, and its refusal of bad input."""

from __future__ import annotations

import csv
import importlib.util

import pytest

from sim.analysis.calibration import FREE
from sim.cli import sensitivity as cli

SMALL = ["--params", "behaviour.search_base", "behaviour.vacancies_per_1000", "--morris", "2",
         "--sobol", "4", "--keep", "2", "--claimants", "150", "--horizon", "6",
         "--replications", "1", "--jobs", "1"]


def test_a_small_analysis_writes_the_table_the_report_and_the_plots(tmp_path) -> None:
    out = tmp_path / "sens"
    assert cli.main(["intensive_coaching", "--out", str(out), *SMALL]) == 0
    with (out / "sensitivity.csv").open() as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["outcome", "parameter", "method", "index", "value", "conf"]
    assert {r["method"] for r in rows} == {"morris", "sobol"}
    outcomes = {r["outcome"] for r in rows}
    assert outcomes == {"intensive_coaching: extra exits to work",
                        "intensive_coaching: net budget effect", "baseline outflow rate"}
    sobol_params = {r["parameter"] for r in rows if r["method"] == "sobol"}
    assert len(sobol_params) == 2  # the two the screening kept
    text = (out / "report.md").read_text()
    assert "## intensive_coaching: extra exits to work" in text and "**Sobol**" in text
    assert (out / "morris.png").stat().st_size > 5_000
    assert (out / "sobol.png").stat().st_size > 5_000


def test_an_unknown_parameter_is_refused_before_any_run(tmp_path, capsys) -> None:
    out = tmp_path / "sens"
    assert cli.main(["wage_subsidy", "--out", str(out), "--params", "behaviour.search_bse"]) == 2
    assert "behaviour.search_bse" in capsys.readouterr().err
    assert not out.exists()


TINY = [*SMALL[:SMALL.index("--sobol")], "--sobol", "0", *SMALL[SMALL.index("--keep"):]]


def table_from(launcher: str, tmp_path) -> str:
    """``sensitivity.csv`` of a tiny screening run on ``launcher``."""
    out = tmp_path / launcher
    assert cli.main(["wage_subsidy", "--out", str(out), *TINY, "--launcher", launcher]) == 0
    return (out / "sensitivity.csv").read_text()


def test_the_slurm_path_run_locally_gives_the_joblib_results(tmp_path) -> None:
    """``--launcher submitit_local`` takes the SLURM path (a submitit job array) on this
    machine: the same table as joblib's."""
    assert table_from("submitit_local", tmp_path) == table_from("joblib", tmp_path)
    assert list((tmp_path / "submitit_local" / "morris" / "submitit").iterdir())


def test_a_bad_launcher_option_is_refused_before_any_run(tmp_path, capsys) -> None:
    out = tmp_path / "sens"
    assert cli.main(["wage_subsidy", "--out", str(out), *SMALL,
                     "--launcher-option", "partition"]) == 2
    assert "--launcher-option 'partition'" in capsys.readouterr().err
    assert not out.exists()


def test_by_default_every_behaviour_parameter_and_every_instrument_parameter_varies() -> None:
    from sim.config.space import parameters

    every = cli.chosen_parameters(None, ["wage_subsidy"], "schema")
    keys = {p.key for p in every}
    assert {p.key for p in parameters(groups=("behaviour",))} <= keys
    assert {"policy.wage_subsidy.employer_weight", "behaviour.priority_rule"} <= keys
    fitted = cli.chosen_parameters(["fitted"], ["wage_subsidy"], "posterior")
    behaviour = [p for p in fitted if p.key.startswith("behaviour.")]
    assert sorted(p.key for p in behaviour) == sorted(f"behaviour.{f.key}" for f in FREE)
    assert len(every) > 60
    schema = {p.key: p for p in every}
    assert all((p.low, p.high) != (schema[p.key].low, schema[p.key].high) for p in behaviour)


@pytest.mark.skipif(importlib.util.find_spec("ray") is None,
                    reason="the ray extra is not installed: pip install -e '.[ray]'")
def test_the_ray_launcher_gives_the_joblib_results(tmp_path) -> None:
    assert table_from("ray", tmp_path) == table_from("joblib", tmp_path)
