"""A run from a checkpointed spin-up is the run built from scratch, byte for byte."""

from __future__ import annotations

from conftest import small_config

from sim.core import checkpoint
from sim.output.frames import monthly_frame, spell_frame


def spun_up(horizon: int, engine: str = "fast", **behaviour):
    cfg = small_config(claimants=300, warmup=24, horizon=horizon, replications=1,
                       engine=engine)
    cfg.municipality.start_date, cfg.run.spinup_from = "2007-01", "2005-07"
    cfg.economy.kind = "measured"
    for k, v in behaviour.items():
        setattr(cfg.behaviour, k, v)
    return cfg


def run(cfg, model=None):
    from sim.core.model import ReintegrationModel

    model = model or ReintegrationModel(cfg)
    for _ in range(cfg.run.horizon_months):
        model.step()
    return monthly_frame(model), spell_frame(model)


def test_a_state_from_memory_or_disk_runs_as_one_built_afresh(tmp_path) -> None:
    checkpoint._MEMORY.clear()
    short = spun_up(6)
    short.run.checkpoint_dir = str(tmp_path)
    run(short, checkpoint.at_month_zero(short))  # builds and keeps the state
    assert len(list(tmp_path.glob("*.pkl"))) == 1
    longer = spun_up(18)  # a longer horizon: the same state, a longer economy path
    longer.run.checkpoint_dir = str(tmp_path)
    fresh = run(longer)
    from_memory = run(longer, checkpoint.at_month_zero(longer))
    checkpoint._MEMORY.clear()
    from_disk = run(longer, checkpoint.at_month_zero(longer))
    for got in (from_memory, from_disk):
        assert got[0].equals(fresh[0]) and got[1].equals(fresh[1])


def test_the_key_holds_what_shapes_the_state_and_not_what_does_not() -> None:
    a, b = spun_up(6), spun_up(30)
    assert checkpoint.state_key(a, 0) == checkpoint.state_key(b, 0)
    assert checkpoint.state_key(a, 0) != checkpoint.state_key(a, 1)
    assert checkpoint.state_key(a, 0) != checkpoint.state_key(spun_up(6, search_base=0.5), 0)
    c = spun_up(6)
    c.run.seed += 1
    assert checkpoint.state_key(a, 0) != checkpoint.state_key(c, 0)


def test_a_scenario_forks_its_baselines_spin_up_and_runs_as_one_built_afresh() -> None:
    """Instruments are installed at month 0, so a scenario reuses its baseline's state
    (one spin-up for both) and still runs exactly as the scenario built from scratch."""
    from sim.policies.registry import all_instruments

    checkpoint._MEMORY.clear()
    baseline = spun_up(12)
    run(baseline, checkpoint.at_month_zero(baseline))
    scenario = spun_up(12)
    scenario.policy = all_instruments()
    assert checkpoint.state_key(scenario, 0) == checkpoint.state_key(baseline, 0)
    forked = checkpoint.at_month_zero(scenario)
    assert len(checkpoint._MEMORY) == 1  # the baseline's state, not built again
    assert sorted(i.name for i in forked.policies.instruments) == sorted(
        scenario.policy.active())
    got, fresh = run(scenario, forked), run(scenario)
    assert got[0].equals(fresh[0]) and got[1].equals(fresh[1])
    assert not got[0].equals(run(baseline, checkpoint.at_month_zero(baseline))[0])
