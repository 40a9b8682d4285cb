"""Flat keyword arguments for a model, as Mesa's conventions and tools pass them.

``ReintegrationModel(claimants=300, economy="recession", policy=["wage_subsidy"], seed=1)``
and ``mesa.batch_run`` pass parameters as keywords. The common ones have short names
(:data:`COMMON`); any other parameter can be given by its dotted key, for example
``**{"behaviour.search_base": 0.5, "policy.wage_subsidy.max_share": 0.5}``. Every value is
checked as the configuration is: unknown names get a "did you mean", values their range.
"""

from __future__ import annotations

import copy
import dataclasses
import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from sim.config.params import Config
from sim.config.schema import ConfigError
from sim.config.validate import iter_parameters, validate
from sim.policies.registry import INSTRUMENT_CONFIGS

COMMON: dict[str, str] = {
    "claimants": "municipality.claimants",
    "caseload_ratio": "municipality.caseload_ratio",
    "start_date": "municipality.start_date",
    "economy": "economy.kind",
    "horizon_months": "run.horizon_months",
    "warmup_months": "run.warmup_months",
    "engine": "run.engine",
    "replications": "run.replications",
    "seed": "run.seed",
}
"""Short keyword: the configuration key it sets."""


def _keys() -> list[str]:
    return [key for key, _, _ in iter_parameters()]


def _set(cfg: Config, key: str, value: Any) -> None:
    node: Any = cfg
    parts = key.split(".")
    for i, part in enumerate(parts[:-1]):
        child = getattr(node, part, None)
        if child is None and parts[0] == "policy" and i == 1:
            raise ConfigError(f"{key}={value!r}: instrument {part} is not switched on; "
                              f"allowed: add policy=[..., {part!r}] too")
        node = child
    if not dataclasses.is_dataclass(node) or parts[-1] not in {
            f.name for f in dataclasses.fields(node)}:
        raise _unknown(key, value)
    setattr(node, parts[-1], value)


def _unknown(key: str, value: Any) -> ConfigError:
    known = [*COMMON, "policy", *_keys()]
    close = difflib.get_close_matches(key, known, n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    return ConfigError(f"{key}={value!r}: unknown keyword{hint}; allowed: the short names "
                       f"{', '.join(COMMON)}, policy, or any dotted configuration key such as "
                       "behaviour.search_base (see docs/parameters.md)")


def policy_of(value: Any) -> Any:
    """``policy=`` as a list of instrument names (each at its defaults) or a ``Policy``."""
    from sim.policies.registry import Policy

    if isinstance(value, Policy):
        return copy.deepcopy(value)
    names = [value] if isinstance(value, str) else list(value or [])
    unknown = [n for n in names if n not in INSTRUMENT_CONFIGS]
    if unknown or len(set(names)) != len(names):
        what = f"unknown instrument {unknown[0]!r}" if unknown else "an instrument twice"
        raise ConfigError(f"policy={value!r}: {what}; allowed: a list of "
                          f"{', '.join(INSTRUMENT_CONFIGS)}")
    return Policy(**{n: INSTRUMENT_CONFIGS[n]() for n in names})


def apply_keywords(base: Config | None, keywords: Mapping[str, Any]) -> Config:
    """A checked copy of ``base`` (or the defaults) with ``keywords`` applied."""
    cfg = copy.deepcopy(base) if base is not None else Config()
    items = dict(keywords)
    if "policy" in items:
        cfg.policy = policy_of(items.pop("policy"))
    for key, value in items.items():
        _set(cfg, COMMON.get(key, key), value)
    return validate(cfg)


def keyword_names() -> Iterable[str]:
    """Every keyword the model takes besides ``config`` and ``replication``."""
    return [*COMMON, "policy", *_keys()]
