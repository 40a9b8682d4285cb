"""Is an override's value of the kind its parameter takes? Checked before Hydra composes.

Hydra's grammar has already parsed the text (``1.5`` is a float, ``[1,2]`` a list,
``null`` None, ``abc`` a string); here the parsed value is held against the parameter's
type in the schema, so a wrong type gets the project's message (key, value, what is
allowed) and exit code 2 instead of OmegaConf's conversion error.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from typing import Any

from sim.config.schema import ConfigError


def _allowed(meta: Mapping[str, Any]) -> str:
    if meta.get("choices"):
        return f"; allowed: {', '.join(meta['choices'])}"
    lo, hi = meta.get("lo"), meta.get("hi")
    if lo is not None and hi is not None:
        return f"; allowed {lo} to {hi}"
    return ""


def _unit(meta: Mapping[str, Any]) -> str:
    unit = meta.get("unit")
    return f" ({unit})" if unit and unit != "-" else ""


def _base(hint: Any) -> Any:
    """``X | None`` to ``X``."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0] if len(args) == 1 else hint
    return hint


def _optional(hint: Any) -> bool:
    return (typing.get_origin(hint) in (typing.Union, types.UnionType)
            and type(None) in typing.get_args(hint))


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _fits(value: Any, hint: Any) -> bool:
    hint = _base(hint)
    if typing.get_origin(hint) is list:
        (inner,) = typing.get_args(hint) or (Any,)
        return isinstance(value, list) and all(_fits(v, inner) for v in value)
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return _is_number(value)
    if hint is str:
        return isinstance(value, str | int | float) and not isinstance(value, bool)
    return True


def _expected(hint: Any) -> str:
    hint = _base(hint)
    if typing.get_origin(hint) is list:
        (inner,) = typing.get_args(hint) or (Any,)
        return f"a list of {_expected(inner).removeprefix('a ').removeprefix('an ')}s"
    return {bool: "true or false", int: "a whole number", float: "a number",
            str: "a text"}.get(hint, "a value")


def check_value(key: str, text: str, value: Any, hint: Any, meta: Mapping[str, Any]) -> None:
    """Raise ConfigError unless ``value`` is of the kind ``hint`` describes."""
    if value is None and _optional(hint):
        return
    if value is None:
        raise ConfigError(f"{key}={text}: a value is required, null is not allowed; expected "
                          f"{_expected(hint)}{_unit(meta)}{_allowed(meta)}")
    if not _fits(value, hint):
        raise ConfigError(f"{key}={text}: expected {_expected(hint)}{_unit(meta)}"
                          f"{_allowed(meta)}")
