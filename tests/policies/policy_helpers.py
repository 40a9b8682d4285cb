"""Shared set-up for the instrument tests: paired runs on the same seed.

A policy run and its baseline share the seed, so every person meets the same luck in
both; differences come from the instrument (and what it sets in motion).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import numpy as np
import pandas as pd
from conftest import small_config

from sim.config.params import Config
from sim.core.ledger import MONTHLY_COLUMNS
from sim.core.model import ReintegrationModel
from sim.output.scenario import monthly_frame, spell_frame
from sim.policies.registry import Policy

SEED = 7
WORK_REASONS = ("work", "subsidised_work")
COST_COLUMNS = ("cost_instruments", "cost_total")


def config(policy: Policy | None = None, claimants: int = 2700, warmup: int = 24,
           horizon: int = 36, engine: str = "fast", seed: int = SEED) -> Config:
    """A municipality with a short warm-up on the fast engine."""
    cfg = small_config(claimants=claimants, warmup=warmup, horizon=horizon, replications=1,
                       engine=engine, seed=seed)
    if policy is not None:
        cfg.policy = policy
    return cfg


def run(cfg: Config, replication: int = 0,
        each_month: Callable[[ReintegrationModel], None] | None = None
        ) -> tuple[ReintegrationModel, pd.DataFrame, pd.DataFrame]:
    """The model after the horizon, its monthly rows and its spells."""
    model = ReintegrationModel(cfg, replication=replication)
    for _ in range(cfg.run.horizon_months):
        model.step()
        if each_month is not None:
            each_month(model)
    return model, monthly_frame(model), spell_frame(model)


@lru_cache(maxsize=32)
def baseline(claimants: int = 2700, warmup: int = 24, horizon: int = 36,
             replication: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Monthly rows and spells of the baseline (cached: many tests pair with it)."""
    _, monthly, spells = run(config(None, claimants, warmup, horizon), replication)
    return monthly, spells


def total(monthly: pd.DataFrame, column: str) -> float:
    return float(monthly[column].sum())


def exits_to_work(monthly: pd.DataFrame) -> float:
    return total(monthly, "outflow_work") + total(monthly, "outflow_subsidised_work")


def assert_baseline_columns_equal(policy: pd.DataFrame, base: pd.DataFrame,
                                  instrument_cost: bool = False) -> None:
    """The baseline's monthly output, column for column and bit for bit.

    With ``instrument_cost`` the instrument may cost something while changing nothing
    else (a team that is hired whether or not anybody qualifies): then the cost columns
    differ by exactly its cost and every other column must still be identical.
    """
    cols = list(MONTHLY_COLUMNS)
    if instrument_cost:
        cols = [c for c in cols if c not in COST_COLUMNS]
        assert (base["cost_instruments"] == 0).all()
        rest = policy["cost_benefits"] + policy["cost_staff"] + policy["cost_admin"]
        np.testing.assert_allclose(policy["cost_total"], rest + policy["cost_instruments"],
                                   rtol=1e-12)
    pd.testing.assert_frame_equal(policy[cols], base[cols], check_exact=True)


def rows_of(model: ReintegrationModel, person_ids: np.ndarray) -> np.ndarray:
    """Rows of these persons in a model (-1 for those who left it)."""
    ids = model.pop.person_id
    pos = np.minimum(np.searchsorted(ids, person_ids), max(len(ids) - 1, 0))
    return np.where(ids[pos] == person_ids, pos, -1)


def barrier_shares(model: ReintegrationModel, base: ReintegrationModel,
                   person_ids: np.ndarray, barrier: str) -> tuple[float, float, int]:
    """Share of these persons who still have ``barrier`` in the policy run and in the
    baseline, over those followed in both, and how many that is."""
    rp, rb = rows_of(model, person_ids), rows_of(base, person_ids)
    both = (rp >= 0) & (rb >= 0)
    return (float(model.pop.cols[barrier][rp[both]].mean()),
            float(base.pop.cols[barrier][rb[both]].mean()), int(both.sum()))


def spell_open_at(spells: pd.DataFrame, person_ids: np.ndarray, month: int) -> pd.DataFrame:
    """Each person's bijstand spell that was open in ``month`` (one row per person found)."""
    s = spells[spells["person_id"].isin(person_ids)]
    end = s["end_month"].astype("float64")
    return s[(s["start_month"] <= month) & (end.isna() | (end >= month))]


def ended_in_work(spells: pd.DataFrame, person_month: pd.DataFrame,
                  months: int) -> set[tuple[int, int]]:
    """The (person_id, month) pairs whose spell open then ended in work within ``months``
    (a set, so that a policy run and its baseline can be compared person by person)."""
    found: set[tuple[int, int]] = set()
    for month, group in person_month.groupby("month"):
        s = spell_open_at(spells, group["person_id"].to_numpy(), int(month))
        end = s["end_month"].astype("float64")
        done = s["end_reason"].isin(WORK_REASONS) & (end <= month + months)
        found.update((int(pid), int(month)) for pid in s["person_id"][done])
    return found


def ended_in_work_by(spells: pd.DataFrame, person_month: pd.DataFrame, months: int) -> int:
    """How many of (person_id, month) pairs saw the spell open then end in work within
    ``months``."""
    return len(ended_in_work(spells, person_month, months))



class StartLog:
    """Records who started an instrument in which month, from its ``<x>_spell`` column.

    Called after every step; a new (person, spell) pair is a start in the month just
    simulated, even if the person left bijstand in that same month.
    """

    def __init__(self, spell_column: str) -> None:
        self.column = spell_column
        self.seen: set[tuple[int, int]] = set()
        self.parts: list[pd.DataFrame] = []

    def __call__(self, model: ReintegrationModel) -> None:
        pop = model.pop
        rows = np.flatnonzero(pop.cols[self.column][: pop.n] >= 0)
        pairs = zip(pop.person_id[rows].tolist(), pop.cols[self.column][rows].tolist(),
                    strict=True)
        new = [pid for pid, spell in pairs if (pid, spell) not in self.seen
               and not self.seen.add((pid, spell))]
        self.parts.append(pd.DataFrame({"person_id": np.array(new, dtype=np.int64),
                                        "month": model.month - 1}))

    @property
    def frame(self) -> pd.DataFrame:
        return pd.concat(self.parts, ignore_index=True)


def lockstep(policy: Policy, months: int,
             each_month: Callable[[ReintegrationModel, ReintegrationModel], None],
             **kwargs) -> tuple[ReintegrationModel, ReintegrationModel]:
    """A policy run and its baseline stepped side by side, inspected after every month.

    Vacancies do not depend on policy (keyed by employer and month), so the same person
    applying in both runs in the same month picks the same vacancy, unless an
    instrument guides the choice.
    """
    policy_model = ReintegrationModel(config(policy, **kwargs))
    base_model = ReintegrationModel(config(None, **kwargs))
    for _ in range(months):
        policy_model.step()
        base_model.step()
        each_month(policy_model, base_model)
    return policy_model, base_model


def paired_rows(policy_model: ReintegrationModel, base_model: ReintegrationModel,
                rows: np.ndarray, on_bijstand: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """``rows`` of the policy run and the same persons' rows in the baseline run, for those
    still followed in both (and on bijstand in the baseline too, if asked)."""
    from sim.core.population import State

    other = rows_of(base_model, policy_model.pop.person_id[rows])
    keep = other >= 0
    if on_bijstand:
        keep &= base_model.pop.state[np.maximum(other, 0)] == State.BIJSTAND
    return rows[keep], other[keep]
