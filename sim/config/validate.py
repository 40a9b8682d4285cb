"""Checks of a whole configuration before any simulation starts, and the parameter list.

:func:`validate` checks every parameter against its range and choices (from the schema's
metadata) and the rules between parameters, raising a :class:`ConfigError` that names the
key, the value and what is allowed. :func:`iter_parameters` lists every parameter with its
metadata, for the documentation and for tools that build experiments from the schema.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from sim.config.behaviour import Behaviour
from sim.config.calendar import check_regimes, check_spinup
from sim.config.params import Config
from sim.config.posterior import POSTERIOR_ENV, posterior_draws, posterior_path
from sim.config.schema import ConfigError, check_fields
from sim.core import measured
from sim.policies.registry import all_instruments

SHARE_LISTS = {
    "municipality.household_shares": 3,
    "behaviour.age_band_shares": 5,
    "behaviour.education_shares": 3,
}
FIXED_LISTS = {"behaviour.wage_value_mean": 3, "behaviour.ww_assets_shares": 5}


def validate(cfg: Config) -> Config:
    """Check every parameter against its range, choices and cross-field rules.

    Raises :class:`ConfigError` naming the key, the value and what is allowed. A config
    that passed is marked, so building models from it again checks nothing twice
    (:func:`ensure_valid`); a change after the check removes the mark.
    """
    _check(cfg)
    cfg.__dict__[_MARK] = repr(cfg)
    return cfg


def ensure_valid(cfg: Config) -> Config:
    """:func:`validate`, unless this very config passed it already."""
    if cfg.__dict__.get(_MARK) != repr(cfg):
        validate(cfg)
    return cfg


_MARK = "_validated_as"


def _check(cfg: Config) -> None:
    for group in dataclasses.fields(cfg):
        check_fields(getattr(cfg, group.name), group.name, SHARE_LISTS, FIXED_LISTS)
    cfg.policy.check("policy")
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", cfg.municipality.start_date):
        raise ConfigError(f"municipality.start_date={cfg.municipality.start_date!r}: "
                          "expected a calendar month as YYYY-MM")
    if cfg.economy.kind == "series" and not cfg.economy.series:
        raise ConfigError("economy.series=[]: economy.kind=series needs at least one value")
    if cfg.economy.kind != "series" and cfg.economy.series:
        raise ConfigError(f"economy.series={cfg.economy.series!r}: economy.kind="
                          f"{cfg.economy.kind} would ignore it; allowed: economy.kind=series "
                          "with a series, or no series")
    _check_horizon(cfg)
    _check_measured(cfg)
    check_spinup(cfg)
    check_regimes(cfg)
    money = cfg.money
    if money.net_minimum_wage_month < money.norm_couple:
        raise ConfigError(f"money.net_minimum_wage_month={money.net_minimum_wage_month}: below "
                          f"money.norm_couple={money.norm_couple}, so no job could end a "
                          "couple's claim; allowed: at least the couple norm (which the law "
                          "sets at 100% of the net minimum wage)")
    _check_behaviour(cfg.behaviour)
    _check_posterior(cfg)
    c = cfg.case
    if len(c.reported_months) != len(c.reported_stock):
        raise ConfigError(f"case.reported_stock={c.reported_stock!r}: expected one figure per "
                          f"reported month ({len(c.reported_months)})")
    stray = [m for m in c.forecast_months if m not in c.reported_months]
    if stray:
        raise ConfigError(f"case.forecast_months={stray!r}: not among case.reported_months")
    late = [m for m in c.reported_months if m >= cfg.run.horizon_months]
    if c.name and late:
        raise ConfigError(f"case.reported_months={late!r}: beyond run.horizon_months="
                          f"{cfg.run.horizon_months}")


def _check_behaviour(b: Behaviour, where: str = "") -> None:
    """The rules between behaviour parameters; ``where`` names a posterior draw."""
    if b.part_time_hours_low > b.part_time_hours_high:
        raise ConfigError(f"behaviour.part_time_hours_low={b.part_time_hours_low}{where}: above "
                          f"behaviour.part_time_hours_high={b.part_time_hours_high}; allowed: "
                          "at most the high end")


def _check_posterior(cfg: Config) -> None:
    """Posterior draws need the posterior file: it is read, and every draw the run would
    use is checked, before any run starts (not in the middle of a sweep)."""
    k = cfg.run.posterior_draws
    if k == 0:
        return
    path = posterior_path()
    if not path.is_file():
        raise ConfigError(f"run.posterior_draws={k}: needs the behaviour posterior, and there "
                          f"is no file {path}; allowed: 0 (the behaviour config only), or a "
                          f"posterior there or in the file {POSTERIOR_ENV} names")
    try:
        draws = posterior_draws(k, path)
    except ConfigError as err:
        raise ConfigError(f"run.posterior_draws={k}: {err}") from None
    for i, values in enumerate(draws):
        _check_behaviour(dataclasses.replace(cfg.behaviour, **values), f" (posterior draw {i})")


def _check_measured(cfg: Config) -> None:
    """A measured economy needs a start date the series covers."""
    if cfg.economy.kind != "measured":
        return
    first = measured.first_month()
    key, date = (("run.spinup_from", cfg.run.spinup_from) if cfg.run.spinup_from
                 else ("municipality.start_date", cfg.municipality.start_date))
    if date < first:
        raise ConfigError(f"{key}={date!r}: before the first measured quarter of "
                          f"economy.kind=measured; allowed: {first} or later")


def _check_horizon(cfg: Config) -> None:
    """Instruments and a shock that would start after the run ends never act: refused."""
    horizon = cfg.run.horizon_months
    for name, instrument in cfg.policy.active().items():
        if instrument.start_month >= horizon:
            raise ConfigError(f"policy.{name}.start_month={instrument.start_month}: the run "
                              f"ends before (run.horizon_months={horizon}), so the instrument "
                              f"would never act; allowed: 0 to {horizon - 1}")
    if cfg.shock.extra_per_1000 > 0 and cfg.shock.start_month >= horizon:
        raise ConfigError(f"shock.start_month={cfg.shock.start_month}: the run ends before "
                          f"(run.horizon_months={horizon}), so the shock would never arrive; "
                          f"allowed: 0 to {horizon - 1}")


def iter_parameters(cfg: Config | None = None):
    """Yield (key, default, field metadata) for every parameter, for docs and tools.

    Policy instruments are listed with their defaults, as if all were switched on.
    """
    cfg = cfg or Config(policy=all_instruments())

    def walk(node: Any, prefix: str):
        for f in dataclasses.fields(node):
            value = getattr(node, f.name)
            if f.metadata.get("table"):
                continue  # a table of records, documented on its own
            if dataclasses.is_dataclass(value):
                yield from walk(value, f"{prefix}.{f.name}")
            else:
                yield f"{prefix}.{f.name}", value, f.metadata

    for group in dataclasses.fields(cfg):
        yield from walk(getattr(cfg, group.name), group.name)
