"""The commands say what they are: version and commit, a usage before Hydra's help, the
list of commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import sim

BIN = Path(sys.executable).parent


def run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(cmd), capture_output=True, text=True, timeout=120, check=False)


def test_version_names_the_project_and_its_commit() -> None:
    for prog in ("sim-run", "sim-compare"):
        done = run(str(BIN / prog), "--version")
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(f"{prog} {sim.__version__} (commit "), done.stdout
        assert "Hydra" not in done.stdout


def test_help_opens_with_the_usage_and_examples() -> None:
    done = run(str(BIN / "sim-run"), "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: sim-run [KEY=VALUE ...]")
    assert done.stdout.index("examples:") < done.stdout.index("== Configuration groups ==")
    assert "sim-run is powered by Hydra" in done.stdout


def test_python_m_sim_lists_the_commands() -> None:
    done = run(sys.executable, "-m", "sim")
    assert done.returncode == 0, done.stderr
    for command in ("sim-run", "sim-compare", "sim-explore", "python -m sim.validate",
                    "python -m sim.trials"):
        assert command in done.stdout
