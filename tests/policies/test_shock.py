"""Inflow shock: extra applicants on top of the regular inflow, the same under any policy."""

from __future__ import annotations

import numpy as np
from policy_helpers import assert_baseline_columns_equal, baseline, config, run

from sim.config.params import Shock
from sim.core.arrivals import next_person_id
from sim.core.model import ReintegrationModel
from sim.core.population import State
from sim.policies.registry import Policy
from sim.policies.ww_prevention import WWPrevention

AMNESTY = Shock(extra_per_1000=60, start_month=2, months=6, permit_holder_share=1.0)


def with_shock(policy: Policy | None = None, shock: Shock = AMNESTY, **kwargs):
    cfg = config(policy, **kwargs)
    cfg.shock = shock
    return cfg


def test_arrivals_are_spread_evenly_over_the_months() -> None:
    counts = [AMNESTY.arrivals(2700, t) for t in range(12)]
    assert sum(counts) == 162 and counts[:2] == [0, 0] and counts[8:] == [0] * 4
    assert max(counts[2:8]) - min(counts[2:8]) <= 1
    assert sum(Shock(extra_per_1000=10, months=7).arrivals(1000, t) for t in range(7)) == 10
    assert all(Shock().arrivals(2700, t) == 0 for t in range(-5, 24))


def test_extra_applicants_come_on_top_of_the_regular_inflow() -> None:
    _, monthly, _ = run(with_shock())
    base, _ = baseline()
    extra = np.array([AMNESTY.arrivals(2700, t) for t in range(36)])
    def applicants(m):  # before the gate check, which refuses some of either kind
        return (m["inflow_new"] + m["gate_refused"]).to_numpy()
    assert (applicants(monthly) == applicants(base) + extra).all()
    assert monthly["stock"].iloc[8] > base["stock"].iloc[8] + 100


def test_shock_arrivals_are_permit_holders_with_the_language_barrier() -> None:
    cfg = with_shock()
    cfg.behaviour.gate_refusal_rate = 0.0  # every extra applicant takes up
    model = ReintegrationModel(cfg)
    before = next_person_id(model)
    model.step()
    model.step()
    model.step()  # month 2: the first extra applicants arrive after the regular ones
    pop = model.pop
    new = (pop.person_id >= before) & (pop.state == State.BIJSTAND) & (pop.spell_start == 2)
    assert pop.permit_holder[new].sum() >= AMNESTY.arrivals(2700, 2)
    # on arrival every permit holder has the language barrier (contacts may resolve it later)
    assert pop.language[new & pop.permit_holder].all()


def test_the_same_persons_arrive_under_any_policy() -> None:
    _, alone, spells_alone = run(with_shock(horizon=12))
    _, mixed, spells_mixed = run(with_shock(Policy(ww_prevention=WWPrevention()), horizon=12))
    assert (alone["inflow_new"] == mixed["inflow_new"]).all()
    new = spells_alone[(spells_alone["route"] == "new") & (spells_alone["start_month"] < 8)]
    new_mixed = spells_mixed[(spells_mixed["route"] == "new")
                             & (spells_mixed["start_month"] < 8)]
    assert set(new["person_id"]) == set(new_mixed["person_id"])


def test_no_shock_is_the_baseline() -> None:
    _, monthly, _ = run(with_shock(shock=Shock(extra_per_1000=0, months=6)))
    base, _ = baseline()
    assert_baseline_columns_equal(monthly, base)
