"""Claimant state as columns of arrays, shared by both engines.

Each tracked person is a row. Durations, ages and tenures are derived from the month an
event happened (``spell_start``, ``birth_month``, ``work_start``...), so nothing is
incremented month by month. Rows of people who left the model are dropped from time to
time (``compact``); person ids stay the same and rows keep id order.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np


class State(IntEnum):
    """Where a person is this month; every tracked person is in exactly one state.

    Compare a column with a code's ``.value`` (``pop.state == State.WW.value``): given
    the member itself, numpy asks the enum class for its array protocols first, which
    costs a few microseconds per comparison under Python 3.11.
    """

    WW = 0
    BIJSTAND = 1
    WORK = 2
    SUBSIDISED_WORK = 3
    OTHER_INCOME = 4
    GONE = 5


class Household(IntEnum):
    SINGLE = 0
    SINGLE_PARENT = 1
    COUPLE = 2


class Route(IntEnum):
    """How a bijstand spell began."""

    INITIAL = 0  # already on bijstand when the simulation starts
    NEW = 1  # new applicant
    WW = 2  # WW reached its maximum duration
    RETURN = 3  # came back after an earlier spell (job lost or other income ended)


class EndReason(IntEnum):
    """Why a bijstand spell, or a person's time in the model, ended."""

    OPEN = 0
    WORK = 1
    SUBSIDISED_WORK = 2
    OTHER_INCOME = 3
    MOVED = 4
    PENSION = 5
    EDUCATION = 6  # left for study or training (after a reintegration trajectory)
    CALLED_IN = 7  # left once called in: other income, undeclared work or a move came out
    # reasons for leaving the model from outside bijstand
    SETTLED = 10
    WW_WORK = 11
    WW_INELIGIBLE = 12
    NO_CLAIM = 13


BARRIERS = ("health", "debt", "language", "confidence")

COLUMNS: dict[str, type] = {
    "person_id": np.int64,
    "state": np.int8,
    "household": np.int8,
    "birth_month": np.int32,
    "education": np.int8,
    "work_history_years": np.float64,
    "wage_value": np.float64,
    "health": np.bool_,
    "debt": np.bool_,
    "language": np.bool_,
    "confidence": np.bool_,
    "permit_holder": np.bool_,  # refugee with a residence permit (statushouder)
    "earlier_spells": np.int16,
    "spell_start": np.int32,  # month the current bijstand spell began
    "spell_row": np.int64,  # row of the current spell in the spell table
    "state_since": np.int32,  # month the current state began (work, other income, WW)
    "ww_end": np.int32,  # month WW reaches its maximum duration
    "cm": np.int32,  # client manager, while on bijstand
    "last_contact": np.int32,  # month of the last client-manager contact
    "employer": np.int32,  # employer, while in work
    "work_start": np.int32,  # month the current job began
    "offer": np.bool_,  # an employer made an offer this month
    "vacancy": np.int64,  # vacancy applied to this month (-1: none)
    "score": np.float64,  # the applicant's score at that vacancy
    "earnings": np.float64,  # net monthly earnings of a part-time job held on bijstand
    "part_time_start": np.int32,  # month that part-time job began
    "sanction_until": np.int32,  # the benefit is cut before this month (NEVER: no sanction)
    "sanctioned_at": np.int32,  # month of the last sanction (NEVER: none)
    "partner_income": np.bool_,  # a partner's income that blocks a claim (WW entrants)
    "assets": np.bool_,  # assets above the limit, which block a claim (WW entrants)
    "left_as": np.int8,  # why the model stopped following the person (EndReason; 0: still)
}
NEVER = -(1 << 30)  # a month long before any run: "no such event"


class Columns:
    """Growable named columns of equal length; ``n`` rows are in use.

    Rows beyond ``n`` always hold each column's fill value, so adding rows writes only the
    columns given.
    """

    schema: dict[str, type] = {}
    fill: dict[str, int] = {}

    def __init__(self, capacity: int = 1024) -> None:
        self.n = 0
        self.cols: dict[str, np.ndarray] = {
            name: np.full(max(capacity, 16), self.fill.get(name, 0), dtype=dtype)
            for name, dtype in self.schema.items()
        }

    def __len__(self) -> int:
        return self.n

    def append(self, values: dict[str, np.ndarray]) -> np.ndarray:
        """Add rows; columns not given take their fill value (zero). Returns the rows."""
        k = len(values["person_id"])
        need = self.n + k
        cap = len(self.cols["person_id"])
        if need > cap:
            new_cap = max(need, int(cap * 1.5))
            for name, arr in self.cols.items():
                grown = np.full(new_cap, self.fill.get(name, 0), dtype=arr.dtype)
                grown[: self.n] = arr[: self.n]
                self.cols[name] = grown
        unknown = values.keys() - self.cols.keys()
        if unknown:
            raise KeyError(f"no such column(s): {sorted(unknown)}")
        for name, value in values.items():
            self.cols[name][self.n : need] = value
        rows = np.arange(self.n, need)
        self.n = need
        return rows

    def column(self, name: str) -> np.ndarray:
        return self.cols[name][: self.n]

    def add_column(self, name: str, dtype: type, fill: int | float = 0) -> None:
        """A column added at run time (a policy instrument's own state per person)."""
        if name in self.cols:
            raise ValueError(f"column {name!r} exists already")
        cap = len(self.cols["person_id"])
        self.cols[name] = np.full(cap, fill, dtype=dtype)
        self.fill = {**self.fill, name: fill}

    def _keep_rows(self, keep: np.ndarray) -> None:
        """Keep only these rows (in order); the rows freed take their fill value again."""
        for name, arr in self.cols.items():
            arr[: len(keep)] = arr[keep]
            arr[len(keep) : self.n] = self.fill.get(name, 0)
        self.n = len(keep)


class Population(Columns):
    """Person state; columns read as attributes (``pop.state``), sized to rows in use.

    The attributes are views kept in the instance's dict and refreshed whenever rows are
    added or dropped, so reading a column on the hot path is a plain attribute look-up.
    """

    schema = COLUMNS
    fill = {"vacancy": -1, "sanction_until": NEVER, "sanctioned_at": NEVER,
            "part_time_start": NEVER}

    def __init__(self, capacity: int = 1024) -> None:
        super().__init__(capacity)
        self._refresh_views()

    def _refresh_views(self) -> None:
        for name, arr in self.cols.items():
            self.__dict__[name] = arr[: self.n]
        if len(self.__dict__.get("_numbers", ())) < len(self.cols["person_id"]):
            self._numbers = np.arange(len(self.cols["person_id"]))
        self.rows = self._numbers[: self.n]  # every row, shared: read only
        self.rows.flags.writeable = False

    def __getstate__(self) -> dict:
        """The columns without their views: a copy (a checkpoint) makes views of its own."""
        return {k: v for k, v in self.__dict__.items()
                if k not in self.cols and k not in ("rows", "_numbers")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._refresh_views()

    def append(self, values: dict[str, np.ndarray]) -> np.ndarray:
        rows = super().append(values)
        self._refresh_views()
        return rows

    def add_column(self, name: str, dtype: type, fill: int | float = 0) -> None:
        super().add_column(name, dtype, fill)
        self._refresh_views()

    def compact(self) -> np.ndarray | None:
        """Drop rows of people who left the model; returns the kept old rows, or None."""
        keep = np.flatnonzero(self.state != State.GONE.value)
        if len(keep) == self.n:
            return None
        self._keep_rows(keep)
        self._refresh_views()
        return keep

    def row_of(self, person_id: int) -> int:
        """Row of a person (ids are in ascending order), or -1 once they left the model."""
        ids = self.person_id
        i = int(np.searchsorted(ids, person_id))
        return i if i < self.n and ids[i] == person_id else -1


SPELL_COLUMNS: dict[str, type] = {
    "person_id": np.int64,
    "start_month": np.int32,
    "end_month": np.int32,  # valid only when end_reason != OPEN
    "end_reason": np.int8,
    "route": np.int8,
    "household": np.int8,
    "age_years": np.float64,
    "education": np.int8,
    "health": np.bool_,
    "debt": np.bool_,
    "language": np.bool_,
    "confidence": np.bool_,
    "wage_value": np.float64,
    "earlier_spells": np.int16,
}


class SpellTable(Columns):
    """One row per bijstand spell, with the person's attributes at entry."""

    schema = SPELL_COLUMNS

    def close(self, rows: np.ndarray, month: int, reason: np.ndarray | int) -> None:
        self.cols["end_month"][rows] = month
        self.cols["end_reason"][rows] = reason
