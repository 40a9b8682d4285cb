"""The jobs of a sweep folder: what each job left behind, and which jobs belong together.

A job folder is complete when it holds ``summary.json`` (written last); a job that
raised holds ``failed.json`` instead; anything else is incomplete (still running, or
killed). Jobs whose configurations differ only in their policy share a pairing key.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from sim.output.files import FAILED_FILE, MONTHLY_FILE, SPELLS_FILE, SUMMARY_FILE

# Settings that do not change results, left out of the key that pairs a scenario with
# its baseline (the policy itself is what differs).
NOT_IN_PAIRING_KEY = ("policy", "run.progress")


def natural(name: str) -> list[Any]:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]


def flatten(node: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for k, v in node.items():
            out.update(flatten(v, f"{prefix}.{k}" if prefix else str(k)))
        return out
    return {prefix: node}


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _read_overrides(job_dir: Path) -> list[str]:
    path = job_dir / ".hydra" / "overrides.yaml"
    if not path.exists():
        return []
    from omegaconf import OmegaConf

    try:
        items = OmegaConf.to_container(OmegaConf.load(path))
    except Exception:  # a half-written file of a job still starting
        return []
    return [str(x) for x in items] if isinstance(items, list) else []


@dataclass
class Job:
    """One job folder of a sweep and what it left behind."""

    path: Path
    name: str
    status: str  # complete | failed | incomplete | corrupt | not planned
    overrides: list[str] = field(default_factory=list)
    summary: dict[str, Any] | None = None
    failure: dict[str, Any] | None = None
    _monthly: pd.DataFrame | None = None
    _spells: pd.DataFrame | None = None

    @property
    def config(self) -> dict[str, Any]:
        return (self.summary or {}).get("provenance", {}).get("config") or {}

    @property
    def policy(self) -> tuple[str, ...]:
        return tuple((self.summary or {}).get("policy") or ())

    @property
    def label(self) -> str:
        return "+".join(self.policy) if self.policy else "baseline"

    @property
    def key(self) -> str:
        """Everything but the policy: jobs with the same key differ only in their policy."""
        flat = flatten(self.config)
        kept = {k: v for k, v in flat.items()
                if not any(k == x or k.startswith(x + ".") for x in NOT_IN_PAIRING_KEY)}
        return json.dumps(kept, sort_keys=True, default=str)

    def setting(self, dotted: str, default: Any = None) -> Any:
        node: Any = self.config
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    @property
    def monthly(self) -> pd.DataFrame:
        if self._monthly is None:
            self._monthly = pd.read_csv(self.path / MONTHLY_FILE)
        return self._monthly

    @property
    def spells(self) -> pd.DataFrame | None:
        """The spell table, or None where the job wrote none."""
        if self._spells is None and (self.path / SPELLS_FILE).exists():
            self._spells = pd.read_parquet(self.path / SPELLS_FILE)
        return self._spells


def is_job_dir(path: Path) -> bool:
    return any((path / n).exists() for n in (SUMMARY_FILE, FAILED_FILE, MONTHLY_FILE, ".hydra"))


def load_job(path: Path, root: Path) -> Job:
    name = path.relative_to(root).as_posix() if path != root else path.name
    job = Job(path=path, name=name, status="incomplete", overrides=_read_overrides(path))
    failure = _read_json(path / FAILED_FILE) if (path / FAILED_FILE).exists() else None
    summary = _read_json(path / SUMMARY_FILE) if (path / SUMMARY_FILE).exists() else None
    if failure is not None:
        job.status, job.failure = "failed", failure
        job.overrides = job.overrides or list(failure.get("overrides") or [])
    elif (path / SUMMARY_FILE).exists() and summary is None:
        job.status = "corrupt"
        job.failure = {"error": "corrupt", "message": f"{SUMMARY_FILE} cannot be read; rerun "
                       "the sweep with the same command to redo this job"}
    elif summary is not None and (path / MONTHLY_FILE).exists():
        job.status, job.summary = "complete", summary
    return job


def check_plan(jobs: list[Job], plan: list[list[str]] | None) -> list[str]:
    """Mark jobs that the sweep's recorded plan does not hold as ``not planned``; return the
    planned jobs of which no folder was found (as their overrides)."""
    if plan is None:
        return []
    found = set()
    for job in jobs:
        num = int(job.name) if job.name.isdigit() else -1
        if 0 <= num < len(plan) and job.overrides in ([], plan[num]):
            found.add(num)
        else:
            job.status = "not planned"
            job.failure = {"error": "not planned", "message": "the sweep's multirun.yaml "
                           "plans no such job: left from another sweep"}
    return [" ".join(plan[i]) for i in range(len(plan)) if i not in found]


def find_jobs(root: Path) -> list[Job]:
    """Every job folder under ``root`` (hidden folders such as .submitit skipped)."""
    if is_job_dir(root) and not (root / "multirun.yaml").exists():
        return [load_job(root, root)]
    jobs: list[Job] = []

    def walk(folder: Path) -> None:
        for child in sorted(folder.iterdir(), key=lambda p: natural(p.name)):
            if not child.is_dir() or child.name.startswith("."):
                continue
            if is_job_dir(child):
                jobs.append(load_job(child, root))
            else:
                walk(child)

    walk(root)
    return jobs

