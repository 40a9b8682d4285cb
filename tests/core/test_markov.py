"""Analytical check: identical claimants with constant entry and exit rates.

With no vacancies, no barriers, no WW, no returns and no exits at a call-in, each
claimant leaves with the same monthly probability h = m + (1 - m) o (a move, else other
income) and new applicants arrive as Poisson(a), of whom a share g is refused at the
gate, so lambda = a (1 - g). The stock is then a Markov chain with
E[S_t] = S_{t-1} (1 - h) + lambda, which the simulated mean path must follow within
its confidence band. Halving the inflow at month 0 makes the path bend, so the check
has something to miss.
"""

from __future__ import annotations

import numpy as np
from conftest import small_config

from sim.core.model import ReintegrationModel

MOVE, OTHER, GATE = 0.01, 0.03, 0.2


def constant_rate_config():
    cfg = small_config(claimants=1000, warmup=24, horizon=36, seed=3)
    b = cfg.behaviour
    b.age_band_shares = [1.0, 0.0, 0.0, 0.0, 0.0]  # nobody nears pension age
    b.pension_age_years = 75.0
    b.barrier_health = b.barrier_debt = b.barrier_language = b.barrier_confidence = 0.0
    b.vacancies_per_1000 = 0.0  # no exits to work, so no job losses either
    b.callin_exit_rate = 0.0  # contacts depend on the caseload: no exits through them
    b.gate_refusal_rate = GATE
    b.ww_entrants_per_1000 = 0.0
    b.other_income_return_rate = 0.0
    b.move_rate, b.other_income_rate = MOVE, OTHER
    cfg.municipality.household_shares = [1.0, 0.0, 0.0]  # the couple factor never applies
    cfg.economy.inflow_series = [0.5]
    return cfg


def test_mean_stock_follows_the_closed_form_markov_chain():
    cfg = constant_rate_config()
    h = MOVE + (1 - MOVE) * OTHER
    reps, horizon = 40, cfg.run.horizon_months
    simulated = np.zeros((reps, horizon))
    expected = np.zeros((reps, horizon))
    variance = np.zeros((reps, horizon))
    for r in range(reps):
        model = ReintegrationModel(cfg, replication=r)
        mean, var = float(model.initial_stock), 0.0
        for t in range(horizon):
            model.step()
            lam = model.new_rate * 0.5 * (1 - GATE)  # applicants, less those refused
            var = var * (1 - h) ** 2 + mean * h * (1 - h) + lam
            mean = mean * (1 - h) + lam
            simulated[r, t] = model.ledger["stock"]
            expected[r, t] = mean
            variance[r, t] = var
    gap = simulated.mean(axis=0) - expected.mean(axis=0)
    se = np.sqrt(variance.sum(axis=0)) / reps
    assert np.all(np.abs(gap) < 3.5 * se), (gap / se).round(2)
    # the chain really moves: the stock falls towards half its start
    assert expected.mean(axis=0)[-1] < 0.8 * expected.mean(axis=0)[0]
