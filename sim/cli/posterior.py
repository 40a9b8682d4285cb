"""``python -m sim.posterior``.

Fit the free behavioural parameters with their uncertainty (ABC-SMC), reproducibly.
"""

from __future__ import annotations

import argparse
import logging
from dataclasses import replace

from sim.analysis.abcsmc import (
    TRANSITIONS,
    Fit,
    FitProblem,
    centre,
    fit,
    identify,
    intervals,
)
from sim.analysis.posterior import (
    POSTERIOR_FILE,
    SETTINGS,
    default_problem,
    evaluate,
    is_current,
    write_all,
)
from sim.config.paths import REPO

DESCRIPTION = ("Fit the free behavioural parameters with their uncertainty (ABC-SMC), "
               "reproducibly.")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m sim.posterior", description=DESCRIPTION)
    parser.add_argument("--population", type=int, default=SETTINGS.population,
                        help="accepted particles per generation")
    parser.add_argument("--generations", type=int, default=SETTINGS.generations,
                        help="at most this many generations")
    parser.add_argument("--min-epsilon", type=float, default=SETTINGS.min_epsilon,
                        help="stop once the acceptance threshold falls below this")
    parser.add_argument("--seed", type=int, default=SETTINGS.seed,
                        help="seed of the sampler (the simulations' noise seed stays fixed)")
    parser.add_argument("--transition", choices=TRANSITIONS, default=SETTINGS.transition,
                        help="pyabc's perturbation kernel: one covariance for all particles "
                             "(normal) or one per particle's neighbourhood (local)")
    parser.add_argument("--identify", action="store_true",
                        help="also fit synthetic figures made at known values")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 unless the committed posterior.csv is reproduced byte "
                             "for byte (give the options it was written with)")
    parser.add_argument("--write", action="store_true",
                        help="write posterior.csv, calibrated.yaml and docs/calibration.md")
    return parser


def _print_posterior(result: Fit, problem: FitProblem) -> None:
    mid, ranges = centre(result.draws, problem.free), intervals(result.draws, problem.free)
    print(f"final epsilon {result.epsilon:.4g} after {result.simulations} simulations")
    for f in problem.free:
        lo, hi = ranges[f.key]
        print(f"  {f.key}: {mid[f.key]} (90%: {lo:.4g} to {hi:.4g}; prior {f.low} to "
              f"{f.high})")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.getLogger("MESA").setLevel(logging.WARNING)
    settings = replace(SETTINGS, population=args.population, generations=args.generations,
                       min_epsilon=args.min_epsilon, seed=args.seed,
                       transition=args.transition)
    problem = default_problem()

    def progress(line: str) -> None:
        print(line, flush=True)

    if args.write:
        report = evaluate(problem, settings, progress)
        _print_posterior(report.fit, problem)
        paths = write_all(report)
        print("wrote " + ", ".join(str(p.relative_to(REPO)) for p in paths))
        return 0
    result = fit(problem, settings, progress)
    _print_posterior(result, problem)
    if args.identify:
        ident = identify(problem, settings, progress=progress)
        print(ident.table.to_string(index=False))
    if args.check:
        same = is_current(result, problem, POSTERIOR_FILE)
        print(f"{POSTERIOR_FILE.relative_to(REPO)} is current" if same else
              f"{POSTERIOR_FILE.relative_to(REPO)} differs from this run (or is missing)")
        return 0 if same else 1
    return 0
