"""Entry point: ``sim-run`` / ``python -m sim.run`` runs a scenario composed by Hydra.

    sim-run municipality=large economy=recession run.replications=10
    sim-run -m policy=baseline,[intensive_coaching] run.seed=1,2
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import sys
import traceback
from pathlib import Path
from typing import Any

import hydra
from hydra.core.config_store import ConfigStore
from hydra.core.hydra_config import HydraConfig
from hydra.types import RunMode
from omegaconf import DictConfig, OmegaConf

from sim.compare import FAILED_FILE, SUMMARY_FILE
from sim.overrides import check_overrides
from sim.params import Config, ConfigError, validate
from sim.scenario import run_scenario

log = logging.getLogger(__name__)

ConfigStore.instance().store(name="base_config", node=Config)


def to_config(cfg: DictConfig) -> Config:
    """The typed, range-checked scenario from a composed Hydra config."""
    obj = OmegaConf.to_object(cfg)
    if not isinstance(obj, Config):
        raise ConfigError(f"expected a scenario config, got {type(obj).__name__}")
    _no_extra_keys(OmegaConf.to_container(cfg), obj, "")
    return validate(obj)


def _no_extra_keys(node: Any, obj: Any, path: str) -> None:
    """Keys added with ``+key=value`` that the schema lacks would be dropped silently."""
    if not (isinstance(node, dict) and dataclasses.is_dataclass(obj)):
        return
    names = [f.name for f in dataclasses.fields(obj)]
    for key, value in node.items():
        where = f"{path}.{key}" if path else str(key)
        if key not in names:
            raise ConfigError(f"{where}={value!r}: unknown key; allowed in {path or 'the config'}"
                              f": {', '.join(names)}")
        _no_extra_keys(value, getattr(obj, key), where)


def record_failure(out: Path, err: BaseException, kind: str, overrides: list[str]) -> None:
    """Write failed.json so a sweep's comparison can list this job instead of losing it."""
    out.mkdir(parents=True, exist_ok=True)
    info = {"kind": kind, "error": type(err).__name__, "message": str(err),
            "overrides": overrides, "traceback": traceback.format_exc()}
    tmp = out / (FAILED_FILE + ".tmp")
    tmp.write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, out / FAILED_FILE)


def main() -> None:
    """``sim-run``: check the override keys against the schema, then hand over to Hydra.

    The check comes first so a misspelt key fails with exit code 2 and a message naming
    the key, the value and the keys allowed, before Hydra composes or launches anything.
    """
    from hydra._internal.utils import get_args_parser

    args, _ = get_args_parser().parse_known_args()
    try:
        check_overrides(args.overrides)
        if not args.multirun and not (args.help or args.hydra_help or args.cfg or args.info):
            check_single_run(args.overrides)  # sweeps are checked job by job by the callback
    except ConfigError as err:
        print(f"configuration error: {err}", file=sys.stderr)
        sys.exit(2)
    run_job()


def check_single_run(overrides: list[str]) -> None:
    """Compose and validate a single run's config before Hydra creates its output folder."""
    from hydra import compose, initialize_config_module
    from hydra.errors import HydraException
    from omegaconf.errors import OmegaConfBaseException

    try:
        with initialize_config_module(config_module="sim.configs", version_base="1.3"):
            cfg = compose(config_name="config", overrides=overrides)
    except (HydraException, OmegaConfBaseException):
        return  # Hydra reports these itself, with its own message
    to_config(cfg)


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
    if sweep and not str(hc.launcher._target_).endswith("BasicLauncher"):
        config.run.progress = False  # parallel jobs' bars would overwrite each other
    for stale in (SUMMARY_FILE, FAILED_FILE):  # a rerun into the same folder
        (out / stale).unlink(missing_ok=True)
    try:
        run_scenario(config, out, resolved=OmegaConf.to_container(cfg, resolve=True))
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
