"""Mediation at the gate: fewer new applicants take up the benefit, with keyed luck."""

from __future__ import annotations

from policy_helpers import assert_baseline_columns_equal, baseline, config, run

from sim.core.arrivals import next_person_id
from sim.core.model import ReintegrationModel
from sim.core.population import State
from sim.policies.gate_mediation import GateMediation
from sim.policies.registry import Policy
from sim.policies.target import TargetGroup
from sim.policies.ww_prevention import WWPrevention


def test_fewer_new_applicants_take_up_the_benefit() -> None:
    gm = GateMediation()
    _, monthly, _ = run(config(Policy(gate_mediation=gm)))
    base, _ = baseline()
    # the same applicants arrive every month; the diverted never enter
    assert (monthly["inflow_new"] == base["inflow_new"] - monthly["gate_mediation_diverted"]).all()
    assert monthly["gate_mediation_diverted"].sum() > 0.05 * base["inflow_new"].sum()
    assert monthly["stock"].iloc[-1] < base["stock"].iloc[-1]
    assert (monthly["gate_mediation_starts"] == base["inflow_new"]).all()  # all screened
    assert (monthly["gate_mediation_cost"]
            == monthly["gate_mediation_starts"] * gm.cost_per_applicant).all()


def test_the_same_applicants_are_diverted_under_any_policy_mix() -> None:
    alone = run(config(Policy(gate_mediation=GateMediation())))[1]
    mixed = run(config(Policy(gate_mediation=GateMediation(),
                              ww_prevention=WWPrevention())))[1]
    assert (alone["gate_mediation_diverted"] == mixed["gate_mediation_diverted"]).all()


def test_only_applicants_who_can_work_are_diverted_and_young_ones_more() -> None:
    gm = GateMediation(share=0.0, share_under_27=1.0)
    cfg = config(Policy(gate_mediation=gm))
    cfg.behaviour.gate_refusal_rate = 0.0  # the gate check refuses nobody: only mediation
    model = ReintegrationModel(cfg)
    first = next_person_id(model)
    model.step()
    pop = model.pop
    new = (pop.person_id >= first) & (pop.state != State.WW)
    age = (model.month - 1 - pop.birth_month) / 12.0
    took_up = new & (pop.state == State.BIJSTAND)
    # everyone under 27 who can work was diverted; nobody else was
    assert not (took_up & (age < 27) & ~pop.health).any()
    assert model.ledger["gate_mediation_diverted"] > 0
    assert model.ledger["inflow_new"] == int((new & ((age >= 27) | pop.health)).sum())


def test_empty_target_group_is_the_baseline() -> None:
    gm = GateMediation(target=TargetGroup(min_age=119))
    _, monthly, _ = run(config(Policy(gate_mediation=gm)))
    base, _ = baseline()
    assert_baseline_columns_equal(monthly, base)
