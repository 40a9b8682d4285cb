"""The command line of ``sim-run`` as Hydra reads it, parsed without Hydra's internals.

``sim-run`` checks the override keys before Hydra composes anything (so a misspelt key
fails with the project's message and exit code 2), which needs the overrides out of the
command line first. This parser knows Hydra's own flags so that it can tell them apart
from the overrides; the command line itself is then handed to Hydra unchanged.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass

INFO_CHOICES = ("all", "config", "defaults", "defaults-tree", "plugins", "searchpath")


@dataclass(frozen=True)
class Args:
    """What the command line asks for."""

    overrides: list[str]
    multirun: bool
    runs: bool  # False for --help, --cfg, --info and the like: nothing is simulated
    version: bool
    help: bool
    own_config: bool  # --config-path, --config-name or --config-dir: Hydra's to compose


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False, prog="sim-run")
    p.add_argument("overrides", nargs="*")
    for flags in (("--help", "-h"), ("--hydra-help",), ("--version",), ("--resolve",),
                  ("--run", "-r"), ("--multirun", "-m"), ("--shell-completion", "-sc")):
        p.add_argument(*flags, action="store_true")
    p.add_argument("--cfg", "-c", choices=("job", "hydra", "all"))
    for flags in (("--package", "-p"), ("--config-path", "-cp"), ("--config-name", "-cn"),
                  ("--config-dir", "-cd"), ("--experimental-rerun",)):
        p.add_argument(*flags)
    p.add_argument("--info", "-i", const="all", nargs="?", choices=INFO_CHOICES)
    return p


def parse(argv: Sequence[str]) -> Args:
    """Read ``argv`` (without the program name); unknown flags are left to Hydra."""
    ns, _ = parser().parse_known_args(list(argv))
    shows = ns.help or ns.hydra_help or ns.cfg or ns.info or ns.shell_completion
    return Args(overrides=list(ns.overrides), multirun=ns.multirun,
                runs=not (shows or ns.version or ns.experimental_rerun), version=ns.version,
                help=ns.help,
                own_config=bool(ns.config_path or ns.config_name or ns.config_dir))
