"""The output contract's file names, and writing files so that none looks complete early.

A job folder holds ``monthly.csv`` and ``spells.parquet``, then ``summary.json``, each
written under a temporary name and renamed when complete: a folder with a summary is a
finished job. A job that failed holds ``failed.json`` instead.
"""

from __future__ import annotations

import json
import os
import traceback
from collections.abc import Callable
from pathlib import Path

SUMMARY_FILE = "summary.json"
FAILED_FILE = "failed.json"
MONTHLY_FILE = "monthly.csv"
SPELLS_FILE = "spells.parquet"
TEMPORARY = ".tmp"


def write_atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Write through ``write(temporary path)``, then rename: the file appears complete."""
    tmp = path.with_name(path.name + TEMPORARY)
    write(tmp)
    os.replace(tmp, path)


def write_text_atomic(path: Path, text: str) -> None:
    write_atomic(path, lambda p: p.write_text(text, encoding="utf-8"))


def record_failure(out: Path, err: BaseException, kind: str, overrides: list[str]) -> None:
    """Write failed.json so a sweep's comparison can list this job instead of losing it."""
    out.mkdir(parents=True, exist_ok=True)
    info = {"kind": kind, "error": type(err).__name__, "message": str(err),
            "overrides": overrides, "traceback": traceback.format_exc()}
    write_text_atomic(out / FAILED_FILE, json.dumps(info, indent=2) + "\n")
