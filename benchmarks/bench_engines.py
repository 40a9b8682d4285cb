"""How fast are the two engines, and does one replication fit the time and memory budget?

Prints, from one run:

(a) throughput of the fast and the agent engine on the same small municipality, and their
    ratio (the fast engine exists to be at least 30 times faster);
(b) wall time and peak memory of one replication of a Zwolle-sized municipality
    (2,700 claimants, 60 months) and of the whole country (420,000 claimants, 120 months;
    ``make bench`` leaves it to ``bench_sensitivity.py``), with no policy and with all
    fourteen instruments switched on (places, referrals and scans scaled to the
    municipality's size).

Each case in (b) runs in a fresh Python process, so its peak resident set size is its own
and not left over from an earlier case. Exits 1 if any figure misses its target.

    python benchmarks/bench_engines.py [--quick] [--skip-national] [--repeats N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass

import numpy as np

from sim.config.params import Config
from sim.core.model import ReintegrationModel
from sim.core.population import State
from sim.policies.registry import all_instruments

SMALL = {"claimants": 300, "horizon": 24, "warmup": 24}
RATIO_TARGET = 30.0
CASES = {  # name: (claimants, horizon months, wall-time target s, memory target GB or None)
    "medium": (2_700, 60, 0.5, None),
    "national": (420_000, 120, 20.0, 2.0),
}
SINGLE_RUN = {"national"}  # long enough that timing noise does not matter
SIZED_FOR = 2_700  # instrument capacities in the configs are sized for this caseload
CAPACITIES = ("places", "referrals_per_month", "scans_per_month")


class CountingModel(ReintegrationModel):
    """The model, counting the person-months and bijstand stock-months it simulates.

    Counting hooks into the month's first and last bookkeeping call, so warm-up months
    (run inside the constructor) are counted as well and the engines' work is untouched.
    """

    person_months = 0
    stock_months = 0

    def begin_month(self) -> None:
        self.person_months += self.pop.n  # rows every stage scans, incl. not-yet-dropped leavers
        super().begin_month()

    def end_month(self) -> None:
        self.stock_months += int((self.pop.state == State.BIJSTAND).sum())
        super().end_month()


def config(claimants: int, horizon: int, warmup: int | None, engine: str,
           policies: bool = False) -> Config:
    cfg = Config()
    if policies:
        cfg.policy = all_instruments()
        for instrument in cfg.policy.active().values():
            for key in CAPACITIES:
                if hasattr(instrument, key):
                    scaled = round(getattr(instrument, key) * claimants / SIZED_FOR)
                    setattr(instrument, key, max(1, scaled))
    cfg.municipality.claimants = claimants
    cfg.run.horizon_months = horizon
    if warmup is not None:
        cfg.run.warmup_months = warmup
    cfg.run.engine = engine
    cfg.run.progress = False
    return cfg


def run_once(cfg: Config) -> tuple[float, float, CountingModel]:
    """Wall and CPU time of construction (includes warm-up) plus all steps.

    CPU time is reported next to wall time because it is far less affected by other
    work on a shared machine; the targets are on wall time.
    """
    start, cpu = time.perf_counter(), time.process_time()
    model = CountingModel(cfg)
    for _ in range(cfg.run.horizon_months):
        model.step()
    return time.perf_counter() - start, time.process_time() - cpu, model


@dataclass
class Throughput:
    engine: str
    seconds: float
    cpu_seconds: float
    person_months: int
    stock_months: int
    monthly: np.ndarray

    @property
    def rate(self) -> float:
        return self.person_months / self.seconds


def throughput(engine: str, repeats: int) -> Throughput:
    """Best of ``repeats`` runs of the small municipality (best: least disturbed by noise)."""
    cfg = config(SMALL["claimants"], SMALL["horizon"], SMALL["warmup"], engine)
    runs = [run_once(cfg) for _ in range(repeats)]
    best, _, model = min(runs, key=lambda r: r[0])
    monthly = model.datacollector.get_model_vars_dataframe().to_numpy(dtype=float)
    return Throughput(engine, best, min(r[1] for r in runs), model.person_months,
                      model.stock_months, monthly)


def child(claimants: int, horizon: int, policies: int) -> None:
    """Run one case in this (fresh) process and print its figures as JSON."""
    base_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    seconds, cpu_seconds, model = run_once(config(claimants, horizon, None, "fast",
                                                  bool(policies)))
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds,
                      "peak_gb": peak_kb * 1024 / 1e9, "base_gb": base_kb * 1024 / 1e9,
                      "warmup": model.cfg.run.warmup_months,
                      "person_months": model.person_months}))


def run_case(claimants: int, horizon: int, policies: bool) -> dict[str, float]:
    """One replication in a fresh interpreter: its own wall time and peak RSS."""
    out = subprocess.run([sys.executable, __file__, "--child", str(claimants), str(horizon),
                          str(int(policies))], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


def print_table(rows: list[tuple[str, str, str, str]]) -> None:
    """The figures as a plain-text table: figure, measured, target, result."""
    header = ("figure", "measured", "target", "result")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    for r in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="one repeat per engine and no national case")
    parser.add_argument("--skip-national", action="store_true",
                        help="leave out the 420,000-claimant case (about a minute)")
    parser.add_argument("--repeats", type=int, default=5,
                        help="runs per engine in (a) and of the medium case in (b), each in a "
                             "fresh process; the fastest counts (timing noise only adds time)")
    parser.add_argument("--no-instruments", action="store_true",
                        help="leave out the (b) cases with all instruments switched on")
    parser.add_argument("--child", nargs=3, type=int,
                        metavar=("CLAIMANTS", "HORIZON", "POLICIES"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    repeats = 1 if args.quick else max(1, args.repeats)
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} CPUs, load average {load:.2f} at start "
          "(timings assume an otherwise idle machine)")
    rows: list[tuple[str, str, str, str]] = []
    failed = False

    # (a) throughput on the same config
    run_once(config(50, 2, 12, "fast"))  # first-call costs (imports, tables) out of the timing
    fast, agent = throughput("fast", repeats), throughput("agent", repeats)
    agree = np.array_equal(fast.monthly, agent.monthly)
    ratio = fast.rate / agent.rate
    cpu_ratio = agent.cpu_seconds / fast.cpu_seconds
    print(f"(a) {SMALL['claimants']} claimants, horizon {SMALL['horizon']}, warm-up "
          f"{SMALL['warmup']} months; best of {repeats} run(s) per engine.")
    print("    claimant-months = sum over simulated months (warm-up included) of tracked "
          "persons (model.pop.n at the start of the month);")
    print(f"    {fast.person_months:,} claimant-months, {fast.stock_months:,} bijstand "
          f"stock-months per run; engines give identical monthly output: "
          f"{'yes' if agree else 'NO'}")
    for t in (fast, agent):
        rows.append((f"{t.engine} engine throughput", f"{t.rate:,.0f} claimant-months/s "
                     f"({t.seconds:.3f} s; CPU {t.cpu_seconds:.3f} s)", "-", "info"))
    rows.append(("fast / agent ratio", f"{ratio:.1f}x (CPU {cpu_ratio:.1f}x)",
                 f">= {RATIO_TARGET:.0f}x",
                 verdict(ratio >= RATIO_TARGET)))
    failed |= ratio < RATIO_TARGET or not agree

    # (b) one replication per case, each in a fresh process, fast engine, default warm-up
    cases = [c for c in CASES if c == "medium" or not (args.quick or args.skip_national)]
    variants = (False,) if args.no_instruments else (False, True)
    for name, policies in [(c, p) for c in cases for p in variants]:
        claimants, horizon, time_target, mem_target = CASES[name]
        runs = [run_case(claimants, horizon, policies)
                for _ in range(1 if name in SINGLE_RUN else repeats)]
        r = {"seconds": min(x["seconds"] for x in runs),
             "cpu_seconds": min(x["cpu_seconds"] for x in runs),
             "peak_gb": max(x["peak_gb"] for x in runs), "base_gb": runs[0]["base_gb"]}
        label = f"{claimants:,} x {horizon} months" + (", all instruments" if policies else "")
        if len(runs) > 1:
            label += f" (best of {len(runs)})"
        ok = r["seconds"] < time_target
        failed |= not ok
        rows.append((f"{label}: wall time",
                     f"{r['seconds']:.2f} s (CPU {r['cpu_seconds']:.2f} s)",
                     f"< {time_target:g} s", verdict(ok)))
        mem = f"{r['peak_gb']:.2f} GB (after imports {r['base_gb']:.2f} GB)"
        if mem_target is None:
            rows.append((f"{label}: peak RSS", mem, "-", "info"))
        else:
            ok = r["peak_gb"] < mem_target
            failed |= not ok
            rows.append((f"{label}: peak RSS", mem, f"< {mem_target:g} GB", verdict(ok)))
    print(f"(b) one replication, fast engine, default warm-up of {Config().run.warmup_months} "
          "months; wall time = construction (incl. warm-up) + steps; peak RSS of a fresh "
          "process per case.")

    print_table(rows)
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    if not agree:
        print("the engines disagree: the ratio compares different work", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
