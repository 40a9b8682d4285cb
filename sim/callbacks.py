"""Hydra callbacks for sweeps: check every job's configuration first, compare at the end.

Configured under ``hydra.callbacks`` in ``configs/config.yaml``; they run in the process
that launches the jobs, whichever launcher runs the jobs themselves.

* Before any job starts, every job's configuration is composed and validated, so a bad
  value in a sweep fails the whole sweep loudly (exit code 2) before any simulation,
  like a single run does, instead of surfacing as one failed job an hour later.
* After the last job, :func:`sim.compare.compare_sweep` writes the comparison, and for a
  case experiment (``case.name`` set) :func:`sim.cases.write_case_report` its report. Hydra
  skips ``on_multirun_end`` when a job raised; ``sim.run.main`` therefore records a
  failing job in ``failed.json`` and returns normally.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from hydra.experimental.callback import Callback
from omegaconf import DictConfig, OmegaConf, open_dict

log = logging.getLogger(__name__)

BASIC_SWEEPER = "hydra._internal.core_plugins.basic_sweeper.BasicSweeper"


def sweep_job_overrides(config: DictConfig) -> list[list[str]] | None:
    """The overrides of every job the basic sweeper will launch (None for other sweepers)."""
    if OmegaConf.select(config, "hydra.sweeper._target_") != BASIC_SWEEPER:
        return None
    from hydra._internal.core_plugins.basic_sweeper import BasicSweeper
    from hydra.core.global_hydra import GlobalHydra
    from hydra.core.override_parser.overrides_parser import OverridesParser

    params = OmegaConf.select(config, "hydra.sweeper.params") or {}
    arguments = [f"{k}={v}" for k, v in params.items()]
    arguments += list(OmegaConf.select(config, "hydra.overrides.task") or [])
    loader = GlobalHydra.instance().config_loader()
    parsed = OverridesParser.create(config_loader=loader).parse_overrides(arguments)
    return [job for batch in BasicSweeper.split_arguments(parsed, None) for job in batch]


def configuration_errors(config: DictConfig) -> list[str]:
    """One message per job whose configuration fails the schema's checks."""
    from hydra.core.global_hydra import GlobalHydra

    from sim.params import ConfigError
    from sim.run import to_config

    try:
        jobs = sweep_job_overrides(config)
    except Exception as err:  # malformed sweep: Hydra itself reports it next
        log.debug("not checking the sweep's configurations: %s", err)
        return []
    if not jobs:
        return []
    loader = GlobalHydra.instance().config_loader()
    errors = []
    for num, overrides in enumerate(jobs):
        try:
            job_cfg = loader.load_sweep_config(config, list(overrides))
        except Exception as err:  # composition errors: Hydra reports them next
            log.debug("job #%d not composed: %s", num, err)
            continue
        with open_dict(job_cfg):
            del job_cfg["hydra"]
        try:
            to_config(job_cfg)
        except ConfigError as err:
            errors.append(f"job #{num} ({' '.join(overrides)}): {err}")
    return errors


class SweepCallback(Callback):
    """Validate all jobs before a sweep and compare the results after it."""

    def __init__(self, validate: bool = True, compare: bool = True) -> None:
        self.validate = validate
        self.compare = compare

    def on_multirun_start(self, config: DictConfig, **kwargs: Any) -> None:
        if not self.validate:
            return
        errors = configuration_errors(config)
        if errors:
            print("configuration error, no job was started:", file=sys.stderr)
            for e in errors:
                print(f"  {e}", file=sys.stderr)
            # SystemExit, not an exception: Hydra turns callback exceptions into warnings.
            sys.exit(2)

    def on_multirun_end(self, config: DictConfig, **kwargs: Any) -> None:
        if not self.compare:
            return
        from sim.compare import compare_sweep, report

        sweep_dir = Path(str(config.hydra.sweep.dir))
        result = compare_sweep(sweep_dir)
        report(result)
        if OmegaConf.select(config, "case.name"):  # a case experiment: its report too
            from sim.cases import write_case_report

            print(f"case report: {write_case_report(sweep_dir).absolute()}")
