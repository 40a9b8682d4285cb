"""Run one scenario's replications and write the output contract into a folder.

With ``run.posterior_draws = K > 0`` the scenario runs K draws of the behaviour posterior x
``run.replications``: replication r keeps its seed in every draw, so a scenario and its
baseline share common random numbers within each draw and draws differ only by their
parameters. Rows carry ``draw`` and ``replication`` (:mod:`sim.output.frames`).

Files are written under temporary names and renamed when complete; ``summary.json``
comes last, so a folder with a summary is a finished run.
"""

from __future__ import annotations

import json
import subprocess
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm.auto import tqdm

import sim
from sim.config.keywords import apply_keywords
from sim.config.params import Config
from sim.config.posterior import draw_configs, posterior_record
from sim.config.validate import ensure_valid
from sim.core.checkpoint import at_month_zero
from sim.output.files import MONTHLY_FILE, SPELLS_FILE, SUMMARY_FILE, write_atomic
from sim.output.frames import RUN_KEYS, monthly_frame, spell_frame

MONTH_END_STOCK = "stock"


def simulate(config: Config | str | None = None, replications: int | None = None,
             **keywords: Any) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run every replication in memory: ``(monthly, spells)`` for all of them, no files.

    ``config`` is a :class:`Config`, or the name of a preset (an experiment or a
    municipality, see :func:`sim.config.compose.load_preset`); keywords change a copy of
    it as they would a model's (``claimants=300``, ``policy=["wage_subsidy"]``...).
    Without a seed keyword the run uses ``run.seed``, so it repeats exactly.
    """
    if isinstance(config, str):
        from sim.config.compose import load_preset

        config = load_preset(config)
    if replications is not None:
        keywords["replications"] = replications
    cfg = apply_keywords(config, keywords) if keywords else ensure_valid(config or Config())
    return run_replications(cfg)


def run_replications(cfg: Config) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All replications of a checked config, under every posterior draw it asks for, with a
    progress bar on long runs."""
    runs = [(draw, draw_cfg, r) for draw, draw_cfg in enumerate(draw_configs(cfg))
            for r in range(cfg.run.replications)]
    show = cfg.run.progress and len(runs) * cfg.municipality.claimants > 10_000
    parts = [run_replication(draw_cfg, r, draw) for draw, draw_cfg, r in tqdm(
        runs, desc="replications", unit="rep", disable=not show)]
    return (pd.concat([m for m, _ in parts], ignore_index=True),
            pd.concat([s for _, s in parts], ignore_index=True))


def run_replication(cfg: Config, replication: int, draw: int = 0
                    ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One replication: monthly rows and the spell table, labelled with ``draw``."""
    model = run_model(cfg, replication)
    return monthly_frame(model, draw), spell_frame(model, draw)


def run_monthly(cfg: Config, replication: int, draw: int = 0) -> pd.DataFrame:
    """One replication's monthly rows only (what paired outcomes need: no spell table)."""
    return monthly_frame(run_model(cfg, replication), draw)


def run_model(cfg: Config, replication: int, columns: tuple[str, ...] | None = None):
    """One replication stepped to its horizon, from the shared state at month 0; with
    ``columns``, only those columns of the ledger are collected."""
    model = at_month_zero(cfg, replication)
    if columns is not None:
        model.collect_columns(columns)
    for _ in range(cfg.run.horizon_months):
        model.step()
    return model


def summarise(cfg: Config, monthly: pd.DataFrame, wall_seconds: float,
              resolved: dict[str, Any] | None) -> dict[str, Any]:
    """Headline outcomes (mean over draws and replications) plus provenance."""
    last = monthly[monthly["month"] == monthly["month"].max()]
    per_rep = monthly.groupby(list(RUN_KEYS)).agg(
        outflow_work=("outflow_work", "sum"), outflow=("outflow", "sum"),
        inflow=("inflow", "sum"), cost_total=("cost_total", "sum"),
        cost_benefits=("cost_benefits", "sum"), cost_staff=("cost_staff", "sum"),
        cost_admin=("cost_admin", "sum"), cost_instruments=("cost_instruments", "sum"))
    first = monthly[monthly["month"] == 0]
    headline = {
        "stock_start": float(first[MONTH_END_STOCK].mean()),
        "stock_horizon": float(last[MONTH_END_STOCK].mean()),
        **{f"cumulative_{k}": float(v) for k, v in per_rep.mean().items()},
    }
    out = {
        "headline": headline,
        "replications": cfg.run.replications,
        "posterior_draws": cfg.run.posterior_draws,
        "horizon_months": cfg.run.horizon_months,
        "seed": cfg.run.seed,
        "engine": cfg.run.engine,
        "policy": sorted(k for k, v in asdict(cfg.policy).items() if v is not None),
        "provenance": {
            "package_version": sim.__version__,
            "git_commit": git_commit(),
            "wall_seconds": round(wall_seconds, 3),
            "config": resolved if resolved is not None else asdict(cfg),
        },
    }
    if (posterior := posterior_record(cfg.run.posterior_draws)) is not None:
        out["posterior"] = posterior
    return out


def git_commit() -> str | None:
    """The commit of the source tree the package runs from, if it is a git checkout."""
    here = Path(__file__).resolve().parent
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=here, capture_output=True,
                             text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def run_scenario(cfg: Config, out_dir: Path, resolved: dict[str, Any] | None = None
                 ) -> dict[str, Any]:
    """Run all replications of a scenario and write monthly.csv, spells.parquet, summary.json."""
    ensure_valid(cfg)
    out_dir.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    monthly, spell_table = run_replications(cfg)
    summary = summarise(cfg, monthly, time.perf_counter() - start, resolved)
    write_atomic(out_dir / MONTHLY_FILE, lambda p: monthly.to_csv(p, index=False))
    write_atomic(out_dir / SPELLS_FILE,
                 lambda p: spell_table.to_parquet(p, index=False, engine="pyarrow"))
    write_atomic(out_dir / SUMMARY_FILE,
                 lambda p: p.write_text(json.dumps(summary, indent=2, default=str) + "\n"))
    return summary
