"""A sweep killed mid-way resumes when started again with the same command and folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SIM_RUN = str(Path(sys.executable).with_name("sim-run"))
SWEEP = ["-m", "policy=baseline,intensive_coaching,wage_subsidy", "run.seed=1,2",
         "municipality.claimants=1500", "run.replications=2", "run.horizon_months=24",
         "run.warmup_months=24", "hydra/launcher=basic"]

pytestmark = pytest.mark.slow


def sweep_command(folder: Path) -> list[str]:
    return [SIM_RUN, *SWEEP, f"hydra.sweep.dir={folder}"]


def finished(folder: Path) -> list[int]:
    return sorted(int(p.parent.name) for p in folder.glob("*/summary.json"))


def kill_after(folder: Path, jobs: int, cwd: Path) -> None:
    """Start the sweep and kill it (the whole process group) once ``jobs`` have finished."""
    proc = subprocess.Popen(sweep_command(folder), cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 240
    while len(finished(folder)) < jobs and time.monotonic() < deadline:
        assert proc.poll() is None, "the sweep ended before it could be killed"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def test_a_killed_sweep_resumes_and_matches_an_uninterrupted_one(tmp_path: Path) -> None:
    whole = tmp_path / "whole"
    done = subprocess.run(sweep_command(whole), cwd=tmp_path, capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]

    folder = tmp_path / "killed"
    kill_after(folder, 2, tmp_path)
    before = finished(folder)
    assert 2 <= len(before) < 6, before
    assert not (folder / "comparison.csv").exists()
    stamps = {i: (folder / str(i) / "summary.json").stat().st_mtime_ns for i in before}

    again = subprocess.run(sweep_command(folder), cwd=tmp_path, capture_output=True, text=True,
                           timeout=600, check=False)
    assert again.returncode == 0, again.stderr[-2000:]
    assert f"{len(before)} of 6 jobs finished earlier are reused" in again.stderr
    assert sorted(int(line.split("/")[-1].split()[0]) for line in again.stdout.splitlines()
                  if line.startswith("reused: ")) == before
    assert {i: (folder / str(i) / "summary.json").stat().st_mtime_ns for i in before} == stamps
    assert finished(folder) == list(range(6))
    assert not list(folder.glob("*/*.tmp"))
    for i in range(6):
        for name in ("monthly.csv", "spells.parquet"):
            assert (folder / str(i) / name).read_bytes() == (whole / str(i) / name).read_bytes()
    assert (folder / "comparison.csv").read_bytes() == (whole / "comparison.csv").read_bytes()
    assert "Jobs: 6 planned, 6 found, 6 complete" in (folder / "comparison.md").read_text()


def test_a_sweep_refuses_a_folder_that_holds_another_sweep(tmp_path: Path) -> None:
    folder = tmp_path / "sweep"
    small = ["municipality=small", "run.replications=1", "run.horizon_months=3",
             "run.warmup_months=12", f"hydra.sweep.dir={folder}"]
    first = subprocess.run([SIM_RUN, "-m", "policy=baseline,intensive_coaching", *small],
                           cwd=tmp_path, capture_output=True, text=True, timeout=300,
                           check=False)
    assert first.returncode == 0, first.stderr[-2000:]
    other = subprocess.run([SIM_RUN, "-m", "policy=baseline", *small], cwd=tmp_path,
                           capture_output=True, text=True, timeout=300, check=False)
    assert other.returncode == 2
    assert f"hydra.sweep.dir={folder}: the folder holds 2 jobs of another plan" in other.stderr
    assert len(list(folder.glob("*/summary.json"))) == 2  # nothing touched
