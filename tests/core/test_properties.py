"""Property-based tests: random valid configurations keep every identity every month and
give the same output on both engines; random invalid values are refused before any work.

The example budgets are fixed (derandomised), so the suite takes the same time, and the
same examples, on every run.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pytest
from conftest import check_identities
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sim.cli.run
from sim.config.params import Config
from sim.config.space import parameters
from sim.config.validate import FIXED_LISTS, SHARE_LISTS, iter_parameters
from sim.core.model import ReintegrationModel
from sim.output.frames import monthly_frame, spell_frame
from sim.policies.registry import INSTRUMENT_CONFIGS

PROPERTY = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])
SIZE_CAPS = {"places": 40, "referrals_per_month": 8, "scans_per_month": 8}  # keep runs small


@st.composite
def configs(draw) -> Config:
    """A small municipality, an economy path, any mix of instruments with random
    parameters inside their exploration ranges, a short horizon."""
    cfg = Config()
    cfg.municipality.claimants = draw(st.integers(40, 160))
    cfg.run.warmup_months = draw(st.integers(12, 18))
    cfg.run.horizon_months = draw(st.integers(1, 8))
    cfg.run.seed = draw(st.integers(0, 2**31))
    cfg.run.progress = False
    kind = draw(st.sampled_from(["steady", "boom", "recession", "series"]))
    cfg.economy.kind = kind
    if kind == "series":
        cfg.economy.series = draw(st.lists(st.floats(0.3, 2.0), min_size=1, max_size=10))
    names = draw(st.lists(st.sampled_from(sorted(INSTRUMENT_CONFIGS)), unique=True,
                          max_size=len(INSTRUMENT_CONFIGS)))
    if "participation_jobs" in names and "trajectories" not in names:
        names.append("trajectories")  # its closing step may ask for trajectories
    for name in names:
        setattr(cfg.policy, name, INSTRUMENT_CONFIGS[name]())
    for p in parameters(groups=(), instruments=names):
        value = p.value(draw(st.floats(p.low, p.high)))
        field = p.key.rsplit(".", 1)[1]
        if field in SIZE_CAPS:
            value = min(value, SIZE_CAPS[field])
        setattr(getattr(cfg.policy, p.key.split(".")[1]), field, value)
    return cfg


@PROPERTY
@given(cfg=configs())
def test_identities_hold_every_month_for_any_valid_config(cfg: Config) -> None:
    model = ReintegrationModel(cfg)
    stock = model.initial_stock
    for _ in range(cfg.run.horizon_months):
        model.step()
        stock = check_identities(model, stock)


@settings(PROPERTY, max_examples=20)
@given(cfg=configs())
def test_both_engines_give_the_same_output_for_any_valid_config(cfg: Config) -> None:
    out = {}
    for engine in ("fast", "agent"):
        cfg.run.engine = engine
        model = ReintegrationModel(cfg)
        for _ in range(cfg.run.horizon_months):
            model.step()
        out[engine] = (monthly_frame(model), spell_frame(model))
    assert out["fast"][0].equals(out["agent"][0])
    assert out["fast"][1].equals(out["agent"][1])


# --- invalid values ---------------------------------------------------------------------------
NUMERIC = [(key, default, meta) for key, default, meta in iter_parameters()
           if meta.get("lo") is not None and meta.get("hi") is not None
           and not key.startswith("case.")]


@st.composite
def invalid(draw) -> tuple[list[str], str, str]:
    """An override with a value outside its parameter's range: (args, key, text)."""
    key, default, meta = draw(st.sampled_from(NUMERIC))
    lo, hi = meta["lo"], meta["hi"]
    is_int = isinstance(default, int) or (isinstance(default, list) and default
                                           and isinstance(default[0], int))
    below = st.integers(int(lo) - 1000, int(lo) - 1) if is_int else st.floats(
        lo - 1000, lo - 1e-3).map(lambda v: round(v, 3))
    above = st.integers(int(hi) + 1, int(hi) + 1000) if is_int else st.floats(
        hi + 1e-3, hi + 1000).map(lambda v: round(v, 3))
    value = draw(st.one_of(below, above).filter(lambda v: not lo <= v <= hi))
    if isinstance(default, list):  # one bad value in a list of the right length
        n = SHARE_LISTS.get(key) or FIXED_LISTS.get(key) or max(len(default), 1)
        good = default if len(default) == n else [lo] * n
        at = draw(st.integers(0, n - 1))
        values = [*good[:at], value, *good[at + 1:]]
        text, shown = f"[{','.join(repr(v) for v in values)}]", f"{key}[{at}]={value!r}"
    else:
        text, shown = repr(value), f"{key}={value!r}"
    args = [f"{key}={text}"]
    parts = key.split(".")
    if parts[0] == "policy":
        args.insert(0, f"policy=[{parts[1]}]")
    return args, shown, f"allowed {lo} to {hi}"


EXAMPLES = itertools.count()


@settings(PROPERTY, max_examples=100)
@given(case=invalid())
def test_any_out_of_range_value_is_refused_with_key_value_and_range(
        case: tuple[list[str], str, str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    args, shown, allowed = case
    cwd = tmp_path / f"cwd-{next(EXAMPLES)}"
    cwd.mkdir()

    def hydra_job() -> None:
        raise AssertionError("Hydra was started despite a bad value")

    monkeypatch.chdir(cwd)
    monkeypatch.setattr(sys, "argv", ["sim-run", "run.horizon_months=600", *args])
    monkeypatch.setattr(sim.cli.run, "run_job", hydra_job)
    with pytest.raises(SystemExit) as info:
        sim.cli.run.main()
    err = capsys.readouterr().err
    assert info.value.code == 2, err
    assert shown in err and allowed in err, (args, err)
    assert not any(cwd.iterdir())
