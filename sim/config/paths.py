"""Where the source tree keeps what commands regenerate: configs, docs, published reports.

These are paths in a checkout of the repository (the project is installed editable);
commands that write them are development commands.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CONFIGS = REPO / "configs"
DOCS = REPO / "docs"
EXPERIMENTS = REPO / "experiments"
