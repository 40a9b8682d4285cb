"""An instrument from a single module in another package plugs in with no edit elsewhere.

The toy instrument lives in a temporary folder, announced as a distribution whose entry
point names it (a ``*.dist-info`` folder on the path is what an installed package leaves
behind). A sweep switches it on by name, sets one of its parameters, and compares it with
the baseline like any built-in instrument.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

SIM_RUN = str(Path(sys.executable).with_name("sim-run"))

TOY = '''
"""A toy instrument: more search for everyone of its target group on bijstand."""

from dataclasses import dataclass

import numpy as np

from sim.config.schema import p
from sim.core.stages import acting_on_bijstand
from sim.policies.base import PolicyInstrument
from sim.policies.hooks import hook, stage
from sim.policies.target import InstrumentConfig


@dataclass
class Toy(InstrumentConfig):
    """A toy: a search lift for its target group."""

    lift: float = p(1.5, "multiplier on search", 1, 10, source="a test")
    cost_per_person_month: float = p(10.0, "EUR", 0, 1000, source="a test")


class ToyRun(PolicyInstrument, name="toy", config=Toy):
    extra_tallies = ("lifted",)

    @hook
    def search_lift(self, rows):
        return np.where(self.in_target(rows) & self.can_start(), self.cfg.lift, 1.0)

    @stage("caseload")
    def count(self):
        rows = acting_on_bijstand(self.model)
        self.tally["lifted"] = int(self.in_target(rows).sum())

    def end_month(self):
        self.tally["participants"] = self.tally["lifted"]
        self.charge(self.tally["lifted"] * self.cfg.cost_per_person_month)
'''


def plugin_site(root: Path) -> Path:
    site = root / "site"
    site.mkdir()
    (site / "toy_instrument.py").write_text(textwrap.dedent(TOY))
    info = site / "toy_instrument-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: toy-instrument\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[bijstand_sim.instruments]\ntoy = toy_instrument\n")
    return site


SMALL = ["municipality=small", "run.replications=2", "run.horizon_months=12",
         "run.warmup_months=24"]


@pytest.mark.slow
def test_a_plug_in_instrument_runs_in_a_sweep_and_takes_its_parameters(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(plugin_site(tmp_path))}

    def sim_run(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([SIM_RUN, *args, *SMALL], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stderr[-3000:]
        return done

    folder = tmp_path / "sweep"
    sim_run("-m", "policy=baseline,toy", f"hydra.sweep.dir={folder}")
    assert json.loads((folder / "1" / "summary.json").read_text())["policy"] == ["toy"]
    monthly = pd.read_csv(folder / "1" / "monthly.csv")
    assert (monthly["toy_lifted"] > 0).all() and (monthly["toy_cost"] > 0).all()
    table = pd.read_csv(folder / "comparison.csv", dtype={"job": str})
    toy = table.set_index("scenario").loc["toy"]
    assert toy["status"] == "ok" and toy["extra_exits_to_work"] > 0
    single = tmp_path / "single"
    sim_run("policy=[toy]", "policy.toy.lift=2.0", f"hydra.run.dir={single}")
    summary = json.loads((single / "summary.json").read_text())
    assert summary["provenance"]["config"]["policy"]["toy"]["lift"] == 2.0


def test_a_misspelt_hook_fails_when_the_module_is_imported() -> None:
    code = ("from sim.policies.base import PolicyInstrument\n"
            "from sim.policies.hooks import hook\n"
            "class Bad(PolicyInstrument):\n"
            "    @hook\n"
            "    def search_lfit(self, rows): return rows\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode != 0
    assert "unknown hook 'search_lfit' (did you mean search_lift?)" in done.stderr


def test_a_hook_without_its_mark_and_an_unknown_stage_fail_too() -> None:
    from sim.policies.base import PolicyInstrument
    from sim.policies.hooks import stage

    with pytest.raises(ValueError, match="has a hook's name but is not marked @hook"):
        type("Unmarked", (PolicyInstrument,), {"search_lift": lambda self, rows: rows})
    with pytest.raises(ValueError, match="unknown stage 'casload' .did you mean caseload"):
        stage("casload")
