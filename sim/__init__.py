"""Agent-based simulation of Dutch social assistance (bijstand) and reintegration policy.

The Python entry points, imported on first use::

    from sim import ReintegrationModel, simulate, load_preset
    model = ReintegrationModel(claimants=300, policy=["intensive_coaching"], seed=1)
    monthly, spells = simulate("zwolle", replications=3)
    cfg = load_preset("zwolle", economy="recession", policy=["wage_subsidy"])
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    __version__ = version("bijstand-sim")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0+source"

_EXPORTS = {
    "ReintegrationModel": "sim.core.model",
    "Config": "sim.config.params",
    "simulate": "sim.output.scenario",
    "load_preset": "sim.config.compose",
}
__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'sim' has no attribute {name!r}")
