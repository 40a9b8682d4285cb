"""The output contract's file names, and writing files so that none looks complete early.

A job folder holds ``monthly.csv`` and ``spells.parquet``, then ``summary.json``, each
written under a temporary name and renamed when complete: a folder with a summary is a
finished job. A job that failed holds ``failed.json`` instead.
"""

from __future__ import annotations

import json
import os
import tempfile
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


def check_output_folder(key: str, folder: Path) -> None:
    """Raise ConfigError unless ``folder`` can be made (or exists) and written to.

    Walks up to the first part of the path that exists: it must be a folder, and a file can
    be created in it (tried with a temporary file, so even root meets a read-only file
    system). Nothing is left behind.
    """
    from sim.config.schema import ConfigError

    path = folder.absolute()
    existing = next((p for p in (path, *path.parents) if p.exists()), None)
    if existing is None:
        raise ConfigError(f"{key}={folder}: no part of the path exists")
    if not existing.is_dir():
        what = "is a file" if existing == path else f"lies below the file {existing}"
        raise ConfigError(f"{key}={folder}: the output folder {what}; allowed: a folder, "
                          "or a path where one can be made")
    try:
        fd, probe = tempfile.mkstemp(dir=existing, prefix=".write-test-")
    except OSError as err:
        raise ConfigError(f"{key}={folder}: {existing} cannot be written to ({err.strerror}); "
                          "allowed: a folder you can write to") from None
    os.close(fd)
    os.unlink(probe)


def save_figure(fig, path: Path, dpi: int = 110) -> Path:
    """Save a Matplotlib figure as PNG under a temporary name, then rename it."""
    write_atomic(path, lambda p: fig.savefig(p, format="png", dpi=dpi))
    return path
