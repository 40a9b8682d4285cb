"""Spun-up states kept for reuse: a model at month 0, keyed by everything that shapes it.

Warm-up and spin-up are the same for every run of a config and seed, whatever its
horizon and whatever its instruments (they are installed as month 0 begins, see
:meth:`~sim.core.model.ReintegrationModel.install_policies`): a scenario and its baseline
share one spin-up. :func:`at_month_zero` builds that state once and hands out copies.
States are kept in memory (the last few per process) and, when ``run.checkpoint_dir`` names a
folder, as pickles there, so the jobs of a sweep (other processes) and later sweeps find
them too. The key holds the config (all but the run's length and bookkeeping), the
replication and a fingerprint of the model's code and data, so a changed model never
reads an old state. Only load checkpoints from a folder you trust (they are pickles).
"""

from __future__ import annotations

import copy
import hashlib
import json
import pickle
from collections import OrderedDict
from dataclasses import asdict
from functools import lru_cache
from importlib import resources
from pathlib import Path

from sim.config.params import Config
from sim.core.economy import resolved
from sim.core.model import ReintegrationModel

KEPT_IN_MEMORY = 8
LARGEST_KEPT = 100_000  # claimants: larger states are rebuilt rather than held
NOT_IN_KEY = ("horizon_months", "replications", "progress", "posterior_draws",
              "checkpoint_dir")
_MEMORY: OrderedDict[str, bytes] = OrderedDict()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of the code and data a state depends on."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parents[1]
    for folder in ("core", "policies", "config"):
        for path in sorted((root / folder).rglob("*.py")):
            digest.update(path.read_bytes())
    data = resources.files("sim.configs")
    for part in (("calendar",), ("economy", "data"), ("behaviour",)):
        node = data.joinpath(*part)
        for item in sorted(node.iterdir(), key=lambda p: p.name):
            if item.is_file():
                digest.update(item.read_bytes())
    return digest.hexdigest()[:16]


def state_key(cfg: Config, replication: int) -> str:
    """What the state at month 0 depends on, as a digest."""
    config = asdict(cfg)
    config["run"] = {k: v for k, v in config["run"].items() if k not in NOT_IN_KEY}
    config.pop("case", None)
    config.pop("policy", None)  # installed after month 0's state, not part of it
    text = json.dumps([config, replication, code_fingerprint()], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def at_month_zero(cfg: Config, replication: int = 0) -> ReintegrationModel:
    """A model of ``cfg`` after its warm-up (and spin-up), its instruments installed, ready
    to step month 0: from a checkpoint where one exists, built (and kept) otherwise.
    Identical to building it."""
    key = state_key(cfg, replication)
    blob = _MEMORY.get(key) or _read(cfg, key)
    if blob is None:
        bare = copy.deepcopy(cfg)
        bare.policy = type(cfg.policy)()
        model = ReintegrationModel(bare, replication=replication)
        if cfg.municipality.claimants <= LARGEST_KEPT or cfg.run.checkpoint_dir:
            _keep(cfg, key, pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))
    else:
        _keep(cfg, key, blob, write=False)
        model = pickle.loads(blob)
    return _with_config(model, cfg)


def _with_config(model: ReintegrationModel, cfg: Config) -> ReintegrationModel:
    """A state at month 0 takes the caller's config and instruments: the horizon may
    differ, so the economy's path is resolved again for it."""
    model.cfg = copy.deepcopy(cfg)
    origin = cfg.run.spinup_from or cfg.municipality.start_date
    model.economy = resolved(cfg.economy, origin,
                             model.history_months + cfg.run.horizon_months)
    model.install_policies(model.cfg.policy)
    return model


def _keep(cfg: Config, key: str, blob: bytes, write: bool = True) -> None:
    if cfg.municipality.claimants <= LARGEST_KEPT:
        _MEMORY[key] = blob
        _MEMORY.move_to_end(key)
        while len(_MEMORY) > KEPT_IN_MEMORY:
            _MEMORY.popitem(last=False)
    if write and cfg.run.checkpoint_dir:
        folder = Path(cfg.run.checkpoint_dir)
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{key}.tmp"
        tmp.write_bytes(blob)
        tmp.replace(folder / f"{key}.pkl")  # complete or absent, never half-written


def _read(cfg: Config, key: str) -> bytes | None:
    if not cfg.run.checkpoint_dir:
        return None
    path = Path(cfg.run.checkpoint_dir) / f"{key}.pkl"
    return path.read_bytes() if path.exists() else None
