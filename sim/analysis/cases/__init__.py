"""Case reports: a replayed municipal news case set against what its article reported.

The sweep callback calls :func:`write_case_report` when the config names a case;
:func:`publish` copies a report to ``experiments/<case>/``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sim.analysis.cases.analyse import CaseResult, analyse, summary_frame
from sim.analysis.cases.jobs import case_jobs
from sim.analysis.cases.plots import DECOMP_PNG, STOCK_PNG, write_plots
from sim.analysis.cases.report import render
from sim.config.paths import EXPERIMENTS
from sim.output.files import write_text_atomic

REPORT = "report.md"
SUMMARY = "summary.csv"
CHECK = "summary_check.csv"


__all__ = ["CHECK", "EXPERIMENTS", "REPORT", "SUMMARY", "CaseResult", "analyse", "publish",
           "write_case_report"]


def write_case_report(folder: Path | str, plots: bool = True) -> Path:
    """Write report.md, summary.csv and the plots into the sweep folder; return the report."""
    folder = Path(folder)
    result = analyse(folder)
    write_text_atomic(folder / SUMMARY, summary_frame(result).to_csv(index=False))
    files = write_plots(result, folder) if plots else []
    path = folder / REPORT
    write_text_atomic(path, render(result, files))
    return path


def publish(folder: Path | str, check: bool = False, root: Path = EXPERIMENTS) -> Path:
    """Copy a sweep's case report to ``experiments/<case>/`` (or only its summary as the
    reference table of the reproducibility test, with ``check``)."""
    folder = Path(folder)
    case, _ = case_jobs(folder)
    dest = root / case["name"]
    dest.mkdir(parents=True, exist_ok=True)
    if check:
        shutil.copyfile(folder / SUMMARY, dest / CHECK)
        return dest / CHECK
    for name in (REPORT, SUMMARY, STOCK_PNG, DECOMP_PNG):
        if (folder / name).exists():
            shutil.copyfile(folder / name, dest / name)
    return dest / REPORT
