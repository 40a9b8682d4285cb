"""How Hydra composes a scenario: the schema in its ConfigStore, composition, sweeps.

Only Hydra's public API is used: the ConfigStore, the compose API, and the override
parser's ``Override`` objects. :func:`to_config` turns a composed config into the typed,
range-checked :class:`~sim.config.params.Config`; :func:`sweep_jobs` lists the override
sets of every job a basic sweep will launch, so that all of them can be checked first.
"""

from __future__ import annotations

import copy
import dataclasses
import itertools
import json
import re
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from hydra import compose, initialize_config_module
from hydra.core.config_store import ConfigStore
from hydra.core.global_hydra import GlobalHydra
from hydra.core.override_parser.overrides_parser import OverridesParser
from hydra.errors import HydraException
from omegaconf import DictConfig, OmegaConf
from omegaconf.errors import OmegaConfBaseException

from sim.config.params import Config
from sim.config.schema import ConfigError
from sim.config.validate import validate
from sim.policies.registry import INSTRUMENT_CONFIGS

CONFIG_MODULE = "sim.configs"
CONFIG_NAME = "config"


def store_schema() -> None:
    """Register the schema, and a preset for every instrument that ships none as YAML."""
    cs = ConfigStore.instance()
    cs.store(name="base_config", node=Config)
    shipped = {p.name.removesuffix(".yaml")
               for p in resources.files(CONFIG_MODULE).joinpath("policy").iterdir()}
    for name, cls in INSTRUMENT_CONFIGS.items():
        if name not in shipped:  # a plug-in: its defaults are its preset
            cs.store(group="policy", name=name, node=cls, package=f"policy.{name}")


store_schema()


def to_config(cfg: DictConfig) -> Config:
    """The typed, range-checked scenario from a composed Hydra config.

    The same composed config is checked once per process (a single run is checked before
    Hydra makes its folder, and again when the job starts: the second is a look-up).
    """
    key = OmegaConf.to_yaml(cfg)
    if key not in _CHECKED:
        _CHECKED.clear()  # one entry: the job this process is about to run
        _CHECKED[key] = _to_config(cfg)
    return copy.deepcopy(_CHECKED[key])


_CHECKED: dict[str, Config] = {}


def _to_config(cfg: DictConfig) -> Config:
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


def compose_dict(overrides: Sequence[str] = (), hydra_node: bool = False) -> DictConfig:
    """The composed config for these overrides, inside a running Hydra app or not."""
    overrides = list(overrides)
    if GlobalHydra.instance().is_initialized():
        return compose(config_name=CONFIG_NAME, overrides=overrides,
                       return_hydra_config=hydra_node)
    with initialize_config_module(config_module=CONFIG_MODULE, version_base="1.3"):
        return compose(config_name=CONFIG_NAME, overrides=overrides,
                       return_hydra_config=hydra_node)


def compose_checked(overrides: Sequence[str] = (), hydra_node: bool = False) -> DictConfig:
    """:func:`compose_dict`, with every composition error as a ConfigError that names the
    file or key, the value and what is allowed (YAML syntax, a misspelt key in a file,
    a value of the wrong type, a missing option)."""
    try:
        return compose_dict(overrides, hydra_node=hydra_node)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{mark.name}, line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or str(err)
        raise ConfigError(f"{where or 'a config file'}: not valid YAML ({problem}); allowed: "
                          "YAML as in the shipped configs/ files") from None
    except (HydraException, OmegaConfBaseException) as err:
        raise explain(err, overrides) from None


def _value_in_file(config: str, key: str, overrides: Sequence[str]) -> Any:
    """The value ``key`` has in the config file ``group/name`` (shipped, or in a folder of
    ``hydra.searchpath``), or "..." when it cannot be found."""
    folders = [resources.files(CONFIG_MODULE)]
    for o in overrides:
        if o.startswith("hydra.searchpath="):
            folders += [Path(f.strip(" '\"").removeprefix("file://"))
                        for f in o.split("=", 1)[1].strip("[]").split(",")]
    for folder in folders:
        path = folder.joinpath(f"{config}.yaml")
        if not path.is_file():
            continue
        text = path.read_text()
        node: Any = yaml.safe_load(text) or {}
        parts = key.split(".")
        if "@package _global_" not in text.split("\n", 1)[0]:
            parts = parts[1:]  # the file sits at its group's package
        for part in parts:
            node = node.get(part, "...") if isinstance(node, dict) else "..."
        return node
    return "..."


def explain(err: Exception, overrides: Sequence[str] = ()) -> ConfigError:
    """A composition error as the project's message."""
    from sim.config.overrides import unknown_key

    text = " ".join(str(err).split())
    full_key = re.search(r"full_key: ([\w.\[\]]+)", str(err))
    where = re.match(r"In '([^']+)'", text)
    source = f"in config file {where.group(1)}.yaml: " if where else ""
    missing = re.search(r"Key '([^']+)' not in '", text)
    if missing and full_key:
        key = full_key.group(1)
        value = _value_in_file(where.group(1), key, overrides) if where else "..."
        return ConfigError(source + str(unknown_key(key, value)))
    value = re.search(r"Value '([^']*)' of type '\w+' could not be converted to (\w+)", text)
    if value and full_key:
        return ConfigError(f"{source}{full_key.group(1)}={value.group(1)}: expected "
                           f"{value.group(2).lower()} (see docs/parameters.md)")
    return ConfigError(f"{source}the configuration cannot be composed: {text}")


def compose_config(overrides: Sequence[str] = ()) -> Config:
    """The typed, checked scenario for these overrides (as ``sim-run`` would run it)."""
    return to_config(compose_checked(overrides))


def job_config(cfg: DictConfig) -> DictConfig:
    """A composed config without Hydra's own node: what a job receives."""
    out = cfg.copy()
    with _open(out):
        out.pop("hydra", None)
    return out


def _open(cfg: DictConfig):
    from omegaconf import open_dict

    return open_dict(cfg)


def sweep_jobs(sweep_params: dict[str, Any] | None, task: Sequence[str]) -> list[list[str]]:
    """The override list of every job a basic sweep launches: the cartesian product of the
    sweep's values, parameters from ``hydra.sweeper.params`` first, in Hydra's order."""
    arguments = [f"{k}={v}" for k, v in (sweep_params or {}).items()] + list(task)
    parsed = OverridesParser.create().parse_overrides(arguments)
    axes: dict[str, list[str]] = {}
    for o in parsed:
        key = o.get_key_element()
        if o.is_sweep_override():
            if not o.is_discrete_sweep():
                raise ConfigError(f"{o.input_line}: only lists of values can be swept here")
            axes[key] = [f"{key}={v}" for v in o.sweep_string_iterator()]
        else:
            axes[key] = [f"{key}={o.get_value_element_as_str()}"]
    return [list(job) for job in itertools.product(*axes.values())]


def override_value(value: Any) -> str:
    """A Python value as Hydra's override grammar writes it."""
    if isinstance(value, str):
        return json.dumps(value)
    return json.dumps(value) if isinstance(value, bool | list | tuple | type(None)) else str(value)


def load_preset(name: str | None = None, *, policy: str | Sequence[str] | None = None,
                overrides: Sequence[str] = (), **choices: Any) -> Config:
    """A scenario composed from the YAML presets through Hydra, as ``sim-run`` composes it.

    ``name`` is an experiment (``configs/experiment/``, e.g. ``zwolle_2006``; its sweep is
    not run) or a municipality (``zwolle``). Keywords choose a preset of a config group
    (``economy="recession"``, ``money="norms_2008"``) or set any key (``**{"run.seed": 3}``);
    ``policy`` is a list of instruments; ``overrides`` are more overrides as on the command
    line. Everything is checked as ``sim-run`` checks it.
    """
    from sim.config.overrides import check_overrides, config_groups, group_options

    given = []
    if name is not None:
        if name in group_options("experiment"):
            given.append(f"+experiment={name}")
        elif name in group_options("municipality"):
            given.append(f"municipality={name}")
        else:
            raise ConfigError(f"preset {name!r}: no experiment or municipality of that name; "
                              f"allowed: {', '.join(group_options('experiment'))}, or "
                              f"{', '.join(group_options('municipality'))}")
    groups = config_groups()
    given += [f"{k}={v}" if k in groups else f"{k}={override_value(v)}"
              for k, v in choices.items()]
    if policy is not None:
        names = [policy] if isinstance(policy, str) else list(policy)
        given.append(f"policy=[{','.join(names)}]")
    given += list(overrides)
    check_overrides(given)
    return compose_config(given)
