"""An EMA workbench model of the simulation, built from the parameter schema.

    from ema_workbench import perform_experiments
    from sim.ema import ema_model
    model = ema_model(policies=["wage_subsidy"], replications=2)
    experiments, outcomes = perform_experiments(model, scenarios=8, policies=4)

Uncertainties are the behaviour parameters (or the keys asked for), levers the chosen
instruments' parameters, each with the exploration range of :mod:`sim.config.space`;
zero places or a zero budget switch an instrument off. The outcomes are those of
:mod:`sim.analysis.paired`: the instruments against the same config without them, paired
on common random numbers. EMA names must be Python identifiers, so a dotted key
``policy.wage_subsidy.max_share`` is the parameter ``policy__wage_subsidy__max_share``.
Needs the ``ema`` extra (``pip install -e '.[ema]'``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sim.analysis.paired import OUTCOMES, paired_outcomes
from sim.config.params import Config
from sim.config.space import Param, apply, parameters


def ema_name(key: str) -> str:
    return key.replace(".", "__")


def dotted(name: str) -> str:
    return name.replace("__", ".")


class PairedRun:
    """The model's function: a picklable callable, so EMA's process pool can run it."""

    def __init__(self, base: Config, policies: Sequence[str], params: Sequence[Param],
                 replications: int) -> None:
        self.base, self.policies = base, list(policies)
        self.params = {ema_name(p.key): p for p in params}
        self.replications = replications

    def __call__(self, **values: Any) -> dict[str, float]:
        chosen = {p.key: p.value(values[name]) if p.kind in ("integer", "real")
                  else values[name] for name, p in self.params.items() if name in values}
        cfg = apply(self.base, chosen, switch_on=self.policies)
        return paired_outcomes(cfg, self.replications)


def _ema_parameter(p: Param):
    from ema_workbench import (
        BooleanParameter,
        CategoricalParameter,
        IntegerParameter,
        RealParameter,
    )

    name = ema_name(p.key)
    if p.kind == "integer":
        return IntegerParameter(name, int(p.low), int(p.high))
    if p.kind == "boolean":
        return BooleanParameter(name)
    if p.kind == "categorical":
        return CategoricalParameter(name, list(p.choices))
    return RealParameter(name, p.low, p.high)


def ema_model(policies: Sequence[str], uncertainties: Iterable[str] | None = None,
              levers: Iterable[str] | None = None, base: Config | None = None,
              replications: int = 2, name: str = "bijstand"):
    """The EMA workbench ``Model``; see the module docstring."""
    from ema_workbench import Model, ScalarOutcome

    base = base if base is not None else Config()
    uncertain = (parameters(groups=("behaviour",)) if uncertainties is None
                 else parameters(groups=(), keys=uncertainties))
    lever = (parameters(groups=(), instruments=policies) if levers is None
             else parameters(groups=(), keys=levers))
    model = Model(name, function=PairedRun(base, policies, [*uncertain, *lever],
                                           replications))
    model.uncertainties = [_ema_parameter(p) for p in uncertain]
    model.levers = [_ema_parameter(p) for p in lever]
    model.outcomes = [ScalarOutcome(o) for o in OUTCOMES]
    return model
