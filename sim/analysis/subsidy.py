"""The wage subsidy's subsidised hires split by what would have happened without it.

Replication ``r`` of a scenario and of its baseline share their seed (in every posterior
draw), so the same people arrive with the same luck and only the policy differs; the
baseline is the counterfactual of every person. Per draw and replication:

- **hires**: spells that ended in subsidised work;
- **deadweight**: hires whose person is in work in the baseline at some month of the
  subsidy period ``[hire, hire + duration)``: left bijstand for work by then and not yet
  back on it;
- **substitution**: exits to work of the other claimants (no subsidised hire in that
  replication) that happen in the baseline but not in the scenario, baseline minus
  scenario;
- **displacement**: people outside bijstand who lost the job: subsidised hires that took
  a vacancy an outside candidate would have won, no job added (counted at the vacancy,
  ``wage_subsidy_displaced_outsiders``), plus the job finds WW claimants lose, baseline
  minus scenario;
- **net extra exits**: every exit to work, scenario minus baseline.

With other instruments in the same scenario the split credits the subsidy with their
effects too; compare the subsidy alone against its baseline to read it cleanly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.output.frames import RUN_KEYS, with_draw

TO_WORK = ("work", "subsidised_work")
OUTCOMES = ("hires", "deadweight", "substitution", "displacement", "net_extra_exits")


def work_periods(spells: pd.DataFrame) -> pd.DataFrame:
    """Per exit to work: the months ``[start, end)`` the person is in work, off bijstand
    (``end``: the start of their next spell, or never)."""
    s = with_draw(spells).sort_values([*RUN_KEYS, "person_id", "start_month"], kind="stable")
    nxt = s.groupby([*RUN_KEYS, "person_id"])["start_month"].shift(-1)
    work = s["end_reason"].isin(TO_WORK)
    return pd.DataFrame({
        "draw": s["draw"][work], "replication": s["replication"][work],
        "person_id": s["person_id"][work],
        "start": s["end_month"][work].astype("float64"),
        "end": nxt[work].astype("float64").fillna(np.inf)})


def _exits(spells: pd.DataFrame, besides: np.ndarray | None = None) -> int:
    """Exits to work in one replication's spells, of everyone or of those not in
    ``besides``."""
    s = spells[spells["end_reason"].isin(TO_WORK)]
    return len(s) if besides is None else int((~s["person_id"].isin(besides)).sum())


def _total(monthly: pd.DataFrame, column: str) -> float:
    """A monthly column's sum; 0 where an older output lacks the column."""
    return float(monthly[column].sum()) if column in monthly else 0.0


def deadweight_of(hires: pd.DataFrame, base_periods: pd.DataFrame, duration: int) -> int:
    """Hires whose person is in work in the baseline within the subsidy period."""
    if hires.empty:
        return 0
    h = hires[["person_id", "end_month"]].rename(columns={"end_month": "hire"})
    h = h.reset_index(drop=True).reset_index(names="hire_id")
    both = h.merge(base_periods, on="person_id", how="inner")
    overlap = (both["start"] < both["hire"] + duration) & (both["end"] > both["hire"])
    return int(both.loc[overlap, "hire_id"].nunique())


def _of_run(frame: pd.DataFrame, run: tuple[int, int]) -> pd.DataFrame:
    """The rows of one run (draw, replication)."""
    frame = with_draw(frame)
    return frame[(frame["draw"] == run[0]) & (frame["replication"] == run[1])]


def replication_split(run: tuple[int, int], spells: pd.DataFrame, base_spells: pd.DataFrame,
                      monthly: pd.DataFrame, base_monthly: pd.DataFrame,
                      duration: int) -> dict[str, float]:
    """The split of one run's (draw, replication) subsidised hires against its paired
    baseline."""
    ours, base = _of_run(spells, run), _of_run(base_spells, run)
    hires = ours[ours["end_reason"] == "subsidised_work"]
    subsidised = hires["person_id"].unique()
    periods = work_periods(base)
    s_m, b_m = _of_run(monthly, run), _of_run(base_monthly, run)
    ww_lost = _total(b_m, "ww_to_work") - _total(s_m, "ww_to_work")
    return {
        "hires": float(len(hires)),
        "deadweight": float(deadweight_of(hires, periods, duration)),
        "substitution": float(_exits(base, subsidised) - _exits(ours, subsidised)),
        "displacement": _total(s_m, "wage_subsidy_displaced_outsiders") + ww_lost,
        "net_extra_exits": float(_exits(ours) - _exits(base)),
    }


def _runs(monthly: pd.DataFrame) -> set[tuple[int, int]]:
    m = with_draw(monthly)
    return set(zip(m["draw"].astype(int), m["replication"].astype(int), strict=True))


def subsidy_split(spells: pd.DataFrame, base_spells: pd.DataFrame, monthly: pd.DataFrame,
                  base_monthly: pd.DataFrame, duration: int) -> pd.DataFrame:
    """One row per run (draw, replication) both have: hires, deadweight, substitution,
    displacement and net extra exits."""
    runs = sorted(_runs(monthly) & _runs(base_monthly))
    rows = [replication_split(run, spells, base_spells, monthly, base_monthly, duration)
            for run in runs]
    return pd.DataFrame(rows, index=pd.MultiIndex.from_tuples(runs, names=list(RUN_KEYS)),
                        columns=list(OUTCOMES))
