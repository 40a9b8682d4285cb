"""Draws of the behaviour posterior: parameter sets that carry what calibration left open.

The posterior (``configs/behaviour/posterior.csv``) is an ensemble of weighted parameter
draws: comment lines starting with ``#``, then the columns ``draw``, ``weight`` and one
column per behaviour parameter it varies (the others keep the config's values). A run
with ``run.posterior_draws = K`` runs every replication under K of the draws, chosen by
systematic resampling at the fixed positions (i + 0.5) / K of the cumulative weights, in
draw order: no random numbers, so the same K always picks the same draws, each about K
times its weight. The environment variable ``SIM_BEHAVIOUR_POSTERIOR`` names another file
instead, for tests and for trying another posterior.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import io
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from sim.config.behaviour import Behaviour
from sim.config.schema import ConfigError, check_number

if TYPE_CHECKING:
    from sim.config.params import Config

POSTERIOR_ENV = "SIM_BEHAVIOUR_POSTERIOR"
FIXED_COLUMNS = ("draw", "weight")
WEIGHT_TOLERANCE = 1e-3  # weights written with a few digits add up to 1 only roughly


@dataclasses.dataclass(frozen=True)
class Posterior:
    """A read and checked posterior: draws in draw order, weights adding up to 1 (as
    written: resampling scales by their sum, so the picks match the posterior's own)."""

    path: Path
    sha256: str
    draws: tuple[int, ...]
    weights: tuple[float, ...]
    values: tuple[dict[str, float], ...]  # per draw: behaviour parameter -> value

    def resample(self, k: int) -> list[int]:
        """Positions of the K draws systematic resampling picks, in draw order."""
        return [int(i) for i in systematic_picks(np.asarray(self.weights), k)]


def systematic_picks(weights: np.ndarray, k: int) -> np.ndarray:
    """Positions (in the weights' order) of the K draws systematic resampling picks: the
    fixed points (i + 0.5) / K of the cumulative weights, scaled by their sum."""
    cumulative = np.cumsum(weights)
    at = (np.arange(k) + 0.5) / k * cumulative[-1]
    return np.minimum(np.searchsorted(cumulative, at, side="right"), len(weights) - 1)


def posterior_path() -> Path:
    """The posterior file: ``SIM_BEHAVIOUR_POSTERIOR`` if set, else the packaged one."""
    given = os.environ.get(POSTERIOR_ENV)
    if given:
        return Path(given)
    return Path(str(resources.files("sim.configs").joinpath("behaviour", "posterior.csv")))


def drawable() -> dict[str, dataclasses.Field]:
    """Behaviour parameters a draw can set: the numeric ones (no lists, no choices)."""
    return {f.name: f for f in dataclasses.fields(Behaviour)
            if f.type in ("float", "int", float, int)}


def read_posterior(path: Path | None = None) -> Posterior:
    """Read and check the posterior file; raises :class:`ConfigError` naming what is wrong."""
    path = posterior_path() if path is None else Path(path)
    try:
        raw = path.read_bytes()
    except OSError:
        raise ConfigError(f"{path}: no behaviour posterior file") from None
    return _parse(path, raw, hashlib.sha256(raw).hexdigest())


@lru_cache(maxsize=8)
def _parse(path: Path, raw: bytes, sha256: str) -> Posterior:
    """The file's contents read into draws, once per contents (each draw's config check
    and each job would otherwise parse it again)."""
    text = "".join(line for line in raw.decode("utf-8").splitlines(keepends=True)
                   if not line.lstrip().startswith("#"))
    try:
        table = pd.read_csv(io.StringIO(text), skipinitialspace=True)
    except (ValueError, pd.errors.ParserError) as err:
        raise ConfigError(f"{path}: not a posterior table ({err})") from None
    table.columns = [str(c).strip() for c in table.columns]
    names = _check_columns(path, list(table.columns))
    table = _numbers(path, table)
    table = table.sort_values("draw", kind="stable")
    weights = _check_weights(path, table["weight"].to_numpy(dtype=float))
    values = tuple(_draw_values(path, int(d), row, names)
                   for d, row in zip(table["draw"], table[names].to_dict("records"), strict=True))
    return Posterior(path, sha256, tuple(int(d) for d in table["draw"]), tuple(weights), values)


def _check_columns(path: Path, columns: list[str]) -> list[str]:
    """The parameter columns, once ``draw`` and ``weight`` are there and all others are
    behaviour parameters a draw can set."""
    missing = [c for c in FIXED_COLUMNS if c not in columns]
    if missing:
        raise ConfigError(f"{path}: no column {', '.join(missing)}; expected the columns "
                          "draw, weight and one per behaviour parameter")
    names = [c for c in columns if c not in FIXED_COLUMNS]
    allowed = drawable()
    for name in names:
        if name not in allowed:
            what = ("a behaviour parameter that is a list or a choice" if name in
                    {f.name for f in dataclasses.fields(Behaviour)} else
                    "not a behaviour parameter")
            raise ConfigError(f"{path}: column {name!r} is {what}; allowed: draw, weight "
                              f"and the numeric behaviour parameters ({', '.join(allowed)})")
    if len(set(names)) != len(names) or not names:
        raise ConfigError(f"{path}: expected each behaviour parameter once, and at least one; "
                          f"found {names!r}")
    return names


def _numbers(path: Path, table: pd.DataFrame) -> pd.DataFrame:
    if table.empty:
        raise ConfigError(f"{path}: no draws")
    for column in table.columns:
        values = pd.to_numeric(table[column], errors="coerce")
        bad = values.isna() | ~np.isfinite(values.astype(float))
        if bad.any():
            raise ConfigError(f"{path}: column {column!r}, row {int(bad.to_numpy().argmax()) + 1}"
                              f": {table[column][bad].iloc[0]!r} is not a number")
        table[column] = values
    draws = table["draw"]
    if (draws != draws.round()).any() or draws.duplicated().any():
        raise ConfigError(f"{path}: column 'draw' must number each draw once, in whole numbers")
    return table


def _check_weights(path: Path, weights: np.ndarray) -> np.ndarray:
    total = float(weights.sum())
    if (weights < 0).any() or abs(total - 1) > WEIGHT_TOLERANCE:
        raise ConfigError(f"{path}: weights add up to {total:.6g}"
                          + (" and some are negative" if (weights < 0).any() else "")
                          + "; allowed: weights of at least 0 that add up to 1")
    return weights


def _draw_values(path: Path, draw: int, row: dict[str, float], names: list[str]
                 ) -> dict[str, float]:
    """One draw's values, checked against each parameter's range; whole numbers for the
    parameters counted in months."""
    fields = drawable()
    out: dict[str, float] = {}
    for name in names:
        value, f = float(row[name]), fields[name]
        if f.type in ("int", int):
            if value != round(value):
                raise ConfigError(f"{path}, draw {draw}: behaviour.{name}={value!r}: expected "
                                  f"a whole number ({f.metadata['unit']})")
            value = int(round(value))
        try:
            check_number(f"behaviour.{name}", value, f.metadata)
        except ConfigError as err:
            raise ConfigError(f"{path}, draw {draw}: {err}") from None
        out[name] = value
    return out


def posterior_draws(k: int, path: Path | None = None) -> list[dict[str, float]]:
    """The behaviour values of K draws chosen by systematic resampling (module docstring)."""
    if k < 1:
        return []
    posterior = read_posterior(path)
    return [dict(posterior.values[i]) for i in posterior.resample(k)]


def draw_configs(cfg: Config) -> list[Config]:
    """One config per draw, behaviour set to the draw's values; without posterior draws the
    config itself is the only draw. Each draw's config is one parameter set, so its own
    ``run.posterior_draws`` is 0: checking it does not read the posterior again."""
    k = cfg.run.posterior_draws
    if k == 0:
        return [cfg]
    out = []
    for values in posterior_draws(k):
        draw = copy.deepcopy(cfg)
        draw.behaviour = dataclasses.replace(cfg.behaviour, **values)
        draw.run.posterior_draws = 0
        out.append(draw)
    return out


def posterior_record(k: int) -> dict[str, object] | None:
    """What summary.json records of the draws a run used: the file, its digest and, per
    draw index, the posterior's draw number; None without posterior draws."""
    if k == 0:
        return None
    posterior = read_posterior()
    return {"draws": k, "file": posterior.path.name, "sha256": posterior.sha256,
            "posterior_draw": [posterior.draws[i] for i in posterior.resample(k)]}


def posterior_digest() -> str | None:
    """The digest of the current posterior file, or None where there is none readable."""
    try:
        return read_posterior().sha256
    except ConfigError:
        return None

