"""``python -m sim.trials``.

Replay the published designs inside the model and write ``docs/evidence.md``.
"""

from __future__ import annotations

import argparse
import logging
import sys

from tqdm import tqdm

from sim.analysis.trials import BY_NAME, TRIALS, verdict
from sim.analysis.trials.evidence import (
    EVIDENCE_FILE,
    REPLICATIONS,
    build,
    fingerprint,
    render,
    replay_text,
)
from sim.config.paths import REPO
from sim.output.files import write_text_atomic

DESCRIPTION = ("Replay the published designs inside the model (treated persons against "
               "themselves untreated) and write docs/evidence.md.")


def current() -> bool:
    """Whether the committed evidence table was written from the current code and configs."""
    if not EVIDENCE_FILE.exists():
        return False
    first = EVIDENCE_FILE.read_text(encoding="utf-8").splitlines()[0]
    return f"inputs {fingerprint()}:" in first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sim.trials", description=DESCRIPTION)
    parser.add_argument("names", nargs="*", metavar="TRIAL",
                        help=f"trials to replay (default: all): {', '.join(BY_NAME)}")
    parser.add_argument("--replications", type=int, default=REPLICATIONS)
    parser.add_argument("--write", action="store_true",
                        help="replay every trial and rewrite docs/evidence.md")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 unless docs/evidence.md is current (no replay)")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in BY_NAME]
    if unknown:
        print(f"unknown trial {unknown[0]!r}; allowed: {', '.join(BY_NAME)}", file=sys.stderr)
        return 2
    if args.replications < 2:
        print(f"--replications={args.replications}: a paired interval needs at least 2",
              file=sys.stderr)
        return 2
    if args.check:
        ok = current()
        print("docs/evidence.md is current" if ok else
              "docs/evidence.md is out of date: run `python -m sim.trials --write`")
        return 0 if ok else 1
    if args.write and args.names:
        print("--write replays every trial; give no trial names", file=sys.stderr)
        return 2
    logging.getLogger("MESA").setLevel(logging.WARNING)
    names = args.names or [t.name for t in TRIALS]
    bar = tqdm(total=len(names), desc="trials", unit="trial", file=sys.stderr)
    replays, subsidy, national, extras = build(args.replications, names,
                                               lambda _: bar.update(), extras=args.write)
    bar.close()
    for name, rep in replays.items():
        print(f"{name}: {replay_text(rep)} -> {verdict(rep)}")
    if args.write:
        write_text_atomic(EVIDENCE_FILE, render(replays, subsidy, national, extras,
                                                 args.replications))
        print(f"wrote {EVIDENCE_FILE.relative_to(REPO)}")
    return 0
