"""Typed parameters with a unit, a valid range and a source, and their checks.

Every parameter of the model, policy instruments included, is a dataclass field made
with :func:`p`. :func:`check_fields` walks such dataclasses and raises a
:class:`ConfigError` naming the key, the value and what is allowed.
"""

from __future__ import annotations

import dataclasses
from dataclasses import field
from typing import Any


class ConfigError(ValueError):
    """A configuration value is missing, of the wrong kind or out of range."""


def p(default: Any, unit: str, lo: float | None = None, hi: float | None = None, *,
      source: str, choices: tuple[str, ...] | None = None, doc: str = "",
      explore: tuple[float, float] | None = None) -> Any:
    """A parameter field: default, unit, valid range (or choices) and its source.

    ``explore`` is the range an exploration (sensitivity analysis, EMA workbench) samples,
    where it should differ from the default plus or minus half (see ``sim.config.space``).
    """
    meta = {"unit": unit, "lo": lo, "hi": hi, "source": source, "choices": choices, "doc": doc,
            "explore": explore}
    if isinstance(default, list):
        return field(default_factory=lambda d=default: list(d), metadata=meta)
    return field(default=default, metadata=meta)


def check_number(path: str, value: Any, meta: dict) -> None:
    lo, hi = meta.get("lo"), meta.get("hi")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{path}={value!r}: expected a number ({meta['unit']})")
    if value != value:  # NaN
        raise ConfigError(f"{path}={value!r}: not a number; allowed {lo} to {hi}")
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise ConfigError(f"{path}={value!r} is out of range: allowed {lo} to {hi} "
                          f"({meta['unit']})")


def check_fields(node: Any, prefix: str, share_lists: dict[str, int] | None = None,
                 fixed_lists: dict[str, int] | None = None) -> None:
    """Check a dataclass of parameters (and nested ones) against their metadata."""
    share_lists, fixed_lists = share_lists or {}, fixed_lists or {}
    for f in dataclasses.fields(node):
        path = f"{prefix}.{f.name}"
        value = getattr(node, f.name)
        meta = f.metadata
        if meta.get("table"):  # a table of records, checked by its own rules
            continue
        if value is None or dataclasses.is_dataclass(value):
            if value is not None:
                check_fields(value, path, share_lists, fixed_lists)
            continue
        if meta.get("choices"):
            allowed = meta["choices"]
            values = value if isinstance(value, list) else [value]
            bad = [v for v in values if v not in allowed]
            if bad:
                raise ConfigError(f"{path}={value!r} is not allowed: choose from "
                                  f"{', '.join(allowed)}")
        elif isinstance(value, list):
            want = share_lists.get(path) or fixed_lists.get(path)
            if want and len(value) != want:
                raise ConfigError(f"{path}={value!r}: expected {want} values ({meta['unit']})")
            for i, v in enumerate(value):
                check_number(f"{path}[{i}]", v, meta)
            if path in share_lists and abs(sum(value) - 1) > 1e-6:
                raise ConfigError(f"{path}={value!r}: shares must add up to 1, "
                                  f"they add up to {sum(value):.4g}")
        elif isinstance(meta.get("lo"), int | float):
            check_number(path, value, meta)
