"""Global sensitivity analysis with SALib: Morris screening, then Sobol indices.

An analysis is a SALib problem over explorable parameters (:mod:`sim.config.space`) and a
model: a picklable callable from one row of parameter values to named outcomes. SALib
draws the design and computes the indices; this module runs the rows, in parallel
through joblib, Ray or SLURM (:mod:`sim.analysis.launchers`), and keeps each finished row
as a file in the analysis folder, so an interrupted analysis resumes without redoing a
row. The design and the problem are kept
too, and a folder that holds another analysis is refused.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from SALib.analyze import morris as morris_analyze
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import morris as morris_sample
from SALib.sample import sobol as sobol_sample
from tqdm.auto import tqdm

from sim.analysis.launchers import check_launcher, run_blocks
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


def _run_rows(model: Model, rows: list[tuple[np.ndarray, Path]]) -> int:
    """One task: a block of rows run in turn in one process, each kept as it finishes."""
    for row, path in rows:
        out = {k: float(v) for k, v in model(row).items()}
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(out))
        tmp.replace(path)  # complete or absent
    return len(rows)


def block_size(problem: dict[str, Any], method: str) -> int:
    """Rows that belong together in the design: a Morris trajectory (k + 1 rows) or one
    base sample of Saltelli's design (k + 2). Each moves one parameter at a time, so a
    block run in one process finds its baselines and spin-ups already made."""
    return problem["num_vars"] + (1 if method == "morris" else 2)


def evaluate(model: Model, design: np.ndarray, folder: Path, jobs: int = 1,
             progress: bool = True, block: int = 1, launcher: str = "joblib",
             options: dict[str, Any] | None = None) -> dict[str, np.ndarray]:
    """Every row's outcomes, running only the rows without a kept result; the rows go to
    the workers of ``launcher`` (:mod:`sim.analysis.launchers`) ``block`` at a time, and
    the bar moves as blocks are done."""
    check_launcher(launcher, dict(options or {}))
    folder = folder.resolve()  # workers elsewhere write the rows
    (folder / "runs").mkdir(parents=True, exist_ok=True)
    todo = [i for i in range(len(design)) if not _row_file(folder, i).exists()]
    if todo:
        bar = tqdm(total=len(design), initial=len(design) - len(todo), unit="run",
                   desc=folder.name, disable=not progress)
        blocks: dict[int, list[tuple[np.ndarray, Path]]] = {}
        for i in todo:
            blocks.setdefault(i // max(1, block), []).append((design[i], _row_file(folder, i)))
        for done in run_blocks(partial(_run_rows, model), list(blocks.values()), launcher,
                               jobs, folder, options):
            bar.update(done)
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
