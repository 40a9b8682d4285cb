"""``sim.ema``: the EMA workbench adapter (see :mod:`sim.analysis.ema`)."""

from sim.analysis.ema import PairedRun, dotted, ema_model, ema_name

__all__ = ["PairedRun", "dotted", "ema_model", "ema_name"]
