"""Regimes in calendar time: the dated paths, the rules they give, and their checks."""

from __future__ import annotations

import pytest
from conftest import small_config

from sim.config.behaviour import Behaviour
from sim.config.calendar import changes_at, in_force, value_at
from sim.config.params import Calendar, Regime
from sim.config.schema import ConfigError
from sim.config.validate import validate
from sim.core.measured import month_number
from sim.core.model import ReintegrationModel
from sim.output.scenario import run_replications

PENSION = Regime(name="aow", parameter="pension_age_years", mode="value",
                 dates=["1996-01", "2013-01"], values=[65.0, 66.0])


def test_a_path_holds_its_first_value_before_and_its_last_after() -> None:
    assert value_at(PENSION, month_number("1990-06")) == 65.0
    assert value_at(PENSION, month_number("2012-12")) == 65.0
    assert value_at(PENSION, month_number("2013-01")) == 66.0
    assert value_at(PENSION, month_number("2040-01")) == 66.0


def test_factors_multiply_the_configured_value_and_defaults_drop_out() -> None:
    base = Behaviour()
    gate = Regime(name="g", parameter="gate_refusal_rate", mode="factor",
                  dates=["1996-01", "2004-01"], values=[0.5, 1.0])
    before = changes_at([gate, PENSION], base, month_number("2003-06"))
    assert before == {"gate_refusal_rate": base.gate_refusal_rate * 0.5,
                      "pension_age_years": 65.0}
    assert changes_at([gate], base, month_number("2010-01")) == {}
    assert in_force([gate, PENSION], base, month_number("2010-01")) == ["aow"]


def test_the_dutch_calendar_is_at_the_defaults_from_2024() -> None:
    base, regimes = Behaviour(), Calendar().regimes
    assert {r.name for r in regimes} >= {"wwb_2004_gatekeeping", "state_pension_age",
                                         "ww_maximum_duration",
                                         "participatiewet_2015_sanctions"}
    for month in ("2024-01", "2025-06", "2027-12"):
        assert changes_at(regimes, base, month_number(month)) == {}
    past = changes_at(regimes, base, month_number("2010-01"))
    assert past["pension_age_years"] == 65.0 and past["sanction_cut"] == 0.2


def test_a_run_uses_the_rules_of_its_calendar_months_on_both_engines() -> None:
    out = {}
    for engine in ("fast", "agent"):
        cfg = small_config(claimants=200, horizon=18, replications=1, engine=engine)
        cfg.municipality.start_date = "2014-07"  # the Participatiewet in month 6
        model = ReintegrationModel(cfg)
        assert model.rules._b.sanction_cut == 0.2
        for _ in range(7):
            model.step()
        assert model.rules._b.sanction_cut == 1.0
        out[engine] = run_replications(cfg)[0]
    assert out["fast"].equals(out["agent"])
    cfg.calendar.regimes = []
    assert not run_replications(cfg)[0].equals(out["agent"])


@pytest.mark.parametrize(("change", "message"), [
    ({"parameter": "search_bse"}, r"parameter='search_bse': not a numeric behaviour"),
    ({"parameter": "priority_rule"}, r"parameter='priority_rule'"),
    ({"mode": "add"}, r"mode='add' is not allowed: choose from factor, value"),
    ({"dates": ["2004-01", "1996-01"]}, r"dates=.*ascending"),
    ({"dates": ["2004-13", "2005-01"]}, r"dates=\['2004-13'\]"),
    ({"values": [0.5]}, r"expected one value per date"),
    ({"values": [0.5, -1.0]}, r"values\[1\]=-1.0 is out of range"),
    ({"values": [0.5, 20.0]}, r"on behaviour.gate_refusal_rate=2.0 is out of range|"
                              r"values\[1\]=20.0 is out of range"),
])
def test_a_bad_regime_is_refused_naming_key_value_and_what_is_allowed(change, message) -> None:
    cfg = small_config()
    fields = {"name": "g", "parameter": "gate_refusal_rate", "mode": "factor",
              "dates": ["1996-01", "2004-01"], "values": [0.5, 1.0], **change}
    cfg.calendar.regimes = [Regime(**fields)]
    with pytest.raises(ConfigError, match=message):
        validate(cfg)
