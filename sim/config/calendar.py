"""The calendar: which dated regimes hold in a month, and the checks of the regimes and
of a historical spin-up.

A regime moves one behaviour parameter along a dated path (``configs/calendar/``). The
model asks for the values of each calendar month and builds new rules when they change;
the configured behaviour is never changed in place, so a regime ends by giving back the
configured value.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from functools import lru_cache

from sim.config.behaviour import Behaviour
from sim.config.params import Config, Regime
from sim.config.schema import ConfigError, check_number
from sim.core import measured
from sim.core.measured import month_number

MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
MODES = ("factor", "value")
MAX_FACTOR = 10.0


@lru_cache(maxsize=256)
def _starts(dates: tuple[str, ...]) -> list[int]:
    """A path's dates as counts of months, parsed once (the model asks every month)."""
    return [month_number(d) for d in dates]


def value_at(regime: Regime, calendar_month: int) -> float:
    """The regime's path value in a calendar month (as a count of months)."""
    starts = _starts(tuple(regime.dates))
    return float(regime.values[max(bisect_right(starts, calendar_month) - 1, 0)])


def changes_at(regimes: list[Regime], base: Behaviour,
               calendar_month: int) -> dict[str, float]:
    """The behaviour values the regimes set in a calendar month; factors of one regime
    on a parameter that another regime also moves multiply."""
    changes: dict[str, float] = {}
    for regime in regimes:
        v = value_at(regime, calendar_month)
        current = changes.get(regime.parameter, getattr(base, regime.parameter))
        changes[regime.parameter] = current * v if regime.mode == "factor" else v
    return {k: v for k, v in changes.items() if v != getattr(base, k)}


def in_force(regimes: list[Regime], base: Behaviour, calendar_month: int) -> list[str]:
    """Names of the regimes that move a parameter away from its configured value."""
    return [r.name for r in regimes if changes_at([r], base, calendar_month)]


def check_spinup(cfg: Config) -> None:
    """A spin-up starts before month 0, on a date the national stock covers."""
    date = cfg.run.spinup_from
    if not date:
        return
    if not MONTH.fullmatch(date):
        raise ConfigError(f"run.spinup_from={date!r}: expected a calendar month as YYYY-MM, "
                          "or empty for no spin-up")
    start = cfg.municipality.start_date
    if date >= start:
        raise ConfigError(f"run.spinup_from={date!r}: not before municipality.start_date="
                          f"{start!r}; allowed: an earlier month, or empty")
    if measured.stock_ratio(date, start) is None:
        raise ConfigError(f"run.spinup_from={date!r} with municipality.start_date={start!r}: "
                          "the national stock that sizes the spin-up does not cover both; "
                          f"allowed: months from {measured.stock_coverage()}")


def check_regimes(cfg: Config) -> None:
    """Every regime names a numeric behaviour parameter, a mode, dates and values, and
    keeps the parameter in its valid range on every date."""
    fields = {f.name: f for f in dataclasses.fields(Behaviour)}
    for i, regime in enumerate(cfg.calendar.regimes):
        path = f"calendar.regimes[{i}]"
        field = fields.get(regime.parameter)
        if field is None or not isinstance(getattr(cfg.behaviour, regime.parameter),
                                           int | float):
            numeric = sorted(k for k, f in fields.items()
                             if isinstance(getattr(cfg.behaviour, k), int | float)
                             and not isinstance(getattr(cfg.behaviour, k), bool))
            raise ConfigError(f"{path}.parameter={regime.parameter!r}: not a numeric "
                              f"behaviour parameter; allowed: {', '.join(numeric)}")
        if regime.mode not in MODES:
            raise ConfigError(f"{path}.mode={regime.mode!r} is not allowed: choose from "
                              f"{', '.join(MODES)}")
        _check_path(path, regime)
        base = getattr(cfg.behaviour, regime.parameter)
        for j, v in enumerate(regime.values):
            if regime.mode == "factor":
                check_number(f"{path}.values[{j}]", v,
                             {"unit": "factor", "lo": 0.0, "hi": MAX_FACTOR})
                v = base * v
            check_number(f"{path}.values[{j}] on behaviour.{regime.parameter}", v,
                         dict(field.metadata))


def _check_path(path: str, regime: Regime) -> None:
    if not regime.dates or len(regime.dates) != len(regime.values):
        raise ConfigError(f"{path}.values={regime.values!r}: expected one value per date "
                          f"({len(regime.dates)} dates), and at least one")
    bad = [d for d in regime.dates if not MONTH.fullmatch(str(d))]
    if bad:
        raise ConfigError(f"{path}.dates={bad!r}: expected calendar months as YYYY-MM")
    if sorted(set(regime.dates)) != list(regime.dates):
        raise ConfigError(f"{path}.dates={regime.dates!r}: expected ascending months, each "
                          "once")
