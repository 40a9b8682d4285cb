"""Speed of the sensitivity analysis: paired runs, a measured Sobol design, national scale.

Prints, from one run on this machine:

(a) the time of one paired medium run: intensive coaching against its baseline, one
    replication of 2,700 claimants over 60 months after the default warm-up, each run on
    fresh behaviour values (so nothing is reused from an earlier run; the scenario and its
    baseline share their spin-up, as every paired run does);
(b) a Sobol analysis of 10 parameters (five behaviour parameters, five of intensive
    coaching) at N=64, 768 paired medium runs, measured end to end through the same code
    as ``sim-sensitivity`` (joblib on every core, rows in blocks of one base sample), and
    its projection to N=1024 (12,288 paired runs). The workers' start (importing the
    package, compiling its loops, one paired run each) is measured first and counted
    once, as an analysis pays it once; Saltelli's design at N=1024 is 16 times as many
    blocks of the same kind, so the projection is the start plus 16 times the measured
    analysis;
(c) one national replication, 420,000 claimants over 120 months with every mechanism of
    the model on: wall time and peak memory of a fresh process (and, for information, with
    all fourteen instruments switched on).

Usage::

    python benchmarks/bench_sensitivity.py [--n 64] [--skip-national]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import numpy as np
from bench_engines import print_table, run_case, verdict
from joblib import Parallel, delayed, effective_n_jobs

from sim.analysis import sensitivity
from sim.analysis.paired import paired_outcomes
from sim.analysis.sensitivity_model import PolicyModel
from sim.config.params import Config
from sim.config.space import apply, parameters, salib_problem

POLICY = "intensive_coaching"
BEHAVIOUR = ("vacancies_per_1000", "other_income_rate", "job_loss_first_year",
             "age55_penalty", "part_time_share")
COACHING = ("places", "caseload", "max_months", "search_lift", "placement_bonus")
MEDIUM = (2_700, 60)
PROJECTED_N = 1024
SOBOL_TARGET_S = 15 * 60
NATIONAL = (420_000, 120, 20.0, 2.0)  # claimants, months, wall-time and memory targets


def medium_config() -> Config:
    cfg = Config()
    cfg.municipality.claimants, cfg.run.horizon_months = MEDIUM
    cfg.run.replications, cfg.run.progress = 1, False
    return cfg


def chosen_parameters():
    keys = [f"behaviour.{k}" for k in BEHAVIOUR]
    wanted = {*keys, *(f"policy.{POLICY}.{k}" for k in COACHING)}
    params = [p for p in parameters(groups=(), instruments=[POLICY], keys=keys)
              if p.key in wanted]
    assert len(params) == 10, [p.key for p in params]
    return params


def paired_run_seconds(runs: int) -> list[float]:
    """Wall time of paired medium runs, each on its own behaviour values."""
    base = medium_config()
    times = []
    for i in range(runs + 1):  # the first run pays for imports and tables: not counted
        cfg = apply(base, {"behaviour.search_base": 0.30 + 0.001 * i}, switch_on=[POLICY])
        start = time.perf_counter()
        paired_outcomes(cfg)
        times.append(time.perf_counter() - start)
    return times[1:]


def start_workers(jobs: int) -> float:
    """Wall time for the workers to start and run one paired medium run each (joblib keeps
    them for the analysis that follows)."""
    cfgs = [apply(medium_config(), {"behaviour.search_base": 0.25 + 0.001 * i},
                  switch_on=[POLICY]) for i in range(effective_n_jobs(jobs))]
    start = time.perf_counter()
    Parallel(n_jobs=jobs)(delayed(paired_outcomes)(cfg) for cfg in cfgs)
    return time.perf_counter() - start


def sobol_seconds(n: int, jobs: int) -> tuple[float, int]:
    """Wall time of a fresh Sobol analysis at base sample ``n`` (rows run, indices)."""
    params = chosen_parameters()
    problem = salib_problem(params)
    model = PolicyModel(medium_config(), tuple(params), (POLICY,))
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        design = sensitivity.prepare(Path(folder), problem, "sobol", n, seed=20240101)
        y = sensitivity.evaluate(model, design, Path(folder), jobs, progress=False,
                                 block=sensitivity.block_size(problem, "sobol"))
        sensitivity.indices(problem, "sobol", design, y, seed=20240101)
        return time.perf_counter() - start, len(design)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=64, help="Sobol base sample measured")
    parser.add_argument("--paired-runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=-1, help="joblib workers (-1: all cores)")
    parser.add_argument("--skip-national", action="store_true")
    args = parser.parse_args(argv)
    cores = os.cpu_count() or 1
    print(f"machine: {cores} CPUs, load average {os.getloadavg()[0]:.2f} at start "
          "(timings assume an otherwise idle machine)")
    rows: list[tuple[str, str, str, str]] = []
    failed = False

    paired = paired_run_seconds(args.paired_runs)
    rows.append(("(a) paired medium run (scenario + baseline)",
                 f"{np.median(paired):.3f} s median of {len(paired)} "
                 f"(min {min(paired):.3f}, max {max(paired):.3f})", "-", "info"))

    started = start_workers(args.jobs)
    seconds, n_rows = sobol_seconds(args.n, args.jobs)
    projected = started + seconds * PROJECTED_N / args.n
    ok = projected <= SOBOL_TARGET_S
    failed |= not ok
    rows.append(("(b) workers start: import, compile, one paired run each",
                 f"{started:.1f} s measured (counted once)", "-", "info"))
    rows.append((f"(b) Sobol, 10 parameters, N={args.n}: {n_rows:,} paired runs",
                 f"{seconds:.1f} s measured ({seconds / n_rows:.3f} s per paired run)",
                 "-", "info"))
    rows.append((f"(b) projected to N={PROJECTED_N}: "
                 f"{n_rows * PROJECTED_N // args.n:,} paired runs",
                 f"{projected / 60:.1f} min", f"<= {SOBOL_TARGET_S // 60} min", verdict(ok)))

    if not args.skip_national:
        claimants, horizon, time_target, mem_target = NATIONAL
        for policies in (False, True):
            r = run_case(claimants, horizon, policies)
            label = f"(c) {claimants:,} x {horizon} months" + (
                ", all instruments" if policies else ", all mechanisms")
            ok_t, ok_m = r["seconds"] <= time_target, r["peak_gb"] <= mem_target
            if not policies:
                failed |= not (ok_t and ok_m)
            rows.append((f"{label}: wall time",
                         f"{r['seconds']:.2f} s (CPU {r['cpu_seconds']:.2f} s)",
                         f"<= {time_target:g} s" if not policies else "-",
                         verdict(ok_t) if not policies else "info"))
            rows.append((f"{label}: peak RSS", f"{r['peak_gb']:.2f} GB",
                         f"<= {mem_target:g} GB" if not policies else "-",
                         verdict(ok_m) if not policies else "info"))

    print(f"(a) and (b): {MEDIUM[0]:,} claimants x {MEDIUM[1]} months, one replication, "
          f"{POLICY} against its baseline; (b) varies {', '.join(BEHAVIOUR)} and the "
          f"instrument's {', '.join(COACHING)}, jobs={args.jobs}.")
    print_table(rows)
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
