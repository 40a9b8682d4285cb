"""The measured inputs: CBS's open vacancies, its unemployment rate and the national
bijstand stock.

``economy.kind=measured`` reads the committed vacancy series (``configs/economy/data/``),
places each quarter's count at the quarter's last month, interpolates linearly between
them and holds the first and last values beyond. The index is the count in each month
relative to the mean count of 2012-2019, the years the behaviour is fitted on, so
``behaviour.vacancies_per_1000`` means vacancies at that mean and a steady economy
(index 1) is the fit window's average economy.

The unemployment rate (CBS 80590ned, seasonally adjusted, 15 to 75) is the cycle's other
measure: it does not drive the model (the vacancy index does), but the national replay
shows it beside the stock, so a reader sees which cycle a miss falls in.

The national stock series sizes a historical spin-up: a municipality starts its
spin-up with its stock at month 0 times the national stock's ratio between the two dates.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

import numpy as np

VACANCIES = ("economy", "data", "cbs_open_vacancies.csv")
STOCK = ("economy", "data", "cbs_bijstand_stock.csv")
UNEMPLOYMENT = ("economy", "data", "cbs_unemployment_rate.csv")
REFERENCE_YEARS = (2012, 2019)  # the fit window: the index is 1 at its mean


def month_number(date: str) -> int:
    """``YYYY-MM`` as a count of months."""
    year, month = date.split("-")
    return int(year) * 12 + int(month) - 1


def month_label(number: int) -> str:
    """A count of months as ``YYYY-MM``."""
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def data_rows(path: tuple[str, ...]) -> list[dict[str, str]]:
    """The rows of a committed data file, its comment lines left out."""
    text = resources.files("sim.configs").joinpath(*path).read_text(encoding="utf-8")
    return list(csv.DictReader(line for line in text.splitlines()
                               if not line.startswith("#")))


def period_month(period: str) -> int:
    """The last month of a quarter (``2007Q3``) or of a year (``2007``), as a count."""
    if "Q" in period:
        year, q = period.split("Q")
        return int(year) * 12 + 3 * int(q) - 1
    return int(period) * 12 + 11


def _by_quarter(path: tuple[str, ...], column: str) -> tuple[np.ndarray, np.ndarray]:
    """Month numbers of the quarters' last months, and one column, in calendar order."""
    pairs = sorted((period_month(r["quarter"]), float(r[column])) for r in data_rows(path))
    return np.array([m for m, _ in pairs]), np.array([v for _, v in pairs])


@lru_cache(maxsize=1)
def quarterly() -> tuple[np.ndarray, np.ndarray]:
    """Month numbers of the quarters' last months, and the open vacancies (thousands)."""
    return _by_quarter(VACANCIES, "open_vacancies_thousands")


@lru_cache(maxsize=1)
def unemployment() -> tuple[np.ndarray, np.ndarray]:
    """Month numbers of the quarters' last months, and the seasonally adjusted
    unemployment rate (% of the labour force, CBS 80590ned)."""
    return _by_quarter(UNEMPLOYMENT, "unemployment_rate_sa")


def first_month() -> str:
    """The first calendar month the vacancy series covers."""
    return month_label(int(quarterly()[0][0]))


@lru_cache(maxsize=1)
def reference() -> float:
    """Mean monthly open vacancies over the fit window."""
    at, values = quarterly()
    lo, hi = REFERENCE_YEARS
    months = np.arange(lo * 12, hi * 12 + 12)
    return float(np.interp(months, at, values).mean())


def measured_series(origin: str, months: int) -> list[float]:
    """The vacancy index for ``months`` months from the calendar month ``origin``."""
    at, values = quarterly()
    path = np.interp(month_number(origin) + np.arange(max(months, 1)), at, values)
    return [float(v) for v in path / reference()]


DEFINITIONS = ("benefits_old", "benefits", "persons")  # in the order CBS used them


@lru_cache(maxsize=1)
def national_stock() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The national stock by definition: months (quarter ends) and counts."""
    out: dict[str, list[tuple[int, float]]] = {}
    for r in data_rows(STOCK):
        out.setdefault(r["definition"], []).append((period_month(r["period"]),
                                                     float(r["value"])))
    return {d: (np.array([m for m, _ in sorted(out[d])]),
                np.array([v for _, v in sorted(out[d])])) for d in DEFINITIONS if d in out}


@lru_cache(maxsize=1)
def linked_stock() -> tuple[np.ndarray, np.ndarray]:
    """One index of the national stock, on the latest definition's scale: each older
    definition is scaled at the last quarter it shares with the next one (a recount CBS
    published for both), and used up to its own last quarter."""
    series = national_stock()
    names = [d for d in DEFINITIONS if d in series]
    factor, factors = 1.0, {names[-1]: 1.0}
    for old, new in zip(names[-2::-1], names[:0:-1], strict=True):
        shared = np.intersect1d(series[old][0], series[new][0])
        if not len(shared):
            raise ValueError(f"the national stock's {old} and {new} share no quarter")
        at = shared[-1]
        factor *= (series[new][1][series[new][0] == at][0]
                   / series[old][1][series[old][0] == at][0])
        factors[old] = factor
    months, values, after = [], [], -1
    for name in names:
        at, v = series[name]
        keep = at > after
        months += list(at[keep])
        values += list(v[keep] * factors[name])
        after = int(at[-1])
    return np.array(months), np.array(values)


def stock_ratio(origin: str, start: str) -> float | None:
    """The national stock in the month ``origin`` over that at the end of the month
    before ``start`` (the linked index); None where the data do not reach."""
    at, values = linked_stock()
    a, b = month_number(origin), month_number(start) - 1
    if min(a, b) < at[0] or max(a, b) > at[-1]:
        return None
    return float(np.interp(a, at, values) / np.interp(b, at, values))


def stock_coverage() -> str:
    """The months the national stock covers, for error messages."""
    at, _ = linked_stock()
    return f"{month_label(int(at[0]))} to {month_label(int(at[-1]))}"
