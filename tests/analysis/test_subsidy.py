"""The wage subsidy's hires split against the paired baseline, on hand-made spells."""

from __future__ import annotations

import pandas as pd

from sim.analysis.subsidy import deadweight_of, subsidy_split, work_periods


def spells(rows: list[tuple[int, int, int | None, str]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["person_id", "start_month", "end_month", "end_reason"])
    df.insert(0, "replication", 0)
    return df.astype({"end_month": "Int32"})


def test_work_lasts_until_the_next_spell() -> None:
    p = work_periods(spells([(1, 0, 3, "work"), (1, 8, None, "open"), (2, 0, 5, "moved")]))
    assert p[["person_id", "start", "end"]].values.tolist() == [[1, 3.0, 8.0]]


def test_deadweight_needs_work_within_the_subsidy_period() -> None:
    base = work_periods(spells([(1, 0, 10, "work"), (2, 0, 2, "work"), (2, 4, None, "open"),
                                (3, 0, 1, "work")]))
    hires = spells([(1, 0, 0, "subsidised_work"), (2, 0, 6, "subsidised_work"),
                    (3, 0, 0, "subsidised_work"), (4, 0, 0, "subsidised_work")])
    # person 1 works from month 10, after the 6-month subsidy from 0: not deadweight;
    # person 2 worked in months 2-3 only, before the hire in month 6: not deadweight;
    # person 3 works from month 1, within the subsidy: deadweight; person 4 never works
    assert deadweight_of(hires, base, duration=6) == 1
    assert deadweight_of(hires, base, duration=12) == 2  # now person 1 too


def test_the_split_of_one_replication() -> None:
    base = spells([(1, 0, 2, "work"), (2, 0, None, "open"), (3, 0, 1, "work"),
                   (4, 0, 3, "work")])
    scen = spells([(1, 0, 0, "subsidised_work"), (2, 0, 0, "subsidised_work"),
                   (3, 0, None, "open"), (4, 0, 3, "work")])
    monthly = pd.DataFrame({"replication": [0], "ww_to_work": [5],
                            "wage_subsidy_displaced_outsiders": [1]})
    base_monthly = pd.DataFrame({"replication": [0], "ww_to_work": [7]})
    split = subsidy_split(scen, base, monthly, base_monthly, duration=6).iloc[0]
    assert split.to_dict() == {"hires": 2.0, "deadweight": 1.0, "substitution": 1.0,
                               "displacement": 3.0, "net_extra_exits": 0.0}
