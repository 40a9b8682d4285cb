"""``sim-sensitivity``: which assumptions drive each policy's effect.

Morris screening over the behaviour parameters (by default every one, or the fitted ones,
or the keys given) and every parameter of the chosen instruments, then Sobol indices over
the parameters it keeps; writes ``sensitivity.csv``, ``report.md`` and bar plots into the
folder. Run the same command on the same folder to resume an interrupted analysis.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from sim.analysis.calibration import FREE
from sim.analysis.launchers import LAUNCHERS, check_launcher
from sim.analysis.sensitivity_model import run
from sim.analysis.sensitivity_report import write_report
from sim.config.params import Config
from sim.config.schema import ConfigError
from sim.config.space import Param, parameters, posterior_ranges
from sim.config.validate import validate
from sim.policies.registry import INSTRUMENT_CONFIGS


def arguments(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="sim-sensitivity", description=__doc__.split("\n")[0])
    p.add_argument("policy", nargs="+", choices=sorted(INSTRUMENT_CONFIGS),
                   help="the instruments whose effects are analysed (each against its "
                        "baseline)")
    p.add_argument("--out", type=Path, required=True, help="the analysis folder")
    p.add_argument("--params", nargs="*", default=None, metavar="KEY",
                   help="behaviour keys to vary (default: every behaviour parameter; "
                        f"'fitted': the {len(FREE)} the posterior fits, docs/calibration.md); the "
                        "instruments' own parameters always vary")
    p.add_argument("--morris", type=int, default=10, help="Morris trajectories")
    p.add_argument("--sobol", type=int, default=64,
                   help="Sobol base sample (a power of two; 0: screening only)")
    p.add_argument("--keep", type=int, default=5, help="parameters Sobol keeps")
    p.add_argument("--ranges", choices=("posterior", "schema"), default="posterior",
                   help="fitted behaviour parameters over the posterior's central 90%% "
                        "(default) or, like all others, over the schema's exploration range")
    p.add_argument("--claimants", type=int, default=1000)
    p.add_argument("--horizon", type=int, default=48, help="months")
    p.add_argument("--replications", type=int, default=2)
    p.add_argument("--seed", type=int, default=20240101)
    p.add_argument("--jobs", type=int, default=-1, help="parallel runs (joblib; -1: all "
                                                        "cores)")
    p.add_argument("--launcher", default="joblib", choices=LAUNCHERS,
                   help="where the rows run: local processes (joblib), a Ray cluster (ray), "
                        "a SLURM job array (slurm), or that path locally (submitit_local)")
    p.add_argument("--launcher-option", action="append", default=[], metavar="KEY=VALUE",
                   help="passed to the launcher: submitit's parameters for slurm (for "
                        "example slurm_partition=short, timeout_min=120, "
                        "slurm_array_parallelism=50) or ray.init's (address=auto)")
    return p.parse_args(argv)


def chosen_parameters(keys: list[str] | None, policies: list[str], ranges: str) -> list[Param]:
    """What the analysis varies: every behaviour parameter (``keys`` None), the fitted ones
    (``["fitted"]``) or the keys given, and every parameter of the instruments; over the
    posterior's ranges where ``ranges`` says so."""
    if keys is None:
        params = parameters(groups=("behaviour",), instruments=policies)
    else:
        if keys == ["fitted"]:
            keys = [f"behaviour.{f.key}" for f in FREE]
        params = parameters(groups=(), instruments=policies, keys=keys)
    return posterior_ranges(params) if ranges == "posterior" else params


def launcher_options(pairs: list[str]) -> dict[str, Any]:
    """``KEY=VALUE`` pairs, numbers read as numbers."""
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ConfigError(f"--launcher-option {pair!r}: expected KEY=VALUE")
        try:
            out[key] = int(value)
        except ValueError:
            try:
                out[key] = float(value)
            except ValueError:
                out[key] = value
    return out


def main(argv: list[str] | None = None) -> int:
    a = arguments(argv)
    base = Config()
    base.municipality.claimants, base.run.horizon_months = a.claimants, a.horizon
    base.run.replications, base.run.seed, base.run.progress = a.replications, a.seed, False
    try:
        validate(base)
        params = chosen_parameters(a.params, a.policy, a.ranges)
        options = launcher_options(a.launcher_option)
        check_launcher(a.launcher, options)
    except ConfigError as err:
        print(f"configuration error: {err}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    try:
        rows, kept = run(a.out, base, params, tuple(a.policy), a.morris, a.sobol, a.keep,
                         a.seed, a.jobs, launcher=a.launcher, options=options)
    except ConfigError as err:
        print(f"configuration error: {err}", file=sys.stderr)
        return 2
    setup = (f"Command: `sim-sensitivity {' '.join(argv if argv is not None else sys.argv[1:])}`"
             f". A municipality of {a.claimants:,} claimants over {a.horizon} months, "
             f"{a.replications} replications per run on seed {a.seed} (common random numbers "
             f"between each policy and its baseline), steady economy, the behaviour "
             f"defaults (the posterior's centre); {len(params)} parameters screened "
             f"({a.morris} Morris trajectories), Sobol base sample {a.sobol}. Ranges: "
             + ("the posterior's central 90% (configs/behaviour/posterior.csv) for the "
                "fitted behaviour parameters, each other parameter's exploration range in "
                "the schema (sim.config.space)." if a.ranges == "posterior" else
                "each parameter's exploration range in the schema (sim.config.space).")
             + " The ranges are in the table below.")
    report = write_report(a.out, rows, kept, setup, params)
    print(f"report: {report} ({time.perf_counter() - start:.0f} s)")
    return 0
