"""Published designs replayed on common random numbers, and the evidence table they fill."""

from __future__ import annotations

import copy
from dataclasses import replace

import numpy as np
import pytest
from conftest import small_config

from sim.analysis.trials import BY_NAME, TRIALS, replay, verdict
from sim.analysis.trials.designs import applicants, on_bijstand, policy, started
from sim.analysis.trials.evidence import (
    EVIDENCE_FILE,
    INSTRUMENT_ROWS,
    REPLICATIONS,
    replay_text,
)
from sim.analysis.trials.replay import Published, Trial
from sim.analysis.trials.watch import CohortWatch
from sim.cli import trials as trials_cli
from sim.core.model import ReintegrationModel
from sim.policies.exemption import Exemption
from sim.policies.intensive_coaching import IntensiveCoaching
from sim.policies.registry import INSTRUMENT_CONFIGS
from sim.policies.target import TargetGroup

NOTHING = Published("-", "-", "-", band=(-1.0, 1.0))


def small(**kwargs):
    return small_config(claimants=400, warmup=24, **kwargs)


def test_the_watch_follows_the_cohort_through_work_and_departure() -> None:
    model = ReintegrationModel(small(horizon=24))
    model.step()
    ids = on_bijstand()(model, 0)
    watch = CohortWatch(ids, 0)
    for _ in range(23):
        model.step()
        watch.observe(model)
    ever = [watch.snapshots[h]["ever_work"].mean() for h in sorted(watch.snapshots)]
    assert ever == sorted(ever) and ever[-1] > 0.1  # ever is ever: never falls
    last = watch.snapshots[24]
    assert (last["ever_job"] >= last["ever_work"]).all()
    assert not (last["in_work"] & last["on_bijstand"]).any()
    assert watch.share("on_bijstand", 24) < 1.0


def test_an_empty_treatment_replays_as_no_effect() -> None:
    nobody = Trial("nobody", "-", policy(exemption=Exemption(target=TargetGroup(min_age=119))),
                   on_bijstand(), "ever_work", (6, 12), NOTHING, claimants=400)
    rep = replay(nobody, small(horizon=12), replications=2)
    assert rep.cohort > 300
    assert all(rep.effect[h][0] == 0.0 for h in (6, 12))
    assert verdict(rep) == "matches"


def test_a_replay_repeats_exactly_and_follows_the_enrolled() -> None:
    coached = Trial("c", "-", policy(intensive_coaching=IntensiveCoaching(places=60)),
                    started("intensive_coaching"), "ever_job", (12,), NOTHING, claimants=400)
    first = replay(coached, small(horizon=12), replications=2)
    assert replay(coached, small(horizon=12), replications=2) == first
    assert 30 <= first.cohort <= 60
    assert first.effect[12][0] > 0  # coaching helps those it takes on


def test_applicants_are_followed_whether_or_not_they_took_up() -> None:
    cfg = small(horizon=6)
    model = ReintegrationModel(cfg)
    model.step()
    ids = applicants(model, 0)
    assert model.ledger["inflow_new"] <= len(ids)
    assert len(ids) == model.ledger["inflow_new"] + model.ledger["gate_refused"]


def test_the_cost_recovery_measure_reads_months() -> None:
    trial = replace(BY_NAME["caseworkers"], claimants=400, horizons=(12,))
    rep = replay(trial, small(horizon=12), replications=2)
    mean = rep.effect[12][0]
    assert np.isnan(mean) or 0 <= mean <= 12
    assert "months" in replay_text(rep) or "not within" in replay_text(rep)


def test_every_instrument_has_an_evidence_row() -> None:
    assert set(INSTRUMENT_ROWS) == set(INSTRUMENT_CONFIGS)
    names = {t.name for t in TRIALS} | {"wage_subsidy"}
    assert {r for r in INSTRUMENT_ROWS.values() if r} <= names
    for t in TRIALS:
        assert t.published.source and t.published.design
        assert t.published.band is not None or t.published.direction != 0


def test_the_command_refuses_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert trials_cli.main(["nope"]) == 2
    assert "almere" in capsys.readouterr().err
    assert trials_cli.main(["--replications", "1"]) == 2
    assert trials_cli.main(["almere", "--write"]) == 2


def test_the_committed_evidence_table_is_current() -> None:
    assert trials_cli.main(["--check"]) == 0, (
        "docs/evidence.md is out of date: run `python -m sim.trials --write`")


@pytest.mark.slow
def test_a_committed_row_is_reproduced_by_the_command() -> None:
    text = EVIDENCE_FILE.read_text(encoding="utf-8")
    rep = replay(copy.deepcopy(BY_NAME["exemption"]), replications=REPLICATIONS)
    assert replay_text(rep) in text and verdict(rep) in text
