"""What the commands say about themselves: version and commit, the list of commands."""

from __future__ import annotations

import sim
from sim.output.scenario import git_commit

COMMANDS = (
    ("sim-run", "run a scenario, or a sweep with -m (Hydra overrides; --help for examples)"),
    ("sim-compare", "compare every scenario of a sweep folder with its baseline"),
    ("sim-explore", "serve the interactive page for students in the browser"),
    ("sim-sensitivity", "Morris and Sobol indices: which assumptions drive a policy's effect"),
    ("python -m sim.validate", "check the baseline against the national figures"),
    ("python -m sim.posterior", "refit the behaviour posterior to the national rates of 2012-2019"),
    ("python -m sim.trials", "replay published designs and write docs/evidence.md"),
    ("python -m sim.cases", "write or publish the report of a case sweep"),
    ("python -m sim.paramdoc", "regenerate docs/parameters.md from the schema"),
)

RUN_USAGE = """\
usage: sim-run [KEY=VALUE ...]            one scenario, written to results/runs/<date>/<time>/
       sim-run -m KEY=A,B [KEY=C,D ...]   a sweep (the product), to results/sweeps/...

examples:
  sim-run municipality=small economy=recession 'policy=[wage_subsidy]'
  sim-run 'policy=[intensive_coaching]' policy.intensive_coaching.places=100
  sim-run -m +experiment=headline                     the headline comparison
  sim-run -m 'policy=baseline,[intensive_coaching]' economy=steady,recession
  sim-run -m +experiment=zwolle_2006 hydra.sweep.dir=FOLDER   (rerun into FOLDER resumes)
  sim-compare FOLDER                                  redo a sweep's comparison

Every value is checked before anything runs (exit code 2 names the key, the value and what
is allowed). Parameters, units and ranges: docs/parameters.md. Hydra's own help follows.
"""


def version_line(prog: str) -> str:
    """``<prog> <version> (commit <hash>)``, the commit where the source is a checkout."""
    commit = git_commit()
    return f"{prog} {sim.__version__}" + (f" (commit {commit[:12]})" if commit else "")


def command_list() -> str:
    width = max(len(name) for name, _ in COMMANDS)
    lines = [f"bijstand-sim {sim.__version__}: the commands", ""]
    lines += [f"  {name:<{width}}  {what}" for name, what in COMMANDS]
    lines += ["", "With the project's virtual environment: .venv/bin/sim-run, or activate it "
              "first (source .venv/bin/activate)."]
    return "\n".join(lines)
