"""Hydra callbacks: check every job's configuration first, compare at the end of a sweep.

Configured under ``hydra.callbacks`` in ``configs/config.yaml``; they run in the process
that launches the jobs, whichever launcher runs the jobs themselves.

* Before a single run creates its output folder, and before any job of a sweep starts,
  the configuration of every job is composed (Hydra's compose API) and validated, so a
  bad value fails loudly with exit code 2 instead of surfacing as one failed job later.
* After the last job of a sweep, :func:`sim.analysis.comparison.compare_sweep` writes the
  comparison, and for a case experiment (``case.name`` set) its case report is written
  (for the national replay, its history report).
  Hydra skips ``on_multirun_end`` when a job raised; ``sim.cli.run`` therefore records
  a failing job in ``failed.json`` and returns normally.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from hydra.experimental.callback import Callback
from omegaconf import DictConfig, OmegaConf

from sim.cli.progress import SweepProgress
from sim.config.compose import compose_checked, job_config, sweep_jobs, to_config
from sim.config.schema import ConfigError
from sim.output.sweep_folder import check_sweep_folder

log = logging.getLogger(__name__)


def planned_jobs(config: DictConfig) -> list[list[str]] | None:
    """The overrides of every job the sweep launches; None for sweepers that decide
    their jobs as they go (such as an optimiser)."""
    if OmegaConf.select(config, "hydra.runtime.choices").get("hydra/sweeper") != "basic":
        return None
    params = OmegaConf.select(config, "hydra.sweeper.params")
    params = OmegaConf.to_container(params) if params is not None else {}
    task = list(OmegaConf.select(config, "hydra.overrides.task") or [])
    return sweep_jobs(params, task)


def configuration_errors(jobs: list[list[str]]) -> list[str]:
    """One message per job whose configuration fails the schema's checks."""
    errors = []
    for num, overrides in enumerate(jobs):
        try:
            to_config(compose_checked(overrides))
        except ConfigError as err:
            errors.append(f"job #{num} ({' '.join(overrides)}): {err}")
    return errors


def refuse(lines: list[str], header: str | None = None) -> None:
    """Print the errors and stop with exit code 2 (SystemExit, not an exception: Hydra
    turns callback exceptions into warnings)."""
    if header:
        print(header, file=sys.stderr)
    for line in lines:
        print(f"{'  ' if header else ''}{line}", file=sys.stderr)
    sys.exit(2)


# The progress line of each running sweep, by folder: kept outside the callback, which the
# launchers pickle with every job.
_PROGRESS: dict[str, SweepProgress] = {}


class SweepCallback(Callback):
    """Validate all jobs before a run or sweep, resume a sweep folder, show progress across
    the jobs, and compare the results after a sweep."""

    def __init__(self, validate: bool = True, compare: bool = True) -> None:
        self.validate = validate
        self.compare = compare

    def on_run_start(self, config: DictConfig, **kwargs: Any) -> None:
        if not self.validate:
            return
        try:
            to_config(job_config(config))
        except ConfigError as err:
            refuse([f"configuration error: {err}"])

    def on_multirun_start(self, config: DictConfig, **kwargs: Any) -> None:
        try:
            jobs = planned_jobs(config)
        except Exception as err:  # a malformed sweep: Hydra itself reports it next
            log.debug("not checking the sweep's configurations: %s", err)
            return
        if jobs is None:
            return
        if self.validate and (errors := configuration_errors(jobs)):
            refuse(errors, "configuration error, no job was started:")
        folder = Path(str(config.hydra.sweep.dir))
        try:
            reused = check_sweep_folder(folder, jobs)
        except ConfigError as err:
            refuse([f"configuration error: {err}"])
        if reused:
            print(f"resuming the sweep in {folder}: {reused} of {len(jobs)} jobs finished "
                  "earlier are reused", file=sys.stderr)
        _PROGRESS[str(folder)] = SweepProgress(folder, len(jobs), reused).start()

    def on_multirun_end(self, config: DictConfig, **kwargs: Any) -> None:
        sweep_dir = Path(str(config.hydra.sweep.dir))
        if (progress := _PROGRESS.pop(str(sweep_dir), None)) is not None:
            progress.stop()
        if not self.compare:
            return
        from sim.analysis.comparison import compare_sweep, report

        report(compare_sweep(sweep_dir))
        case = OmegaConf.select(config, "case.name")
        if case == "national_history":  # the national replay: its history report
            from sim.analysis.history import write_history_report

            print(f"history report: {write_history_report(sweep_dir).absolute()}")
        elif case:  # a case experiment: its report too
            from sim.analysis.cases import write_case_report

            print(f"case report: {write_case_report(sweep_dir).absolute()}")
