"""Likelihood-free fits with pyabc's ABC-SMC, generic over a fit problem.

A point fit says nothing about how well the figures pin the parameters down; ABC-SMC
gives weighted draws from the posterior instead. The run repeats exactly from a seed:
one process samples (pyabc's parallel samplers finish particles in whichever order the
workers do) and numpy's global generator, which pyabc draws from, is seeded first.

Every simulation runs on a seed of its own, derived from the noise seed and the particle's
values (:func:`particle_seed`), so a particle's distance is still a deterministic function
of its parameters, yet the fit sees the model's noise. With one seed for every particle
(common random numbers) the posterior is conditioned on that seed's luck: where the noise
between seeds is as wide as the figures' bands, as in a national sample, it is confidently
wrong about parameters it could otherwise find.
"""

from __future__ import annotations

import hashlib
import logging
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

import numpy as np
import pandas as pd

from sim.analysis.calibration import SIGNIFICANT, Free
from sim.analysis.validation import Target
from sim.config.posterior import systematic_picks

Summaries = dict[str, float]


class TargetLike(Protocol):
    """A figure to fit: its value, its tolerance band and where it comes from (as
    :class:`sim.analysis.validation.Target`)."""

    @property
    def name(self) -> str: ...
    @property
    def target(self) -> float: ...
    @property
    def low(self) -> float: ...
    @property
    def high(self) -> float: ...
    @property
    def source(self) -> str: ...


@dataclass(frozen=True)
class FitProblem:
    """What to fit: uniform priors, the figures, and the model that produces them."""

    free: tuple[Free, ...]
    targets: tuple[TargetLike, ...]
    simulate: Callable[[dict[str, float], int], Summaries]  # (values, seed) -> by name
    data_used: str  # a sentence naming the data the fit uses


TRANSITIONS = ("local", "normal")  # pyabc's LocalTransition, MultivariateNormalTransition


@dataclass(frozen=True)
class Settings:
    """How hard to search; ``seed`` drives the sampler, ``model_seed`` the simulations'
    noise (each particle's seed is derived from it), ``transition`` the perturbation."""

    population: int = 60
    generations: int = 5
    min_epsilon: float = 0.0
    seed: int = 20240101
    model_seed: int = 20240101
    transition: str = "normal"

    def __post_init__(self) -> None:
        if self.transition not in TRANSITIONS:
            raise ValueError(f"transition={self.transition!r}: allowed are "
                             f"{', '.join(TRANSITIONS)}")


@dataclass(frozen=True)
class Fit:
    """The last population: ``draws`` has columns draw, weight and one per parameter."""

    draws: pd.DataFrame
    epsilon: float
    simulations: int
    settings: Settings


def distance(got: Summaries, targets: Sequence[TargetLike]) -> float:
    """Squared misses, each in units of half its band (as the point fit's loss)."""
    return float(sum(((got[t.name] - t.target) / ((t.high - t.low) / 2)) ** 2
                     for t in targets))


def particle_seed(noise_seed: int, values: Sequence[float]) -> int:
    """A model seed for one particle: a hash of the noise seed and the exact values, so
    particles get independent noise and a rerun gives each the same (below 2**62)."""
    data = np.asarray([float(noise_seed), *map(float, values)], dtype="<f8").tobytes()
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little") >> 2


def _transition(name: str):
    """pyabc's perturbation kernel: ``normal`` one covariance for all particles, ``local``
    a covariance fitted to each particle's nearest quarter (which follows ridges, but on
    the national fit let the weights collapse onto one particle)."""
    import pyabc

    return pyabc.LocalTransition() if name == "local" else pyabc.MultivariateNormalTransition()


def fit(problem: FitProblem, settings: Settings = Settings(),
        progress: Callable[[str], None] | None = None) -> Fit:
    """Run ABC-SMC on ``problem``; the same settings give the same draws, bit for bit.
    ``progress`` gets one line per generation."""
    import pyabc

    keys = [f.key for f in problem.free]
    prior = pyabc.Distribution(**{f.key: pyabc.RV("uniform", f.low, f.high - f.low)
                                  for f in problem.free})

    def model(par: dict) -> Summaries:
        values = [float(par[k]) for k in keys]
        return problem.simulate(dict(zip(keys, values, strict=True)),
                                particle_seed(settings.model_seed, values))

    def measure(got: Summaries, _observed: Summaries) -> float:
        return distance(got, problem.targets)

    with (_global_seed(settings.seed), _generation_lines(progress),
          tempfile.TemporaryDirectory() as tmp):
        abc = pyabc.ABCSMC(model, prior, measure, population_size=settings.population,
                           transitions=_transition(settings.transition),
                           sampler=pyabc.sampler.SingleCoreSampler())
        abc.new("sqlite:///" + str(Path(tmp) / "abc.db"),
                {t.name: t.target for t in problem.targets})
        history = abc.run(minimum_epsilon=settings.min_epsilon,
                          max_nr_populations=settings.generations)
        params, weights = history.get_distribution(m=0)
        epsilon = float(history.get_all_populations()["epsilon"].iloc[-1])
        simulations = int(history.total_nr_simulations)
    return Fit(_draws(params[keys], weights), epsilon, simulations, settings)


@contextmanager
def _global_seed(seed: int) -> Iterator[None]:
    """pyabc draws priors and perturbations from numpy's global generator: seed it for
    the run, and give the caller its own state back afterwards."""
    state = np.random.get_state()  # noqa: NPY002 - pyabc reads the legacy global state
    np.random.seed(seed)  # noqa: NPY002
    try:
        yield
    finally:
        np.random.set_state(state)  # noqa: NPY002


class _Generations(logging.Handler):
    """pyabc logs a generation's epsilon, then its acceptance: one line of both."""

    EPSILON = re.compile(r"^t: (-?\d+), eps: (\S+?)\.?$")
    ACCEPTED = re.compile(r"^Accepted: (\d+) / (\d+)")

    def __init__(self, write: Callable[[str], None]) -> None:
        super().__init__(logging.INFO)
        self.write, self.pending = write, ""

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if m := self.EPSILON.match(text):
            self.pending = f"generation {m[1]}: epsilon {float(m[2]):.4g}"
        elif (m := self.ACCEPTED.match(text)) and self.pending:
            self.write(f"{self.pending}, accepted {m[1]} of {m[2]} simulations")
            self.pending = ""


@contextmanager
def _generation_lines(progress: Callable[[str], None] | None) -> Iterator[None]:
    """Route pyabc's log (it prints to stderr by itself) to ``progress``, or nowhere."""
    log = logging.getLogger("ABC")
    saved = log.handlers[:], log.level, log.propagate
    log.handlers = [_Generations(progress)] if progress else [logging.NullHandler()]
    log.setLevel(logging.INFO)
    log.propagate = False
    try:
        yield
    finally:
        log.handlers, log.propagate = saved[0], saved[2]
        log.setLevel(saved[1])


def _draws(params: pd.DataFrame, weights: np.ndarray) -> pd.DataFrame:
    """Draws in a stable order (sorted by value), numbered 0..n-1, weights summing to 1."""
    frame = params.rename_axis(columns=None).reset_index(drop=True).astype("float64")
    frame.insert(0, "weight", np.asarray(weights, dtype="float64") / float(np.sum(weights)))
    frame = frame.sort_values(list(params.columns) + ["weight"], kind="mergesort")
    frame.insert(0, "draw", np.arange(len(frame)))
    return frame.reset_index(drop=True)


def weighted_quantile(values: np.ndarray, weights: np.ndarray, q: float) -> float:
    """The ``q`` quantile of weighted draws (each draw's weight centred on its value)."""
    order = np.argsort(values, kind="stable")
    v, w = np.asarray(values, float)[order], np.asarray(weights, float)[order]
    cdf = (np.cumsum(w) - 0.5 * w) / w.sum()
    return float(np.interp(q, cdf, v))


def _round(value: float) -> float:
    return float(f"{value:.{SIGNIFICANT}g}")


def centre(draws: pd.DataFrame, free: Sequence[Free]) -> dict[str, float]:
    """The weighted median of each parameter, rounded as the point fit rounds."""
    w = draws["weight"].to_numpy()
    return {f.key: _round(weighted_quantile(draws[f.key].to_numpy(), w, 0.5)) for f in free}


def intervals(draws: pd.DataFrame, free: Sequence[Free],
              level: tuple[float, float] = (0.05, 0.95)) -> dict[str, tuple[float, float]]:
    """The weighted 5% and 95% quantiles of each parameter: a 90% interval."""
    w = draws["weight"].to_numpy()
    return {f.key: (weighted_quantile(draws[f.key].to_numpy(), w, level[0]),
                    weighted_quantile(draws[f.key].to_numpy(), w, level[1])) for f in free}


def posterior_text(result: Fit, problem: FitProblem, what: str, command: str) -> str:
    """The posterior file: ``#`` comment lines, then the draws as CSV with exact floats."""
    s = result.settings
    header = [
        what,
        f"Reproduce with `{command}` (do not edit by hand; rerun it).",
        f"ABC-SMC, uniform priors, {s.transition} transition: seed {s.seed}, noise seed "
        f"{s.model_seed} (each simulation's seed derived from it and the particle's values), "
        f"population {s.population}, generations {s.generations}, minimum epsilon "
        f"{s.min_epsilon!r}, final epsilon {result.epsilon!r}, {result.simulations} "
        "simulations.",
        f"Data used: {problem.data_used}",
        "Validation data stay out of the fit: only the figures named above are fitted.",
    ]
    columns = list(result.draws.columns)
    rows = [",".join(columns)]
    for rec in result.draws.itertuples(index=False):
        rows.append(",".join([str(int(rec[0]))] + [repr(float(v)) for v in rec[1:]]))
    return "".join(f"# {line}\n" for line in header) + "\n".join(rows) + "\n"


def write_posterior(result: Fit, problem: FitProblem, path: Path, what: str,
                    command: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(posterior_text(result, problem, what, command), encoding="utf-8")


def read_posterior(path: Path) -> pd.DataFrame:
    """The draws of a posterior file, comments skipped, floats exactly as written (read as
    text and parsed by Python, whose float() round-trips repr on any pandas)."""
    table = pd.read_csv(path, comment="#", dtype=str)
    out = table.drop(columns="draw").map(float).astype("float64")
    out.insert(0, "draw", table["draw"].astype("int64"))
    return out


@dataclass(frozen=True)
class Identification:
    """A fit to synthetic figures made at known values: does the posterior find them?"""

    truth: dict[str, float]
    seed: int  # the seed the synthetic figures were simulated with
    targets: tuple[Target, ...]
    fit: Fit
    table: pd.DataFrame  # parameter, true, low, high (90% interval), covered


def true_points(free: Sequence[Free]) -> dict[str, float]:
    """Known values away from the prior's edges: 30% and 70% of the range in turn."""
    return {f.key: f.low + (0.3 if i % 2 == 0 else 0.7) * (f.high - f.low)
            for i, f in enumerate(free)}


def synthetic_targets(problem: FitProblem, truth: dict[str, float],
                      seed: int) -> tuple[Target, ...]:
    """Figures simulated at ``truth``, each with its real target's band width."""
    got = problem.simulate(dict(truth), seed)
    out = []
    for t in problem.targets:
        half = (t.high - t.low) / 2
        v = float(got[t.name])
        out.append(Target(t.name, v, v - half, v + half,
                          f"synthetic: simulated at the true values, seed {seed}"))
    return tuple(out)


def coverage(draws: pd.DataFrame, free: Sequence[Free],
             truth: dict[str, float]) -> pd.DataFrame:
    """Per parameter: the true value, the 90% interval and whether it holds the truth."""
    ranges = intervals(draws, free)
    return pd.DataFrame([{"parameter": f.key, "true": truth[f.key], "low": ranges[f.key][0],
                          "high": ranges[f.key][1],
                          "covered": bool(ranges[f.key][0] <= truth[f.key] <= ranges[f.key][1])}
                         for f in free])


def identify(problem: FitProblem, settings: Settings = Settings(),
             truth: dict[str, float] | None = None, seed: int | None = None,
             progress: Callable[[str], None] | None = None) -> Identification:
    """Fit figures simulated at known values with another seed than the fit's own."""
    truth = dict(truth) if truth is not None else true_points(problem.free)
    seed = settings.model_seed + 1 if seed is None else seed
    if seed == settings.model_seed:
        raise ValueError("the synthetic figures need a seed other than the fit's model seed")
    targets = synthetic_targets(problem, truth, seed)
    synthetic = replace(problem, targets=targets,
                        data_used=f"synthetic figures simulated at known values, seed {seed}")
    result = fit(synthetic, settings, progress)
    return Identification(truth, seed, targets, result,
                          coverage(result.draws, problem.free, truth))


def resample(draws: pd.DataFrame, n: int) -> pd.DataFrame:
    """``n`` draws picked in proportion to weight by systematic resampling at the fixed
    positions (i + 0.5) / n of the cumulative weights, in draw order: no randomness, and
    the same picks as runs that take their behaviour from the posterior file."""
    ordered = draws.sort_values("draw").reset_index(drop=True)
    picks = systematic_picks(ordered["weight"].to_numpy(), n)
    return ordered.iloc[picks].reset_index(drop=True)


def predictive(problem: FitProblem, draws: pd.DataFrame, n: int, seed: int) -> pd.DataFrame:
    """Figures simulated at ``n`` posterior draws, draw i with seed ``seed + i``, so the
    spread carries both parameter uncertainty and the model's own noise."""
    keys = [f.key for f in problem.free]
    rows = []
    for i, rec in enumerate(resample(draws, n).to_dict("records")):
        got = problem.simulate({k: float(rec[k]) for k in keys}, seed + i)
        rows.append({"draw": int(rec["draw"]),
                     **{t.name: float(got[t.name]) for t in problem.targets}})
    return pd.DataFrame(rows)


def predictive_table(problem: FitProblem, sims: pd.DataFrame) -> pd.DataFrame:
    """Per target: its band beside the 5-95% range of the posterior predictive figures."""
    rows = []
    for t in problem.targets:
        lo, hi = (float(np.quantile(sims[t.name], q)) for q in (0.05, 0.95))
        rows.append({"target": t.name, "value": t.target, "band_low": t.low,
                     "band_high": t.high, "low": lo, "high": hi,
                     "overlaps": bool(lo <= t.high and hi >= t.low)})
    return pd.DataFrame(rows)

