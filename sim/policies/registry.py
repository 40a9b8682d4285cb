"""Find every instrument and gather their configs into the ``policy`` schema.

Instruments register themselves when their module is imported (see
:mod:`sim.policies.base`). :func:`discover` imports the modules of this package and those
that installed packages name under the entry-point group ``bijstand_sim.instruments``, so
an instrument from another package plugs in without an edit here. :data:`Policy` is the
config dataclass with one optional field per instrument, in alphabetical order of their
names, which is also the order in which instruments act within a stage; the empty policy
is the baseline.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from importlib.metadata import entry_points
from typing import Any, Optional

from sim.config.schema import ConfigError
from sim.policies.base import REGISTRY, PolicyInstrument
from sim.policies.target import InstrumentConfig

ENTRY_POINTS = "bijstand_sim.instruments"
INFRASTRUCTURE = {"base", "hooks", "mix", "places", "registry", "target"}


def discover() -> dict[str, type[PolicyInstrument]]:
    """Import every instrument module (built in, and plug-ins); return them by name."""
    import sim.policies as package

    for info in pkgutil.iter_modules(package.__path__):
        if info.name not in INFRASTRUCTURE:
            importlib.import_module(f"{package.__name__}.{info.name}")
    for ep in entry_points(group=ENTRY_POINTS):
        importlib.import_module(ep.value.split(":")[0])
    return dict(sorted(REGISTRY.items()))


class PolicyBase:
    """Methods of the ``policy`` config; its fields are the registered instruments."""

    def active(self) -> dict[str, InstrumentConfig]:
        """The instruments switched on, in the fixed order of the fields."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)
                if getattr(self, f.name) is not None}

    def check(self, path: str = "policy") -> None:
        """Each instrument's own rules, and the rules between instruments."""
        active = self.active()
        for name, instrument in active.items():
            if not isinstance(instrument, InstrumentConfig):
                raise ConfigError(f"{path}.{name}={instrument!r}: expected the instrument's "
                                  "parameters")
            instrument.check(f"{path}.{name}")
            instrument.check_with(active, f"{path}.{name}")


INSTRUMENTS = discover()
INSTRUMENT_CONFIGS: dict[str, type[InstrumentConfig]] = {
    name: cls.config for name, cls in INSTRUMENTS.items()}
Policy: Any = dataclasses.make_dataclass(
    "Policy",
    [(name, Optional[cfg], dataclasses.field(default=None))  # noqa: UP045 - OmegaConf
     for name, cfg in INSTRUMENT_CONFIGS.items()],
    bases=(PolicyBase,))
Policy.__module__ = __name__  # so that configs pickle (parallel sweeps) and type hints resolve
Policy.__doc__ = "The policy mix: one entry per instrument switched on; empty is the baseline."


def all_instruments() -> Any:
    """Every instrument at its defaults (for documentation and tests)."""
    return Policy(**{name: cls() for name, cls in INSTRUMENT_CONFIGS.items()})
