"""``python -m sim.trials``.

Replay a field trial inside the model: treated persons against themselves untreated.
"""

from __future__ import annotations

import argparse

from sim.analysis.trials import ALMERE_EFFECT, ALMERE_MONTHS, replay_almere

DESCRIPTION = "Replay a field trial inside the model: treated persons against themselves untreated."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sim.trials",
                                     description=DESCRIPTION)
    parser.add_argument("--replications", type=int, default=20)
    args = parser.parse_args(argv)
    res = replay_almere(replications=args.replications)
    print(f"Almere trial replay: {res.treated} treated per replication, "
          f"{args.replications} replications, {ALMERE_MONTHS} months")
    print(f"  found work, treated:  {res.share_work_treated:.3f}")
    print(f"  found work, control:  {res.share_work_control:.3f}")
    print(f"  effect: {100 * res.effect:+.1f} percentage points "
          f"(95% interval {100 * res.effect_low:+.1f} to {100 * res.effect_high:+.1f}); "
          f"trial: about +{100 * ALMERE_EFFECT:.0f}")
    return 0

