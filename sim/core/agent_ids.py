"""Mesa's per-model agent ids, counted without keeping finished models alive.

Mesa 3.3 numbers agents per model in a class-level ``defaultdict`` keyed by the model
(``mesa.Agent._ids``), so every model that ever created an agent stays in memory for the
life of the process: a worker of a sensitivity analysis grew by about 2 MB a paired run
until its executor restarted it. Mesa fixed this upstream (mesa#3179, mesa#3180) in
releases that need Python 3.12; until the project can move, the counter is swapped for one
that holds each model by weak reference. Ids are unchanged: each model still counts its
agents from 1 in the order they are made.
"""

from __future__ import annotations

import itertools
import weakref
from collections import defaultdict

import mesa


class WeakModelCounters(weakref.WeakKeyDictionary):
    """An agent-id counter per live model; a model's counter goes when the model does."""

    def __getitem__(self, model: object) -> itertools.count:
        try:
            return super().__getitem__(model)
        except KeyError:
            counter = self[model] = itertools.count(1)
            return counter


def install() -> None:
    """Swap Mesa's strong per-model counter for :class:`WeakModelCounters` (idempotent;
    a Mesa that no longer keeps such a counter is left alone)."""
    current = getattr(mesa.Agent, "_ids", None)
    if isinstance(current, defaultdict):
        counters = WeakModelCounters()
        for model, counter in current.items():
            counters[model] = counter
        mesa.Agent._ids = counters
