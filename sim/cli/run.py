"""``sim-run``: run a scenario composed by Hydra, or sweep many with ``-m``.

    sim-run municipality=large economy=recession run.replications=10
    sim-run -m policy=baseline,[intensive_coaching] run.seed=1,2
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import hydra
from hydra.core.hydra_config import HydraConfig
from hydra.types import RunMode
from omegaconf import DictConfig, OmegaConf

from sim.cli import args as cli_args
from sim.cli.about import RUN_USAGE, version_line
from sim.config.compose import compose_checked, job_config, to_config
from sim.config.overrides import check_overrides, parse
from sim.config.schema import ConfigError
from sim.output.files import FAILED_FILE, check_output_folder, record_failure
from sim.output.scenario import run_scenario
from sim.output.sweep_folder import clear_unfinished, finished_as

log = logging.getLogger(__name__)


def main() -> None:
    """Check the override keys against the schema, then hand over to Hydra.

    The check comes first so a misspelt key fails with exit code 2 and a message naming
    the key, the value and the keys allowed, before Hydra composes or launches anything.
    Each job's values are checked by the sweep callback before any folder is made.
    """
    args = cli_args.parse(sys.argv[1:])
    if args.version:
        print(version_line("sim-run"))
        return
    if args.help:
        print(RUN_USAGE)
    try:
        preflight(args)
    except ConfigError as err:
        print(f"configuration error: {err}", file=sys.stderr)
        sys.exit(2)
    run_job()


def preflight(args: cli_args.Args) -> None:
    """What is checked before Hydra starts: the override keys and values, the composed
    configuration (YAML files, keys in them, every value and rule of a single run) and
    the output folder. A sweep's jobs are checked one by one by the sweep callback."""
    check_overrides(args.overrides)
    if not args.runs or args.own_config:
        return
    fixed = [o for o, p in zip(args.overrides, parse(args.overrides), strict=True)
             if not (args.multirun and p.is_sweep_override())]
    cfg = compose_checked(fixed, hydra_node=True)
    if not args.multirun:
        to_config(job_config(cfg))
    key = "hydra.sweep.dir" if args.multirun else "hydra.run.dir"
    check_output_folder(key, Path(str(OmegaConf.select(cfg, key))))


@hydra.main(version_base="1.3", config_path="pkg://sim.configs", config_name="config")
def run_job(cfg: DictConfig) -> None:
    """One job. In a sweep a failing job records failed.json and returns normally, so
    the other jobs and the comparison at the end still run (Hydra skips its
    on_multirun_end callback once any job raised)."""
    logging.getLogger("MESA").setLevel(logging.WARNING)
    hc = HydraConfig.get()
    out = Path(hc.runtime.output_dir)
    sweep = hc.mode == RunMode.MULTIRUN
    overrides = list(hc.overrides.task)
    try:
        config = to_config(cfg)
    except ConfigError as err:
        print(f"configuration error: {err}", file=sys.stderr)
        if not sweep:
            sys.exit(2)
        record_failure(out, err, "configuration", overrides)
        return
    resolved = OmegaConf.to_container(cfg, resolve=True)
    if sweep:
        config.run.progress = False  # jobs of a sweep report progress across jobs instead
        if finished_as(out, resolved):
            print(f"reused: {out} (finished earlier with the same configuration)")
            return
    clear_unfinished(out)
    try:
        run_scenario(config, out, resolved=resolved)
    except Exception as err:
        record_failure(out, err, "simulation", overrides)
        if not sweep:
            raise
        log.exception("job failed; recorded in %s", out / FAILED_FILE)
        print(f"failed: {out} ({type(err).__name__}: {err})", file=sys.stderr)
        return
    print(f"results: {out}")


if __name__ == "__main__":
    main()
