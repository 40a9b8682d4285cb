"""Compare the jobs of a sweep: every policy scenario against its own baseline.

:func:`compare_sweep` (run by ``sim-compare`` and at the end of every ``sim-run -m``
sweep) reads every job folder, pairs each scenario with the baseline job (no
instrument) whose configuration is otherwise identical, and writes ``comparison.csv``,
``comparison.md`` and two PNG plots into the sweep folder. Failed and incomplete jobs
are listed in the report, never fatal, so one broken job does not cost the rest.

Every paired effect gets two intervals at the same confidence level
(:mod:`sim.analysis.uncertainty`): *MC only* (``_lo``/``_hi``), the Monte Carlo noise of
R replications at one parameter set, from the within-draw paired differences; and *with
parameter uncertainty* (``_full_lo``/``_full_hi``), when jobs ran several draws of the
behaviour posterior (``run.posterior_draws``): by the law of total variance, the spread of
the effect across draws, net of its Monte Carlo noise, added to the Monte Carlo part. With
one draw the two are equal, and ``comparison.md`` says parameter uncertainty was not
sampled.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from sim.analysis.jobs import Job, check_plan, find_jobs
from sim.analysis.markdown import render_markdown
from sim.analysis.plots import write_plots
from sim.analysis.tables import build_table
from sim.analysis.tidy import write_sweep_tables
from sim.output.files import write_text_atomic
from sim.output.sweep_folder import recorded_plan

CSV_NAME = "comparison.csv"
MD_NAME = "comparison.md"


@dataclass
class Comparison:
    """What ``compare_sweep`` found and wrote."""

    folder: Path
    jobs: list[Job]
    table: pd.DataFrame
    groups: dict[str, list[Job]]
    unmatched: list[Job]
    planned: int | None = None  # jobs the sweep's plan holds (None: no plan recorded)
    missing: list[str] = field(default_factory=list)  # planned jobs with no folder
    files: dict[str, Path] = field(default_factory=dict)

    @property
    def failed(self) -> list[Job]:
        return [j for j in self.jobs if j.status == "failed"]

    @property
    def incomplete(self) -> list[Job]:
        return [j for j in self.jobs if j.status == "incomplete"]

    @property
    def not_compared(self) -> list[Job]:
        """Found but left out: failed, incomplete, corrupt, or not in the plan."""
        return [j for j in self.jobs if j.status != "complete"]


def compare_sweep(folder: Path | str, out: Path | str | None = None, plots: bool = True
                  ) -> Comparison:
    """Read every job under ``folder``, write comparison.csv/.md and plots into ``out``."""
    folder = Path(folder)
    out_dir = Path(out) if out is not None else folder
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder")
    jobs = find_jobs(folder)
    plan = recorded_plan(folder)
    missing = check_plan(jobs, plan)
    table, groups, unmatched = build_table(jobs)
    result = Comparison(folder, jobs, table, groups, unmatched,
                        None if plan is None else len(plan), missing)
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_path = out_dir / CSV_NAME
    write_text_atomic(csv_path, table.to_csv(index=False))
    result.files["csv"] = csv_path
    if plots and not table.empty:
        result.files.update(write_plots(result, out_dir))
    result.files.update(write_sweep_tables(out_dir, jobs))
    md_path = out_dir / MD_NAME
    write_text_atomic(md_path, render_markdown(result, out_dir))
    result.files["md"] = md_path
    return result


def report(result: Comparison) -> None:
    """Tell where the comparison is, and what was left out."""
    print(f"comparison: {result.files['md'].absolute()}")
    if result.missing:
        print(f"warning: {len(result.missing)} of {result.planned} planned jobs have no folder",
              file=sys.stderr)
    left_out = len(result.not_compared)
    if left_out:
        print(f"warning: {left_out} of {len(result.jobs)} jobs failed or are incomplete; "
              f"they are listed in {result.files['md'].name}", file=sys.stderr)
    if result.unmatched:
        print(f"warning: {len(result.unmatched)} scenario(s) have no matching baseline",
              file=sys.stderr)
