"""Agent-based simulation of Dutch social assistance (bijstand) and reintegration policy."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("bijstand-sim")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0+source"
