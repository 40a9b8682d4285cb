"""A sweep folder: which jobs it was planned to hold, which it holds, which are finished.

Hydra numbers a sweep's jobs 0, 1, ... in the order of the plan (the cartesian product of
the swept values) and records the plan in ``multirun.yaml``. A sweep started again with
the same command and folder resumes it: finished jobs (those whose ``summary.json`` was
written for the same configuration) are reused, the others are run again. A folder that
holds the jobs of another plan is refused, so that no comparison ever mixes two sweeps.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from omegaconf import OmegaConf

from sim.config.compose import sweep_jobs
from sim.config.posterior import posterior_digest
from sim.config.schema import ConfigError
from sim.output.files import FAILED_FILE, MONTHLY_FILE, SPELLS_FILE, SUMMARY_FILE, TEMPORARY

MULTIRUN_FILE = "multirun.yaml"
IGNORED_IN_REUSE = ("run.progress",)  # settings that do not change a job's results


def job_folders(folder: Path) -> dict[int, Path]:
    """The numbered job folders of a sweep folder."""
    if not folder.is_dir():
        return {}
    return {int(p.name): p for p in folder.iterdir() if p.is_dir() and p.name.isdigit()}


def recorded_plan(folder: Path) -> list[list[str]] | None:
    """The overrides of every job the sweep recorded in ``folder`` planned, or None."""
    path = folder / MULTIRUN_FILE
    if not path.exists():
        return None
    try:
        cfg = OmegaConf.load(path)
        task = OmegaConf.select(cfg, "hydra.overrides.task")
        if task is None:
            return None
        params = OmegaConf.select(cfg, "hydra.sweeper.params")
        params = OmegaConf.to_container(params) if params is not None else {}
        return sweep_jobs(params, list(task))
    except Exception:  # a file this code cannot read is not this sweep's plan
        return None


def check_sweep_folder(folder: Path, plan: list[list[str]]) -> int:
    """How many of the plan's jobs ``folder`` holds finished already (0 for a new sweep).

    Raises :class:`ConfigError` when the folder holds the jobs of another plan.
    """
    existing = job_folders(folder)
    if not existing:
        return 0
    earlier = recorded_plan(folder)
    if earlier != plan:
        what = (f"{len(earlier)} jobs of another plan" if earlier is not None
                else f"{len(existing)} job folders of no recorded plan")
        raise ConfigError(
            f"hydra.sweep.dir={folder}: the folder holds {what}; a comparison would mix "
            "two sweeps. Allowed: a new folder (the default hydra.sweep.dir), or the same "
            "command as before to resume that sweep")
    return sum((p / SUMMARY_FILE).exists() for p in existing.values())


def _without(config: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    out = json.loads(json.dumps(config, default=str))
    for key in keys:
        node = out
        *parents, last = key.split(".")
        for part in parents:
            node = node.get(part, {}) if isinstance(node, dict) else {}
        if isinstance(node, dict):
            node.pop(last, None)
    return out


def finished_as(out: Path, resolved: dict[str, Any]) -> bool:
    """Whether the job folder holds a finished run of exactly this configuration (and, for
    posterior draws, of the same posterior file)."""
    if not all((out / name).exists() for name in (MONTHLY_FILE, SPELLS_FILE)):
        return False
    try:
        summary = json.loads((out / SUMMARY_FILE).read_text(encoding="utf-8"))
        recorded = summary["provenance"]["config"]
        posterior = (summary.get("posterior") or {}).get("sha256")
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False
    if posterior is not None and posterior != posterior_digest():
        return False  # drawn from a posterior file that has changed since
    return _without(recorded, IGNORED_IN_REUSE) == _without(resolved, IGNORED_IN_REUSE)


def clear_unfinished(out: Path) -> None:
    """Remove what an interrupted or failed run left, before it runs again."""
    for stale in (SUMMARY_FILE, FAILED_FILE):
        (out / stale).unlink(missing_ok=True)
    for tmp in out.glob(f"*{TEMPORARY}") if out.is_dir() else ():
        tmp.unlink(missing_ok=True)
