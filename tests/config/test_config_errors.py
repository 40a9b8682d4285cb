"""Every bad input is answered the same way: exit code 2, a message naming the key and the
value and what is allowed, and no output folder.

Most cases call ``sim-run``'s own ``main()`` in this process (with a stand-in for Hydra's
job, which must never be reached), so that many cases stay quick; a few run the real
console script, and sweeps are checked there too.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hydra import compose, initialize_config_module

import sim.cli.run
from sim.config.compose import to_config
from sim.config.schema import ConfigError

SIM_RUN = str(Path(sys.executable).with_name("sim-run"))
IC = "policy=[intensive_coaching]"
WS = "policy=[wage_subsidy]"

# (arguments, texts the message must contain: the key, the value, what is allowed)
CASES: list[tuple[list[str], list[str]]] = [
    # misspelt and unknown keys
    (["run.replicatons=3"], ["run.replicatons=3", "did you mean replications"]),
    (["municipality.claimant=5"], ["municipality.claimant=5", "claimants"]),
    (["+run.foo=1"], ["run.foo=1", "allowed", "horizon_months"]),
    (["colour=blue"], ["colour=blue", "allowed", "municipality"]),
    ([IC, "policy.intensive_coaching.plces=3"],
     ["policy.intensive_coaching.plces=3", "did you mean places"]),
    (["behaviour.serch_base=0.5"], ["behaviour.serch_base=0.5", "search_base"]),
    (["=5"], ["=5", "unknown key", "allowed"]),
    # wrong types
    (["run.replications=abc"], ["run.replications=abc", "whole number", "1 to 10000"]),
    (["run.replications=1.5"], ["run.replications=1.5", "whole number", "1 to 10000"]),
    (["run.replications=[1,2]"], ["run.replications=[1,2]", "whole number"]),
    (["run.seed=null"], ["run.seed=null", "null is not allowed", "whole number"]),
    (["municipality.household_shares=0.5"],
     ["municipality.household_shares=0.5", "a list of numbers", "0 to 1"]),
    (["run.progress=maybe"], ["run.progress=maybe", "true or false"]),
    (["behaviour.education_shares=[0.5,0.5,x]"],
     ["behaviour.education_shares=[0.5,0.5,x]", "a list of numbers"]),
    (["municipality.claimants=many"], ["municipality.claimants=many", "whole number"]),
    (["behaviour.search_base=high"], ["behaviour.search_base=high", "a number", "0 to 1"]),
    (["economy.amplitude=[0.1]"], ["economy.amplitude=[0.1]", "a number"]),
    ([WS, "policy.wage_subsidy.duration_months=12.5"],
     ["policy.wage_subsidy.duration_months=12.5", "whole number"]),
    ([IC, "policy.intensive_coaching.target.barriers=health"],
     ["policy.intensive_coaching.target.barriers=health", "a list of texts", "debt"]),
    (["run.horizon_months=true"], ["run.horizon_months=true", "whole number"]),
    (["behaviour.age_band_shares=null"], ["behaviour.age_band_shares=null", "null"]),
    # what Hydra cannot parse
    (["municipalité=small"], ["municipalité=small", "not an override Hydra can read"]),
    (["run.replications=[1,2"], ["run.replications=[1,2", "not an override"]),
    (["run.replications==3"], ["run.replications==3", "not an override"]),
    (["run..seed=3"], ["run..seed=3", "not an override"]),
    # out of range
    (["run.replications=0"], ["run.replications=0", "allowed 1 to 10000"]),
    (["run.seed=-1"], ["run.seed=-1", "allowed 0 to"]),
    (["money.norm_single=-5"], ["money.norm_single=-5", "100 to 5000"]),
    ([WS, "policy.wage_subsidy.max_share=1.5"],
     ["policy.wage_subsidy.max_share=1.5", "0 to 1"]),
    ([IC, "policy.intensive_coaching.places=-1"],
     ["policy.intensive_coaching.places=-1", "0 to 1000000"]),
    (["behaviour.search_base=1.5"], ["behaviour.search_base=1.5", "0 to 1"]),
    (["municipality.claimants=5"], ["municipality.claimants=5", "10 to 2000000"]),
    (["run.horizon_months=0"], ["run.horizon_months=0", "1 to 600"]),
    (["run.warmup_months=5"], ["run.warmup_months=5", "12 to 600"]),
    (["economy.amplitude=0.95"], ["economy.amplitude=0.95", "0 to 0.9"]),
    (["behaviour.move_rate=2"], ["behaviour.move_rate=2", "0 to 1"]),
    (["municipality.caseload_ratio=1000"], ["municipality.caseload_ratio=1000", "10 to 400"]),
    (["shock.extra_per_1000=-1"], ["shock.extra_per_1000=-1", "0 to 10000"]),
    ([WS, "policy.wage_subsidy.budget_cap=-5"], ["policy.wage_subsidy.budget_cap=-5", "0 to"]),
    # bad choices
    (["run.engine=slow"], ["run.engine='slow'", "fast, agent"]),
    (["economy.kind=cyclical"], ["economy.kind='cyclical'", "steady, boom, recession"]),
    (["behaviour.priority_rule=random"], ["behaviour.priority_rule='random'", "longest_waiting"]),
    ([IC, "policy.intensive_coaching.target.barriers=[housing]"],
     ["policy.intensive_coaching.target.barriers", "housing", "health"]),
    # bad list lengths, shares not adding up to 1
    (["behaviour.age_band_shares=[0.5,0.5]"],
     ["behaviour.age_band_shares=[0.5, 0.5]", "expected 5 values"]),
    (["behaviour.wage_value_mean=[0.8,0.9]"],
     ["behaviour.wage_value_mean=[0.8, 0.9]", "expected 3 values"]),
    (["municipality.household_shares=[0.5,0.3,0.3]"],
     ["municipality.household_shares=[0.5, 0.3, 0.3]", "add up to 1"]),
    (["behaviour.education_shares=[0.2,0.2,0.2]"],
     ["behaviour.education_shares=[0.2, 0.2, 0.2]", "add up to 1"]),
    # rules between parameters
    ([IC, "policy.intensive_coaching.start_month=12", "policy.intensive_coaching.end_month=6"],
     ["policy.intensive_coaching.end_month=6", "start_month=12", "must come after"]),
    ([IC, "policy.intensive_coaching.target.min_age=70",
      "policy.intensive_coaching.target.max_age=60"],
     ["policy.intensive_coaching.target.min_age=70", "max_age=60"]),
    ([IC, "policy.intensive_coaching.target.min_months_on_benefit=10",
      "policy.intensive_coaching.target.max_months_on_benefit=5"],
     ["policy.intensive_coaching.target.min_months_on_benefit=10", "exceeds"]),
    (["economy.kind=series"], ["economy.series=[]", "at least one value"]),
    (["municipality.start_date=2024-13"], ["municipality.start_date='2024-13'", "YYYY-MM"]),
    (["policy=[participation_jobs]", "policy.participation_jobs.after_trajectory=true"],
     ["policy.participation_jobs.after_trajectory=True", "trajectories"]),
    # unknown options, instruments not switched on
    (["policy=intensive_coachin"], ["policy=intensive_coachin", "did you mean intensive_coaching"]),
    (["policy=[intensive_coaching,wage_subsidi]"], ["wage_subsidi", "wage_subsidy"]),
    (["municipality=tiny"], ["municipality=tiny", "medium", "small"]),
    (["economy=bust"], ["economy=bust", "recession"]),
    (["+experiment=nope"], ["experiment=nope", "headline"]),
    (["policy.intensive_coaching.places=100"],
     ["policy.intensive_coaching.places=100", "policy=[intensive_coaching]"]),
    ([WS, "policy.trajectories.price=10"],
     ["policy.trajectories.price=10", "not switched on"]),
    # settings that contradict each other
    (["policy=[wage_subsidy,wage_subsidy]"], ["policy=[wage_subsidy,wage_subsidy]", "twice"]),
    (["policy=[baseline,wage_subsidy]"], ["policy=[baseline,wage_subsidy]", "no instrument"]),
    (["economy.series=[1,1.1]"], ["economy.series=[1.0, 1.1]", "economy.kind=series"]),
    ([WS, "policy.wage_subsidy.start_month=48"],
     ["policy.wage_subsidy.start_month=48", "never act", "0 to 47"]),
    (["shock=amnesty_2008", "shock.start_month=50"],
     ["shock.start_month=50", "never arrive", "0 to 47"]),
    (["money.net_minimum_wage_month=1500"],
     ["money.net_minimum_wage_month=1500", "money.norm_couple=1834.04", "at least"]),
    (["behaviour.part_time_hours_low=0.8"],
     ["behaviour.part_time_hours_low=0.8", "part_time_hours_high=0.7", "at most"]),
    (["behaviour.gate_refusal_rate=1"], ["behaviour.gate_refusal_rate=1", "0 to 0.99"]),
    (["behaviour.ww_assets_shares=[0.1,0.2]"],
     ["behaviour.ww_assets_shares=[0.1, 0.2]", "expected 5 values"]),
]


@pytest.fixture
def bad_configs(tmp_path: Path) -> Path:
    """A folder of experiment files with a YAML error, a misspelt key, a wrong type and a
    value out of range, for ``hydra.searchpath``."""
    folder = tmp_path / "configs" / "experiment"
    folder.mkdir(parents=True)
    head = "# @package _global_\n"
    (folder / "broken.yaml").write_text(head + "run:\n  replications: [1, 2\n")
    (folder / "misspelt.yaml").write_text(head + "run:\n  replicatons: 3\n")
    (folder / "wrongtype.yaml").write_text(head + "run:\n  replications: abc\n")
    (folder / "outofrange.yaml").write_text(head + "run:\n  replications: 0\n")
    return tmp_path / "configs"


FILE_CASES = [
    ("broken", ["broken.yaml", "line 4", "not valid YAML"]),
    ("misspelt", ["experiment/misspelt.yaml", "run.replicatons=3", "did you mean replications"]),
    ("wrongtype", ["run.replications=abc", "integer"]),
    ("outofrange", ["run.replications=0", "allowed 1 to 10000"]),
]


def run_main(args: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch,
             capsys: pytest.CaptureFixture[str]) -> tuple[object, str]:
    """``sim-run ARGS`` in this process: its exit code and what it printed to stderr."""
    def hydra_job() -> None:
        raise AssertionError("Hydra was started despite a bad input")

    monkeypatch.chdir(cwd)
    monkeypatch.setattr(sys, "argv", ["sim-run", "municipality=small", *args])
    monkeypatch.setattr(sim.cli.run, "run_job", hydra_job)
    with pytest.raises(SystemExit) as info:
        sim.cli.run.main()
    return info.value.code, capsys.readouterr().err


def assert_refused(code: object, err: str, expected: list[str], cwd: Path) -> None:
    assert code == 2, err
    assert err.startswith("configuration error: "), err
    for text in expected:
        assert text in err, f"{text!r} missing from: {err}"
    assert not any(cwd.iterdir()), "something was written"


def test_there_are_at_least_sixty_distinct_bad_inputs() -> None:
    inputs = [" ".join(a) for a, _ in CASES] + [f for f, _ in FILE_CASES] + ["folders"] * 4
    assert len(set(inputs)) >= 60 + 3


@pytest.mark.parametrize("args,expected", CASES, ids=[" ".join(a) for a, _ in CASES])
def test_a_bad_input_is_refused(args: list[str], expected: list[str], tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    assert_refused(*run_main(args, tmp_path, monkeypatch, capsys), expected, tmp_path)


@pytest.mark.parametrize("name,expected", FILE_CASES, ids=[n for n, _ in FILE_CASES])
def test_a_bad_experiment_file_is_refused(name: str, expected: list[str], bad_configs: Path,
                                          tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    args = [f"hydra.searchpath=[file://{bad_configs}]", f"+experiment={name}"]
    assert_refused(*run_main(args, cwd, monkeypatch, capsys), expected, cwd)


@pytest.mark.parametrize("where", ["file", "below a file", "unwritable", "below a device"])
def test_an_unusable_output_folder_is_refused(where: str, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    a_file = tmp_path / "a_file"
    a_file.write_text("")
    folder = {"file": a_file, "below a file": a_file / "run", "unwritable": Path("/proc/run"),
              "below a device": Path("/dev/null/run")}[where]
    code, err = run_main([f"hydra.run.dir={folder}"], cwd, monkeypatch, capsys)
    assert_refused(code, err, [f"hydra.run.dir={folder}", "allowed"], cwd)
    assert not (folder.exists() and folder.is_dir())


def test_the_good_configuration_loads() -> None:
    with initialize_config_module(config_module="sim.configs", version_base="1.3"):
        cfg = to_config(compose(config_name="config", overrides=[
            IC, "municipality=small", "policy.intensive_coaching.places=50"]))
    assert cfg.municipality.claimants == 300
    assert cfg.policy.intensive_coaching.places == 50


def test_added_key_is_refused_even_without_the_override_check() -> None:
    with initialize_config_module(config_module="sim.configs", version_base="1.3"):
        cfg = compose(config_name="config", overrides=["+run.foo=1"])
    with pytest.raises(ConfigError, match=r"run\.foo=1: unknown key"):
        to_config(cfg)


def _sim_run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SIM_RUN, *args], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120, check=False)


@pytest.mark.parametrize("args,expected", [
    (["run.replications=abc"], ["run.replications=abc", "whole number"]),
    (["run.replicatons=3"], ["run.replicatons=3", "did you mean replications"]),
    (["policy=[intensive_coaching]", "policy.intensive_coaching.end_month=0"],
     ["policy.intensive_coaching.end_month=0", "must come after"]),
    (["hydra.run.dir=/proc/run"], ["hydra.run.dir=/proc/run", "cannot be written"]),
    (["-m", "run.replications=2,abc"], ["run.replications='abc'", "whole number"]),
])
def test_the_console_script_exits_2_before_simulating(tmp_path: Path, args: list[str],
                                                      expected: list[str]) -> None:
    done = _sim_run(tmp_path, *args, "municipality=small")
    assert done.returncode == 2, done.stderr
    for text in expected:
        assert text in done.stderr
    assert not any(tmp_path.iterdir())  # not even an empty run folder


def test_a_sweep_with_one_bad_job_starts_no_job(tmp_path: Path) -> None:
    done = _sim_run(tmp_path, "-m", "run.replications=2,0", "municipality=small",
                    "run.horizon_months=3", "run.warmup_months=12", "hydra/launcher=basic",
                    f"hydra.sweep.dir={tmp_path / 'sweep'}")
    assert done.returncode == 2, done.stderr
    assert "no job was started" in done.stderr
    assert "job #1 (run.replications=0" in done.stderr
    assert "allowed 1 to 10000" in done.stderr
    assert not list(tmp_path.rglob("monthly.csv"))


def test_a_sweep_into_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "a_file"
    target.write_text("")
    done = _sim_run(tmp_path, "-m", "run.replications=1,2", f"hydra.sweep.dir={target}")
    assert done.returncode == 2, done.stderr
    assert f"hydra.sweep.dir={target}: the output folder is a file" in done.stderr
