"""The parameter space for exploration tools, read from the schema.

Every scalar parameter has a kind (real, integer, boolean, categorical), its valid range
from the schema, and an *exploration range*: the range a sensitivity analysis or an EMA
workbench experiment samples, which is the schema's ``explore`` bounds where a parameter
states them and otherwise its default plus or minus half, inside the valid range. The same
export gives SALib problem dictionaries (:func:`salib_problem`) and EMA workbench
parameters (:mod:`sim.analysis.ema`), so no tool's bounds are copied by hand.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from sim.config.params import Config
from sim.config.posterior import read_posterior
from sim.config.schema import ConfigError
from sim.config.validate import iter_parameters, validate
from sim.policies.registry import INSTRUMENT_CONFIGS

EXPLORE_SHARE = 0.5  # without stated bounds: the default plus or minus half
# The fields every instrument has that set a scenario, not a behaviour: left out unless named.
SCENARIO_FIELDS = ("start_month", "end_month", "budget_cap", "target")


@dataclass(frozen=True)
class Param:
    """One explorable parameter."""

    key: str
    kind: str  # real | integer | boolean | categorical
    default: Any
    low: float = 0.0
    high: float = 1.0
    choices: tuple[Any, ...] = ()
    unit: str = ""

    def value(self, x: float) -> Any:
        """The parameter's value at ``x`` in [low, high] (the scale SALib samples on)."""
        if self.kind == "integer":
            return int(np.clip(round(x), self.low, self.high))
        if self.kind == "boolean":
            return bool(x >= 0.5)
        if self.kind == "categorical":
            return self.choices[min(int(x), len(self.choices) - 1)]
        return float(np.clip(x, self.low, self.high))


def _explore_bounds(default: float, meta: Mapping[str, Any]) -> tuple[float, float]:
    if meta.get("explore"):
        return tuple(meta["explore"])  # type: ignore[return-value]
    lo, hi = meta.get("lo"), meta.get("hi")
    low, high = default * (1 - EXPLORE_SHARE), default * (1 + EXPLORE_SHARE)
    if default == 0:
        low, high = 0.0, 0.0
    if lo is not None:
        low = max(low, lo)
    if hi is not None:
        high = min(high, hi)
    return float(low), float(high)


def _param(key: str, default: Any, meta: Mapping[str, Any]) -> Param | None:
    if meta.get("choices") and not isinstance(default, list):
        return Param(key, "categorical", default, 0, len(meta["choices"]),
                     tuple(meta["choices"]))
    if isinstance(default, bool):
        return Param(key, "boolean", default, 0, 1)
    if isinstance(default, int | float) and meta.get("lo") is not None:
        low, high = _explore_bounds(float(default), meta)
        if high <= low:
            return None  # nothing to explore (a zero default without stated bounds)
        kind = "integer" if isinstance(default, int) else "real"
        return Param(key, kind, default, low, high, unit=meta.get("unit", ""))
    return None


def parameters(groups: Sequence[str] = ("behaviour",), instruments: Iterable[str] = (),
               keys: Iterable[str] = ()) -> list[Param]:
    """The explorable parameters of these config groups and instruments, and ``keys``."""
    instruments, keys = list(instruments), set(keys)
    unknown = [n for n in instruments if n not in INSTRUMENT_CONFIGS]
    if unknown:
        raise ConfigError(f"instrument {unknown[0]!r}: unknown; allowed: "
                          f"{', '.join(INSTRUMENT_CONFIGS)}")
    out = []
    for key, default, meta in iter_parameters():
        parts = key.split(".")
        wanted = (key in keys or parts[0] in groups and parts[0] != "policy"
                  or (parts[0] == "policy" and parts[1] in instruments
                      and parts[2] not in SCENARIO_FIELDS))
        if wanted and (p := _param(key, default, meta)) is not None:
            out.append(p)
    missing = keys - {p.key for p in out}
    if missing:
        raise ConfigError(f"{sorted(missing)[0]}: not an explorable parameter (a number, a "
                          "switch or a choice with a range in the schema)")
    return out


def posterior_ranges(params: Sequence[Param], level: float = 0.90) -> list[Param]:
    """``params`` with the fitted behaviour parameters ranging over the posterior's central
    ``level`` (weighted quantiles of its draws, :mod:`sim.config.posterior`): what
    calibration left open rather than all that is plausible. The others keep their
    exploration ranges."""
    post = read_posterior()
    weights = np.asarray(post.weights)
    tail = (1.0 - level) / 2.0
    out = []
    for p in params:
        name = p.key.removeprefix("behaviour.")
        if p.key.startswith("behaviour.") and name in post.values[0]:
            values = np.array([d[name] for d in post.values])
            lo, hi = np.quantile(values, [tail, 1.0 - tail], weights=weights,
                                 method="inverted_cdf")
            if hi > lo:
                p = dataclasses.replace(p, low=float(lo), high=float(hi))
        out.append(p)
    return out


def salib_problem(params: Sequence[Param]) -> dict[str, Any]:
    """A SALib problem: names and bounds (integers, switches, choices on a real scale)."""
    return {"num_vars": len(params), "names": [p.key for p in params],
            "bounds": [[p.low, p.high] for p in params]}


def apply(cfg: Config, values: Mapping[str, Any], switch_on: Iterable[str] = ()) -> Config:
    """A checked copy of ``cfg`` with ``values`` set by dotted key; instruments named in
    ``switch_on`` are switched on (at their defaults) first."""
    out = copy.deepcopy(cfg)
    for name in switch_on:
        if getattr(out.policy, name) is None:
            setattr(out.policy, name, INSTRUMENT_CONFIGS[name]())
    for key, value in values.items():
        node: Any = out
        *parents, last = key.split(".")
        for part in parents:
            node = getattr(node, part)
        if node is None or not dataclasses.is_dataclass(node):
            raise ConfigError(f"{key}={value!r}: its instrument is not switched on")
        setattr(node, last, value)
    return validate(out)
