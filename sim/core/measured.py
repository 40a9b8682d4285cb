"""The measured economy: CBS's open vacancies, quarter by quarter, as a monthly index.

``economy.kind=measured`` reads the committed series (``configs/economy/data/``), places
each quarter's count at the quarter's last month, interpolates linearly between them and
holds the first and last values beyond. The index of a run is the count in each month
relative to the count in the run's first month (``municipality.start_date``), so a
municipality's vacancies (which scale with its labour market) follow the national path
from where they stand at the start.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

import numpy as np

DATA = ("economy", "data", "cbs_open_vacancies.csv")


def month_number(date: str) -> int:
    """``YYYY-MM`` as a count of months."""
    year, month = date.split("-")
    return int(year) * 12 + int(month) - 1


@lru_cache(maxsize=1)
def quarterly() -> tuple[np.ndarray, np.ndarray]:
    """Month numbers of the quarters' last months, and the open vacancies (thousands)."""
    text = resources.files("sim.configs").joinpath(*DATA).read_text(encoding="utf-8")
    rows = [r for r in csv.DictReader(line for line in text.splitlines()
                                      if not line.startswith("#"))]
    months, values = [], []
    for r in rows:
        year, q = r["quarter"].split("Q")
        months.append(int(year) * 12 + 3 * int(q) - 1)
        values.append(float(r["open_vacancies_thousands"]))
    order = np.argsort(months)
    return np.asarray(months)[order], np.asarray(values)[order]


def first_month() -> str:
    """The first calendar month the series covers."""
    m = int(quarterly()[0][0])
    return f"{m // 12:04d}-{m % 12 + 1:02d}"


def measured_series(start_date: str, months: int) -> list[float]:
    """The index for months 0 .. ``months`` - 1 from ``start_date`` (1 at month 0)."""
    at, values = quarterly()
    first = month_number(start_date)
    path = np.interp(first + np.arange(max(months, 1)), at, values)
    return [float(v) for v in path / path[0]]
