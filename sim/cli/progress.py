"""A progress line across a sweep's jobs, whichever launcher runs them.

The launching process watches the sweep folder: a job is done once its ``summary.json``
or ``failed.json`` is there. tqdm draws the line (done out of total, and an ETA from the
pace of the jobs finished since the sweep started); jobs reused from an earlier, killed
run count as done from the start.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from tqdm.auto import tqdm

from sim.output.files import FAILED_FILE, SUMMARY_FILE

POLL_SECONDS = 1.0


def finished(folder: Path, total: int) -> int:
    return sum(((folder / str(i)) / SUMMARY_FILE).exists()
               or ((folder / str(i)) / FAILED_FILE).exists() for i in range(total))


class SweepProgress:
    """Watches a sweep folder in a background thread until stopped."""

    def __init__(self, folder: Path, total: int, reused: int) -> None:
        self.folder, self.total = folder, total
        self.bar = tqdm(total=total, initial=reused, desc="sweep", unit="job", file=sys.stderr,
                        dynamic_ncols=True, mininterval=POLL_SECONDS)
        self.done = reused
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="sweep-progress", daemon=True)

    def start(self) -> SweepProgress:
        self._thread.start()
        return self

    def _update(self) -> None:
        now = finished(self.folder, self.total)
        if now > self.done:
            self.bar.update(now - self.done)
            self.done = now

    def _watch(self) -> None:
        while not self._stop.wait(POLL_SECONDS):
            self._update()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._update()
        self.bar.close()
