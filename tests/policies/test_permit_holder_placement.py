"""Permit holder placement: Dutch is learned at work, and a share is hired at the end."""

from __future__ import annotations

from policy_helpers import (
    StartLog,
    assert_baseline_columns_equal,
    baseline,
    config,
    ended_in_work_by,
    rows_of,
    run,
)

from sim.core.model import ReintegrationModel
from sim.policies.permit_holder_placement import PermitHolderPlacement
from sim.policies.registry import Policy


def test_placed_permit_holders_learn_dutch_and_find_work_more_often() -> None:
    ph = PermitHolderPlacement(places=60)
    log = StartLog("permit_holder_placement_spell")
    model, monthly, spells = run(config(Policy(permit_holder_placement=ph)), each_month=log)
    started = log.frame
    ids = started["person_id"].to_numpy()
    assert len(ids) > 100
    assert model.pop.permit_holder[rows_of(model, ids)[rows_of(model, ids) >= 0]].all()
    early = started[started["month"] < 12]
    _, base_spells = baseline()
    treated = ended_in_work_by(spells, early, 24)
    control = ended_in_work_by(base_spells, early, 24)
    assert treated > control + 8, (treated, control)
    assert monthly["permit_holder_placement_hired"].sum() > 10
    base = ReintegrationModel(config())
    for _ in range(36):
        base.step()
    rp, rb = rows_of(model, ids), rows_of(base, ids)
    both = (rp >= 0) & (rb >= 0)
    assert model.pop.language[rp[both]].mean() < base.pop.language[rb[both]].mean() - 0.2
    assert (monthly["permit_holder_placement_cost"]
            == monthly["permit_holder_placement_participants"] * ph.cost_per_place_month).all()


def test_no_places_is_the_baseline() -> None:
    _, monthly, _ = run(config(Policy(permit_holder_placement=PermitHolderPlacement(places=0))))
    base, _ = baseline()
    assert_baseline_columns_equal(monthly, base)
