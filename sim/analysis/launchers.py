"""Where the blocks of a sensitivity design run: the back-ends of the sweeps' launchers.

``joblib`` runs them in local processes (as ``hydra/launcher=joblib`` does); ``ray`` hands
them to Ray as tasks, on this machine or a running cluster (the ``ray`` extra, as
``hydra/launcher=ray_local`` and ``ray_cluster``; Ray, not ``--jobs``, decides how many
run at once); ``slurm`` submits them as a SLURM job
array through submitit (the ``slurm`` extra, as ``hydra/launcher=slurm``), and
``submitit_local`` runs that same path as local processes, to try it without a cluster.
Every block writes its rows into the analysis folder itself, so the folder must be on a
file system the workers share, and whatever finished before an interruption is kept.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from joblib import Parallel, delayed

from sim.config.schema import ConfigError

LAUNCHERS = ("joblib", "ray", "submitit_local", "slurm")
NEEDS = {"ray": ("ray", "ray"), "submitit_local": ("submitit", "slurm"),
         "slurm": ("submitit", "slurm")}  # launcher: (module, extra that installs it)


def check_launcher(launcher: str, options: dict[str, Any]) -> None:
    """Refuse an unknown launcher, a missing extra or options it does not take, before
    any row runs."""
    if launcher not in LAUNCHERS:
        raise ConfigError(f"launcher={launcher!r} is not allowed: choose from "
                          f"{', '.join(LAUNCHERS)}")
    module, extra = NEEDS.get(launcher, ("joblib", ""))
    if importlib.util.find_spec(module) is None:
        raise ConfigError(f"launcher={launcher!r} needs {module}: pip install -e '.[{extra}]'")
    if launcher == "joblib" and options:
        raise ConfigError(f"launcher option {sorted(options)[0]!r}: joblib takes none "
                          "(use --jobs)")


def run_blocks(task: Callable[..., int], blocks: Sequence[Any], launcher: str = "joblib",
               jobs: int = 1, folder: Path | None = None,
               options: dict[str, Any] | None = None) -> Iterator[int]:
    """Run ``task(block)`` for every block; yields each result as its block finishes."""
    options = dict(options or {})
    check_launcher(launcher, options)
    if launcher in ("submitit_local", "slurm"):
        yield from _submitit(task, blocks, launcher, jobs, folder, options)
        return
    if launcher == "ray":
        yield from _ray(task, blocks, options)
        return
    yield from Parallel(n_jobs=jobs, return_as="generator_unordered")(
        delayed(task)(block) for block in blocks)


def _ray(task: Callable[..., int], blocks: Sequence[Any], options: dict[str, Any]
         ) -> Iterator[int]:
    """Every block as a Ray task (Ray places them on the cluster's cores), yielded as each
    finishes."""
    import ray

    if not ray.is_initialized():
        ray.init(**options)
    remote, shared = ray.remote(_call), ray.put(task)  # the model is sent once
    pending = [remote.remote(shared, block) for block in blocks]
    while pending:
        done, pending = ray.wait(pending, num_returns=1)
        yield ray.get(done[0])


def _submitit(task: Callable[..., int], blocks: Sequence[Any], launcher: str, jobs: int,
              folder: Path | None, options: dict[str, Any]) -> Iterator[int]:
    """One array task per block on SLURM; locally, the blocks shared among ``jobs``
    processes (all cores for -1), as submitit's local executor starts every task at once."""
    import submitit

    cluster = "local" if launcher == "submitit_local" else "slurm"
    executor = submitit.AutoExecutor(folder=str((folder or Path(".")) / "submitit"),
                                     cluster=cluster)
    if options:
        executor.update_parameters(**options)
    if cluster == "local":
        workers = max(1, os.cpu_count() or 1) if jobs < 1 else jobs
        bundles = [list(blocks[i::workers]) for i in range(min(workers, len(blocks)))]
        submitted = executor.map_array(_run_all, [task] * len(bundles), bundles)
    else:
        submitted = executor.map_array(task, blocks)
    for job in submitit.helpers.as_completed(submitted):
        yield job.result()


def _call(task: Callable[..., int], block: Any) -> int:
    return task(block)


def _run_all(task: Callable[..., int], blocks: list[Any]) -> int:
    return sum(task(block) for block in blocks)
