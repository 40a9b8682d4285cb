"""The five case experiments compose, validate and reproduce their committed tables."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hydra import compose, initialize_config_module
from omegaconf import OmegaConf

import sim.config.compose  # noqa: F401 - registers the schema for compose
from sim.analysis.cases import CHECK, EXPERIMENTS, SUMMARY
from sim.config.compose import to_config
from sim.config.params import CASE_NAMES, Run

CASES = [c for c in CASE_NAMES if c and c != "national_history"]  # a replay, not a case
SIM_RUN = str(Path(sys.executable).with_name("sim-run"))
# The smallest cases: each reduced sweep takes about ten seconds.
REPRODUCED = ("oost_gelre_2008", "zwolle_2006")


def sweep_jobs(case: str) -> list[list[str]]:
    """The override list of every job the experiment's sweep launches."""
    with initialize_config_module(config_module="sim.configs", version_base="1.3"):
        cfg = compose(config_name="config", overrides=[f"+experiment={case}"],
                      return_hydra_config=True)
        params = OmegaConf.to_container(cfg.hydra.sweeper.params)
    assert isinstance(params, dict)
    axes = [[f"{k}={v}" for v in str(values).split(",")] for k, values in params.items()]
    return [[f"+experiment={case}", *combo] for combo in itertools.product(*axes)]


@pytest.mark.parametrize("case", CASES)
def test_every_job_of_a_case_composes_and_validates(case: str) -> None:
    jobs = sweep_jobs(case)
    assert len(jobs) in (4, 6)
    configs = []
    with initialize_config_module(config_module="sim.configs", version_base="1.3"):
        for overrides in jobs:
            configs.append(to_config(compose(config_name="config", overrides=overrides)))
    seeds = {c.run.seed for c in configs}
    assert len(seeds) == 1 and seeds != {Run().seed}, "pin run.seed per case"
    for c in configs:
        assert c.case.name == case
        assert c.run.spinup_from and c.run.posterior_draws > 0  # calendar-true, with draws
    kinds = {(c.economy.kind, bool(c.policy.active())) for c in configs}
    assert kinds == {("steady", False), ("steady", True), ("measured", False),
                     ("measured", True)}


def test_published_decomposition_adds_up() -> None:
    """steady baseline change + economy trend + policy effect = total change, per case."""
    for case in CASES:
        df = pd.read_csv(EXPERIMENTS / case / SUMMARY)
        dec = df[df["section"] == "decomposition"]
        base = dec[dec["item"].isin(["steady baseline change", "economy trend"])]["value"].sum()
        for package in dec.loc[dec["item"] == "policy effect", "scenario"]:
            rows = dec[dec["scenario"] == package].set_index("item")["value"]
            assert rows["total change"] == pytest.approx(base + rows["policy effect"],
                                                         abs=0.01), (case, package)


@pytest.mark.slow
@pytest.mark.parametrize("case", REPRODUCED)
def test_reduced_sweep_reproduces_the_committed_table(case: str, tmp_path: Path) -> None:
    folder = tmp_path / "sweep"
    done = subprocess.run([SIM_RUN, "-m", f"+experiment={case}", "run.replications=2",
                           "run.posterior_draws=2",
                           f"hydra.sweep.dir={folder}"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    got = (folder / SUMMARY).read_bytes()
    want = (EXPERIMENTS / case / CHECK).read_bytes()
    assert got == want, (f"{case}: the reduced sweep no longer reproduces {CHECK}; if the "
                         "change is intended, regenerate it with `python -m sim.cases "
                         "<sweep> --publish-check`")
