"""Entry point: ``sim-run`` / ``python -m sim.run`` runs a scenario composed by Hydra.

    sim-run municipality=large economy=recession run.replications=10
    sim-run -m policy=baseline,[intensive_coaching] run.seed=1,2
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import hydra
from hydra.core.config_store import ConfigStore
from hydra.core.hydra_config import HydraConfig
from omegaconf import DictConfig, OmegaConf

from sim.params import Config, ConfigError, validate
from sim.scenario import run_scenario

ConfigStore.instance().store(name="base_config", node=Config)


def to_config(cfg: DictConfig) -> Config:
    """The typed, range-checked scenario from a composed Hydra config."""
    obj = OmegaConf.to_object(cfg)
    if not isinstance(obj, Config):
        raise ConfigError(f"expected a scenario config, got {type(obj).__name__}")
    return validate(obj)


@hydra.main(version_base="1.3", config_path="pkg://sim.configs", config_name="config")
def main(cfg: DictConfig) -> None:
    logging.getLogger("MESA").setLevel(logging.WARNING)
    try:
        config = to_config(cfg)
    except ConfigError as err:
        print(f"configuration error: {err}", file=sys.stderr)
        sys.exit(2)
    out = Path(HydraConfig.get().runtime.output_dir)
    run_scenario(config, out, resolved=OmegaConf.to_container(cfg, resolve=True))
    print(f"results: {out}")


if __name__ == "__main__":
    main()
