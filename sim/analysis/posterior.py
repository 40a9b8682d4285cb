"""The behavioural parameters with their uncertainty: ABC-SMC on the national figures.

``python -m sim.posterior --write`` fits the free behavioural parameters by ABC-SMC
(:mod:`sim.analysis.abcsmc`) and writes the weighted draws to
``configs/behaviour/posterior.csv``, their weighted medians to
``configs/behaviour/calibrated.yaml`` (which the behaviour defaults are read from), and
``docs/calibration.md`` with an identification check and posterior predictive checks.
What is fitted is made in one place, :func:`default_problem`, so that another problem (the
national caseload in calendar time) can take its place.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

from sim.analysis import calibration, national
from sim.analysis.abcplots import pair_plot, predictive_plot
from sim.analysis.abcsmc import (
    Fit,
    FitProblem,
    Identification,
    Settings,
    Summaries,
    centre,
    distance,
    fit,
    identify,
    intervals,
    posterior_text,
    predictive,
    predictive_table,
    write_posterior,
)
from sim.config.paths import CONFIGS, DOCS

POSTERIOR_FILE = CONFIGS / "behaviour" / "posterior.csv"
FIGURES = DOCS / "figures"
PAIRS_PNG = "posterior_pairs.png"
IDENTIFICATION_PNG = "identification_pairs.png"
PREDICTIVE_PNG = "posterior_predictive.png"
COMMAND = "python -m sim.posterior"
WHAT = ("Posterior of the free behavioural parameters: the weighted draws of the last "
        "ABC-SMC generation.")
SETTINGS = Settings(population=200, generations=6, seed=calibration.SEED,
                    model_seed=calibration.SEED)
PREDICTIVE_DRAWS = 8
PREDICTIVE_SEED = 1000  # added to the model seed: predictive runs use seeds of their own
FLAGS = {"population": "--population", "generations": "--generations", "seed": "--seed",
         "min_epsilon": "--min-epsilon", "transition": "--transition"}


def default_problem(replications: int = 1) -> FitProblem:
    """The fit: the free behaviour parameters against the national rates of 2012-2019
    only, simulated by the national sample in calendar time (spun up from 2003, measured
    economy, dated regimes). The one place to swap for another problem."""

    def simulate(values: dict[str, float], seed: int) -> Summaries:
        return national.fit_summaries(values, seed, replications, scale=national.FIT_SCALE)

    return FitProblem(
        free=calibration.FREE,
        targets=national.FIT_MEASURES,
        simulate=simulate,
        data_used=("only national rates of 2012-2019, each from the source in its row "
                   "(inflow and outflow per stock in 2014 and 2019, the share of outflow to "
                   "work, the duration and return shares, the WW share of inflow, the share "
                   "with earnings and the sanction rate), reproduced by a "
                   f"1:{round(1 / national.FIT_SCALE * 100)} sample of the national stock "
                   "spun up from the end of 2003 under the measured economy and the "
                   f"regimes, {_count(replications, 'replication')}; every figure before 2012 "
                   "and after 2019 is held out (docs/calibration.md, national replay)."),
    )


def command(settings: Settings) -> str:
    """The command that writes these results: options only where they leave the defaults."""
    parts = [COMMAND, "--write"]
    for f in fields(Settings):
        if f.name in FLAGS and getattr(settings, f.name) != getattr(SETTINGS, f.name):
            parts += [FLAGS[f.name], str(getattr(settings, f.name))]
    return " ".join(parts)


@dataclass(frozen=True)
class Report:
    """A fit with everything the calibration page shows about it."""

    problem: FitProblem
    fit: Fit
    at_centre: pd.DataFrame  # the figures at the centre: a row per run on its own seed
    predictive: pd.DataFrame  # per target: band and predictive 5-95% range
    predictive_draws: int
    identification: Identification


_JOBS: dict[str, Callable[[], object]] = {}  # inherited by the forked workers


def _run(name: str) -> object:
    return _JOBS[name]()


def _relay(lines, progress: Callable[[str], None]) -> None:
    while (line := lines.get()) is not None:
        progress(line)


def evaluate(problem: FitProblem, settings: Settings = SETTINGS,
             progress: Callable[[str], None] | None = None,
             draws: int = PREDICTIVE_DRAWS) -> Report:
    """Fit, then check: identification on synthetic figures and predictive ranges. The
    fit and the identification check run side by side, one process each (each is
    sequential and seeded in itself, so the results are those of running them in turn)."""
    ctx = multiprocessing.get_context("fork")
    lines = ctx.SimpleQueue()  # the workers' progress lines, passed on as they come
    _JOBS.update(fit=lambda: fit(problem, settings, lines.put),
                 identify=lambda: identify(problem, settings,
                                           progress=lambda x: lines.put(f"identification {x}")))
    relay = threading.Thread(target=_relay, args=(lines, progress or (lambda x: None)))
    relay.start()
    try:
        with ctx.Pool(2) as pool:
            fitting, identifying = (pool.apply_async(_run, (k,)) for k in ("fit", "identify"))
            result, ident = fitting.get(), identifying.get()
    finally:
        lines.put(None)
        relay.join()
        _JOBS.clear()
    at_centre = centre_figures(problem, centre(result.draws, problem.free), draws,
                               settings.model_seed)
    sims = predictive(problem, result.draws, draws, settings.model_seed + PREDICTIVE_SEED)
    return Report(problem, result, at_centre, predictive_table(problem, sims), draws, ident)


def centre_figures(problem: FitProblem, values: dict[str, float], runs: int,
                   seed: int) -> pd.DataFrame:
    """The figures at one parameter set, ``runs`` runs on seeds ``seed``, ``seed + 1``,
    ...: a row per run, a column per target. Their mean is the fit at that point, their
    spread the noise of one run, as wide as some of the bands."""
    sims = [problem.simulate(dict(values), seed + i) for i in range(runs)]
    return pd.DataFrame([{t.name: float(s[t.name]) for t in problem.targets} for s in sims])


def is_current(result: Fit, problem: FitProblem, path: Path = POSTERIOR_FILE) -> bool:
    """Whether ``path`` holds exactly this posterior, byte for byte."""
    text = posterior_text(result, problem, WHAT, command(result.settings))
    return path.exists() and path.read_bytes() == text.encode("utf-8")


def write_all(report: Report, posterior_path: Path = POSTERIOR_FILE,
              config_path: Path = calibration.CONFIG_FILE,
              report_path: Path = calibration.REPORT_FILE,
              figures: Path = FIGURES) -> list[Path]:
    """Write the draws, the defaults (the weighted medians), the page and its figures."""
    problem, result = report.problem, report.fit
    values = centre(result.draws, problem.free)
    if list(values) != [f.key for f in calibration.FREE]:
        raise ValueError(f"calibrated.yaml holds {[f.key for f in calibration.FREE]}, "
                         f"not {list(values)}")
    write_posterior(result, problem, posterior_path, WHAT, command(result.settings))
    calibration.write_config(values, config_path)
    figures.mkdir(parents=True, exist_ok=True)
    ident = report.identification
    pngs = [
        pair_plot(result.draws, problem.free, figures / PAIRS_PNG, "posterior"),
        pair_plot(ident.fit.draws, problem.free, figures / IDENTIFICATION_PNG,
                  "identification check: posterior of synthetic figures, true values in red",
                  truth=ident.truth),
        predictive_plot(report.predictive, figures / PREDICTIVE_PNG),
    ]
    links = {p.name: Path(os.path.relpath(p, report_path.parent)).as_posix() for p in pngs}
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.write_text(markdown(report, links), encoding="utf-8")
    return [posterior_path, config_path, report_path, *pngs]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _num(x: float) -> str:
    return f"{x:.4g}"


def markdown(report: Report, links: dict[str, str]) -> str:
    """The calibration page: posterior, fit, predictive checks, identification check."""
    problem, result = report.problem, report.fit
    s = result.settings
    lines = [
        "# Calibration",
        "",
        f"Generated by `{command(s)}`: the free behavioural parameters fitted by ABC-SMC",
        f"(pyabc; uniform priors over each search range; {s.transition} transition; "
        f"population {s.population}, {_count(s.generations, 'generation')}, "
        f"{result.simulations} simulations, final epsilon {_num(result.epsilon)}; sampler "
        f"seed {s.seed}). Each simulation runs on a seed of its own, a hash of noise seed "
        f"{s.model_seed} and the particle's values, so the fit sees the model's noise (with "
        "one seed for all, the posterior would be conditioned on that seed's luck) and a "
        "rerun repeats exactly.",
        "The distance is the sum over the figures of ((simulated - target) / half the "
        "band)^2. The weighted draws are in `configs/behaviour/posterior.csv`; the defaults "
        "in `configs/behaviour/calibrated.yaml` are their weighted medians.",
        "",
        f"**Data used in the fit:** {problem.data_used} Validation data stay out of the "
        "fit: only the figures named here are fitted.",
        "",
        f"**Effective sample size** of the final weights: {_ess(result.draws):.1f} of "
        f"{len(result.draws)} draws (1 / sum of squared weights). "
        + _ess_reading(_ess(result.draws), len(result.draws)),
        "",
        *_posterior_section(result, problem, links),
        *_fit_section(report.at_centre, problem, result.epsilon),
        *_predictive_section(report.predictive, report.predictive_draws, links),
        *_identification_section(report.identification, links),
    ]
    return "\n".join(lines) + "\n"


def _ess(draws: pd.DataFrame) -> float:
    w = draws["weight"].to_numpy(dtype=float)
    return float(1.0 / (w ** 2).sum())


def _ess_reading(ess: float, n: int) -> str:
    """What the effective sample size says about the intervals, in one sentence."""
    if ess < 0.25 * n:
        return ("Far below the number of draws, it says the weights rest on a few draws: "
                "the interval ends are rough, and may be narrower than the parameters' "
                "true uncertainty.")
    return "The weights are spread over many draws."


def _posterior_section(result: Fit, problem: FitProblem, links: dict[str, str]) -> list[str]:
    mid, ranges = centre(result.draws, problem.free), intervals(result.draws, problem.free)
    return [
        "## Posterior",
        "",
        "| parameter | centre (weighted median) | 90% interval | prior range |",
        "|---|---|---|---|",
        *[f"| `behaviour.{f.key}` | {mid[f.key]} | {_num(ranges[f.key][0])} to "
          f"{_num(ranges[f.key][1])} | {f.low} to {f.high} |" for f in problem.free],
        "",
        f"![Pairs of the posterior draws, sized by weight]({links[PAIRS_PNG]})",
        "",
    ]


def _fit_section(runs: pd.DataFrame, problem: FitProblem, epsilon: float) -> list[str]:
    got, sd = runs.mean().to_dict(), runs.std(ddof=1).to_dict()
    ratio = {t.name: sd[t.name] / ((t.high - t.low) / 2) for t in problem.targets}
    rows = [f"| {t.name} | {t.target:.3f} | {t.low:.3f} to {t.high:.3f} | "
            f"{got[t.name]:.3f} | {'yes' if t.low <= got[t.name] <= t.high else 'no'} | "
            f"{sd[t.name]:.4f} | {ratio[t.name]:.2f} | {t.source} |" for t in problem.targets]
    floor = 2 * sum(r ** 2 for r in ratio.values())  # mean distance of two runs apart
    return [
        "## Fit at the centre",
        "",
        f"The weighted medians, simulated {_count(len(runs), 'time')} on seeds of their own: "
        "the mean of the runs beside each band, and the spread of one run (standard "
        "deviation over the runs, also in units of half the band). Distance of the mean: "
        f"{_num(distance(got, problem.targets))}. Two runs at the same values lie a distance "
        f"of about {floor:.1f} apart by noise alone (twice the sum of the squared ratios), "
        f"against a final epsilon of {_num(epsilon)}.",
        "",
        "| target | national figure | band | simulated (mean) | within | one run's sd | "
        "sd / half band | source |",
        "|---|---|---|---|---|---|---|---|",
        *rows,
        "",
    ]


def _predictive_section(table: pd.DataFrame, draws: int, links: dict[str, str]) -> list[str]:
    rows = [f"| {r.target} | {r.band_low:.3f} to {r.band_high:.3f} | {r.low:.3f} to "
            f"{r.high:.3f} | {'yes' if r.overlaps else 'no'} |"
            for r in table.itertuples(index=False)]
    return [
        "## Posterior predictive checks",
        "",
        f"{draws} draws picked in proportion to weight (systematic resampling, "
        "no randomness), each simulated with a seed of its own, so the range carries both "
        "the parameters' uncertainty and the model's noise.",
        "",
        "| target | band | simulated 5% to 95% | overlaps |",
        "|---|---|---|---|",
        *rows,
        "",
        f"![Posterior predictive ranges beside the target bands]({links[PREDICTIVE_PNG]})",
        "",
    ]


def _identification_section(ident: Identification, links: dict[str, str]) -> list[str]:
    table = ident.table
    rows = [f"| `behaviour.{r.parameter}` | {_num(r.true)} | {_num(r.low)} to {_num(r.high)} "
            f"| {'yes' if r.covered else 'no'} |" for r in table.itertuples(index=False)]
    return [
        "## Identification check",
        "",
        "Can the fit find parameters it knows? Synthetic figures are simulated at known "
        f"values (30% and 70% of each prior range in turn) with model seed {ident.seed}, "
        "given the real figures' band widths, and fitted with the same settings "
        f"(final epsilon {_num(ident.fit.epsilon)}, effective sample size "
        f"{_ess(ident.fit.draws):.1f} of {len(ident.fit.draws)}).",
        "",
        "| parameter | true | 90% interval | covered |",
        "|---|---|---|---|",
        *rows,
        "",
        f"{int(table['covered'].sum())} of {len(table)} true values inside their 90% "
        "interval (a calibrated 90% interval misses about one in ten).",
        "",
        f"![Identification check: posterior pairs with the true values]"
        f"({links[IDENTIFICATION_PNG]})",
        "",
    ]
