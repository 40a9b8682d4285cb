"""How long does a step of the browser page take, from clicking Step to the redrawn chart?

Starts the page's server on a free local port, opens it in headless Chromium (Debian's
package), and for each municipality size moves the claimants slider, switches the three
headline policies on, presses Reset and clicks Step a number of times. A step counts
from the click until the step counter and the stock chart both show the new month: the
model's month, the baseline's month, drawing four charts and the browser's update.

Prints, per size, the engine the page chose and the median and slowest step; the model's
own share (both models' month, timed in this process) is shown beside it. Exits 1 if the
median step for 3,000 claimants is a second or more.

    python benchmarks/bench_page.py [--claimants 300 1000 3000] [--steps 10] [--no-policy]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "app"))
from page_driver import CHROMIUM, PageDriver  # noqa: E402 - the browser test's driver

from sim.app.model import ExploreModel  # noqa: E402
from sim.app.serve import serve  # noqa: E402

TARGET_CLAIMANTS, TARGET_S = 3000, 1.0
POLICIES = ("Intensive coaching", "Wage cost subsidy", "WW prevention")


def model_step_seconds(claimants: int, steps: int, policy: bool) -> float:
    """Median time of the models' month alone (scenario plus baseline), in this process."""
    model = ExploreModel(claimants=claimants, coaching=policy, subsidy=policy,
                         ww_prevention=policy)
    times = []
    for _ in range(steps):
        start = time.perf_counter()
        model.step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def page_steps(page: PageDriver, claimants: int, steps: int, policy: bool) -> list[float]:
    """Rebuild the page's model at ``claimants`` and time ``steps`` clicks on Step."""
    page.set_slider("Claimants at the start", claimants)
    if policy:
        for label in POLICIES:
            if not page.page.get_by_role("checkbox", name=label).is_checked():
                page.toggle(label)
    page.reset(expect=f"{claimants:,} claimants")
    page.step()  # one-off costs in the browser are not a student's waiting time
    return [page.step() for _ in range(steps)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claimants", type=int, nargs="+", default=[300, 1000, 3000],
                        help="municipality sizes to time (slider steps of 100)")
    parser.add_argument("--steps", type=int, default=10, help="timed steps per size")
    parser.add_argument("--no-policy", action="store_true",
                        help="leave the policies off (the baseline alone)")
    args = parser.parse_args(argv)
    logging.getLogger("MESA").setLevel(logging.WARNING)
    if not Path(CHROMIUM).exists():
        print(f"needs Debian's chromium at {CHROMIUM} (make browser)", file=sys.stderr)
        return 2
    policy = not args.no_policy
    rows = []
    with serve() as url, PageDriver.open(url) as page:
        for n in args.claimants:
            times = page_steps(page, n, args.steps, policy)
            engine = "agent" if "Agent engine" in page.text(".explore-engine") else "fast"
            rows.append((n, engine, statistics.median(times), max(times),
                         model_step_seconds(n, args.steps, policy)))
        outside = page.outside
    print(f"page step, click to redrawn chart; {args.steps} steps per size after one untimed "
          f"step; policies {'on' if policy else 'off'}")
    print(f"{'claimants':>9}  {'engine':<6}  {'median s':>8}  {'max s':>6}  {'models s':>8}")
    for n, engine, median, worst, models in rows:
        print(f"{n:>9,}  {engine:<6}  {median:>8.3f}  {worst:>6.3f}  {models:>8.3f}")
    if outside:
        print(f"the page asked for outside resources: {outside}", file=sys.stderr)
        return 1
    target = [median for n, _, median, _, _ in rows if n == TARGET_CLAIMANTS]
    if target and target[0] >= TARGET_S:
        print(f"FAIL: {TARGET_CLAIMANTS:,} claimants: median step {target[0]:.2f} s "
              f"(target < {TARGET_S:g} s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
