"""Global sensitivity analysis with SALib: Morris screening, then Sobol indices.

An analysis is a SALib problem over explorable parameters (:mod:`sim.config.space`) and a
model: a picklable callable from one row of parameter values to named outcomes. SALib
draws the design and computes the indices; this module runs the rows, in parallel
through joblib, and keeps each finished row as a file in the analysis folder, so an
interrupted analysis resumes without redoing a row. The design and the problem are kept
too, and a folder that holds another analysis is refused.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
from joblib import Parallel, delayed
from SALib.analyze import morris as morris_analyze
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import morris as morris_sample
from SALib.sample import sobol as sobol_sample
from tqdm.auto import tqdm

from sim.config.schema import ConfigError

METHODS = ("morris", "sobol")
MORRIS_LEVELS = 4
CONF_LEVEL = 0.95
Model = Callable[[np.ndarray], Mapping[str, float]]


def sample(problem: dict[str, Any], method: str, n: int, seed: int) -> np.ndarray:
    """The design: Morris trajectories (``n`` of them) or Saltelli's Sobol sample of base
    size ``n`` (a power of two), without second-order terms."""
    problem = copy.deepcopy(problem)  # SALib adds keys to the problem it samples
    if method == "morris":
        return morris_sample.sample(problem, n, num_levels=MORRIS_LEVELS, seed=seed)
    if method == "sobol":
        return sobol_sample.sample(problem, n, calc_second_order=False, seed=seed)
    raise ConfigError(f"method={method!r} is not allowed: choose from {', '.join(METHODS)}")


def prepare(folder: Path, problem: dict[str, Any], method: str, n: int,
            seed: int) -> np.ndarray:
    """The design of this analysis in ``folder``: drawn and kept, or read back when the
    folder holds the same analysis (a resume); another analysis there is refused."""
    folder.mkdir(parents=True, exist_ok=True)
    spec = {"problem": problem, "method": method, "n": n, "seed": seed}
    spec_file = folder / "design.json"
    if spec_file.exists():
        if json.loads(spec_file.read_text()) != json.loads(json.dumps(spec)):
            raise ConfigError(f"{folder}: holds another analysis (design.json differs); "
                              "allowed: the same settings to resume, or a new folder")
        return np.load(folder / "design.npy")
    design = sample(problem, method, n, seed)
    np.save(folder / "design.npy", design)
    spec_file.write_text(json.dumps(spec, indent=2) + "\n")  # last: the design is complete
    return design


def _row_file(folder: Path, i: int) -> Path:
    return folder / "runs" / f"{i:06d}.json"


def _run_row(model: Model, row: np.ndarray, path: Path) -> None:
    out = {k: float(v) for k, v in model(row).items()}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(out))
    tmp.replace(path)  # complete or absent


def evaluate(model: Model, design: np.ndarray, folder: Path, jobs: int = 1,
             progress: bool = True) -> dict[str, np.ndarray]:
    """Every row's outcomes, running only the rows without a kept result."""
    (folder / "runs").mkdir(parents=True, exist_ok=True)
    todo = [i for i in range(len(design)) if not _row_file(folder, i).exists()]
    if todo:
        bar = tqdm(total=len(design), initial=len(design) - len(todo), unit="run",
                   desc=folder.name, disable=not progress)
        batch = max(1, jobs) * 4
        for start in range(0, len(todo), batch):
            chunk = todo[start:start + batch]
            Parallel(n_jobs=jobs)(delayed(_run_row)(model, design[i], _row_file(folder, i))
                                  for i in chunk)
            bar.update(len(chunk))
        bar.close()
    rows = [json.loads(_row_file(folder, i).read_text()) for i in range(len(design))]
    return {k: np.array([r[k] for r in rows]) for k in rows[0]}


def indices(problem: dict[str, Any], method: str, design: np.ndarray,
            outcomes: Mapping[str, np.ndarray], seed: int) -> list[dict[str, Any]]:
    """One row per outcome, parameter and index: ``outcome, parameter, method, index,
    value, conf`` (Morris: mu_star with its bootstrap confidence and sigma; Sobol: S1 and
    ST with their bootstrap confidence)."""
    rows = []
    for name, y in outcomes.items():
        problem = copy.deepcopy(problem)
        if method == "morris":
            res = morris_analyze.analyze(problem, design, y, conf_level=CONF_LEVEL,
                                         seed=seed)
            parts = (("mu_star", "mu_star_conf"), ("sigma", None))
        else:
            res = sobol_analyze.analyze(problem, y, calc_second_order=False,
                                        conf_level=CONF_LEVEL, seed=seed)
            parts = (("S1", "S1_conf"), ("ST", "ST_conf"))
        for j, param in enumerate(problem["names"]):
            for index, conf in parts:
                rows.append({"outcome": name, "parameter": param, "method": method,
                             "index": index, "value": float(res[index][j]),
                             "conf": float(res[conf][j]) if conf else float("nan")})
    return rows


def screened(rows: list[dict[str, Any]], keep: int) -> list[str]:
    """The ``keep`` parameters with the largest Morris mu_star, each outcome's mu_star
    scaled by its largest, the largest over outcomes counting."""
    mu = [r for r in rows if r["method"] == "morris" and r["index"] == "mu_star"]
    top: dict[str, float] = {}
    for outcome in {r["outcome"] for r in mu}:
        these = [r for r in mu if r["outcome"] == outcome]
        scale = max(r["value"] for r in these) or 1.0
        for r in these:
            top[r["parameter"]] = max(top.get(r["parameter"], 0.0), r["value"] / scale)
    ordered = sorted(top, key=lambda p: (-top[p], p))
    return ordered[:keep]
