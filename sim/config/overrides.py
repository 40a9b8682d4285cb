"""Check command-line overrides against the schema before Hydra composes anything.

Hydra's own messages for a misspelt key (``Key 'replicatons' not in 'Run'``) name
neither the value nor the keys that exist, an added key (``+run.foo=1``) is silently
dropped by the structured config, a value of the wrong type gets OmegaConf's conversion
error, and setting a parameter of an instrument that is not switched on fails with an
internal assertion. These checks turn each of those, an override Hydra cannot parse, and
a policy list that contradicts itself into a :class:`~sim.config.schema.ConfigError`
naming the key, the value and what is allowed.
"""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from collections.abc import Sequence
from importlib import resources
from typing import Any

from sim.config.params import Config
from sim.config.schema import ConfigError
from sim.config.values import check_value


def config_groups() -> set[str]:
    """Names of the config groups shipped in the ``sim.configs`` package."""
    root = resources.files("sim.configs")
    return {p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_")}


def group_options(group: str) -> list[str]:
    """The options of a config group: its YAML files and any structured configs."""
    from hydra.core.config_store import ConfigStore

    folder = resources.files("sim.configs") / group
    names = {p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml")}
    try:
        names |= {n.removesuffix(".yaml") for n in ConfigStore.instance().list(group)}
    except (OSError, KeyError, ValueError):
        pass  # no structured configs in this group
    return sorted(names)


def _choices(o: Any) -> list[Any] | None:
    """Every value a (possibly sweeping) override sets, lists flattened."""
    values = _values(o)
    if values is None:
        return None
    return [x for v in values for x in (v if isinstance(v, list) else [v])]


def _dataclass_of(tp: Any) -> type | None:
    """The dataclass inside an annotation such as ``IntensiveCoaching | None``."""
    if dataclasses.is_dataclass(tp):
        return tp
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        for arg in typing.get_args(tp):
            if dataclasses.is_dataclass(arg):
                return arg
    return None


def _fields(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def _unknown(key: str, value: str, part: str, where: str, allowed: Sequence[str]) -> ConfigError:
    close = difflib.get_close_matches(part, allowed, n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    place = f" in {where}" if where else ""
    return ConfigError(f"{key}={value}: unknown key '{part}'{place}{hint}; allowed: "
                       f"{', '.join(sorted(allowed))}")


def unknown_key(key: str, value: str) -> ConfigError:
    """The message for a dotted key the schema lacks, with the closest key it has."""
    parts = key.split(".")
    node: Any = Config
    for depth, part in enumerate(parts):
        cls = _dataclass_of(node)
        if cls is None:
            break
        fields = _fields(cls)
        if part not in fields:
            return _unknown(key, value, part, ".".join(parts[:depth]), list(fields))
        node = fields[part]
    return ConfigError(f"{key}={value}: unknown key")


def _policy_choices(parsed: list[Any]) -> list[set[str]] | None:
    """The instrument sets the overrides select (one per sweep value), if they say."""
    for o in parsed:
        if o.key_or_group == "policy" and o.package is None and not o.is_delete():
            values = list(o.sweep_iterator()) if o.is_sweep_override() else [o.value()]
            return [set(v) if isinstance(v, list) else {str(v)} for v in values]
    if any(o.key_or_group == "experiment" for o in parsed):
        return None  # an experiment may choose the policy itself
    return [{"baseline"}]  # the default in config.yaml


def parse(overrides: Sequence[str]) -> list[Any]:
    """Hydra's parse of the overrides; a syntax error as a ConfigError naming the override."""
    from hydra.core.override_parser.overrides_parser import OverridesParser

    parser = OverridesParser.create()
    parsed = []
    for text in overrides:
        try:
            parsed += parser.parse_overrides([text])
        except Exception as err:
            reason = " ".join(str(err).split())
            raise ConfigError(f"{text}: not an override Hydra can read ({reason}); allowed: "
                              "KEY=VALUE with a key of ASCII letters, digits and _ . / +, "
                              "e.g. run.replications=3") from None
    return parsed


def _values(o: Any) -> list[Any] | None:
    """The values an override sets (each value of a sweep), or None if they cannot be
    listed without Hydra's config loader (interval, glob)."""
    try:
        return list(o.sweep_iterator()) if o.is_sweep_override() else [o.value()]
    except Exception:
        return None


def check_overrides(overrides: Sequence[str]) -> None:
    """Raise ConfigError for an override whose key is not in the schema, whose value is of
    the wrong kind, or that contradicts itself. Hydra's own keys are left to Hydra."""
    parsed = parse(overrides)
    # with more config folders on the search path, groups have options not shipped here
    searchpath = any(o.key_or_group == "hydra.searchpath" for o in parsed)
    top = _fields(Config)
    allowed_top = set(top) | config_groups()
    policies = None
    for o in parsed:
        key = o.key_or_group
        if key.startswith("hydra") or "/" in key or o.package is not None:
            continue
        value = o.input_line.split("=", 1)[1] if o.input_line and "=" in o.input_line else ""
        parts = key.split(".")
        if parts[0] not in allowed_top:
            raise _unknown(key, value, parts[0], "", sorted(allowed_top))
        if len(parts) == 1 and key in allowed_top - {"hydra"} and not o.is_delete():
            _check_group_choice(o, key, value, options_known=not searchpath)
            continue
        node: Any = _dataclass_of(top.get(parts[0]))
        for depth, part in enumerate(parts[1:], start=1):
            if node is None:
                break
            fields = _fields(node)
            if part in fields and depth == len(parts) - 1 and not o.is_delete():
                _check_leaf(o, key, value, node, part, fields[part])
            where = ".".join(parts[:depth])
            if part not in fields:
                raise _unknown(key, value, part, where, list(fields))
            if where == "policy":
                policies = _policy_choices(parsed) if policies is None else policies
                off = [sorted(c) for c in policies or [] if part not in c]
                if off:
                    raise ConfigError(
                        f"{key}={value}: instrument {part} is not switched on in "
                        f"policy={','.join('+'.join(c) for c in off)}; allowed: switch it "
                        f"on, e.g. policy=[{part}], or set its parameters in a policy or "
                        "experiment file")
            node = _dataclass_of(fields[part])


def _check_leaf(o: Any, key: str, text: str, node: type, name: str, hint: Any) -> None:
    """The value (every value of a sweep) against the parameter's type."""
    if _dataclass_of(hint) is not None:
        return  # a whole group (an instrument): its keys are checked one by one
    meta = next(f.metadata for f in dataclasses.fields(node) if f.name == name)
    for value in _values(o) or []:
        check_value(key, text if not o.is_sweep_override() else repr(value), value, hint, meta)


def _check_policy_list(o: Any, value: str) -> None:
    """A policy list names each instrument once, and never ``baseline``."""
    for chosen in _values(o) or []:
        if not isinstance(chosen, list):
            continue
        if "baseline" in chosen:
            raise ConfigError(f"policy={value}: baseline is no instrument; allowed: "
                              "policy=baseline alone, or a list of instruments without it")
        twice = sorted({c for c in chosen if chosen.count(c) > 1})
        if twice:
            raise ConfigError(f"policy={value}: {twice[0]} is listed twice; allowed: each "
                              "instrument once")


def _check_group_choice(o: Any, group: str, value: str, options_known: bool = True) -> None:
    """``policy=[intensive_coaching,wage_subsidi]``: Hydra names no options for lists."""
    if group not in config_groups():
        return
    chosen = _choices(o)
    if chosen is None:
        return  # glob() and other sweeps that need Hydra's config loader
    if group == "policy":
        _check_policy_list(o, value)
    if not options_known:
        return
    options = group_options(group)
    for choice in chosen:
        if choice is not None and str(choice) not in options:
            close = difflib.get_close_matches(str(choice), options, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise ConfigError(f"{group}={value}: no {group} named '{choice}'{hint}; allowed: "
                              f"{', '.join(options)}")
