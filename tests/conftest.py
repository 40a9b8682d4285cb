"""Shared fixtures: small, fast configurations."""

from __future__ import annotations

import pytest

from sim.config.params import Config


def small_config(claimants: int = 300, warmup: int = 24, horizon: int = 24,
                 replications: int = 2, engine: str = "fast", seed: int = 11) -> Config:
    """A small municipality with a short warm-up, for fast tests."""
    cfg = Config()
    cfg.municipality.claimants = claimants
    cfg.run.warmup_months = warmup
    cfg.run.horizon_months = horizon
    cfg.run.replications = replications
    cfg.run.engine = engine
    cfg.run.seed = seed
    cfg.run.progress = False
    return cfg


@pytest.fixture
def small() -> Config:
    return small_config()
