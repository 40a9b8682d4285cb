"""Published designs replayed inside the model, and the evidence table they fill.

``python -m sim.trials`` replays each design in :mod:`sim.analysis.trials.designs`
(treated persons against themselves untreated, on common random numbers) and writes
``docs/evidence.md`` (:mod:`sim.analysis.trials.evidence`).
"""

from sim.analysis.trials.designs import BY_NAME, TRIALS
from sim.analysis.trials.replay import Published, Replay, Trial, replay, verdict

__all__ = ["BY_NAME", "TRIALS", "Published", "Replay", "Trial", "replay", "verdict"]
