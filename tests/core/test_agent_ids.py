"""Finished models are freed, and agent ids still count from 1 in each model."""

from __future__ import annotations

import gc
import weakref

import mesa
from conftest import small_config

from sim.core.agent_ids import WeakModelCounters, install
from sim.core.model import ReintegrationModel


def test_a_finished_model_is_garbage_collected() -> None:
    model = ReintegrationModel(small_config(claimants=60, warmup=12, horizon=2))
    model.step()
    gone = weakref.ref(model)
    del model
    gc.collect()
    assert gone() is None


def test_agent_ids_count_from_one_per_model_in_order() -> None:
    install()  # idempotent
    assert isinstance(mesa.Agent._ids, WeakModelCounters)
    first = ReintegrationModel(small_config(claimants=60, warmup=12, horizon=2))
    second = ReintegrationModel(small_config(claimants=60, warmup=12, horizon=2))
    for model in (first, second):
        ids = sorted(a.unique_id for a in model.agents)
        assert ids == list(range(1, len(ids) + 1))
