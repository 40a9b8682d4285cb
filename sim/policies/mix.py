"""A scenario's instruments combined: each hook's answers merge as its table entry says.

An instrument switched on with zero places or a zero budget is switched off cleanly: it
writes its columns (all zero) and does nothing else.

The engines' stages ask the mix, for whole row arrays (fast engine) or one agent's rows
(agent engine); only the instruments that implement a hook are asked. With no instrument
switched on every answer is the hook's neutral value, which is the baseline. During
warm-up no instrument acts, so a scenario and its baseline share the same warm-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from sim.policies.base import REGISTRY, PolicyInstrument
from sim.policies.hooks import ALL, ANY, CHAIN, FILTER, HOOKS, NOTIFY, PRODUCT, SUM

if TYPE_CHECKING:
    from sim.core.agents import ClientManager
    from sim.core.model import ReintegrationModel


class PolicyMix:
    """The instruments of one scenario; hooks are its attributes (``mix.search_lift``)."""

    def __init__(self, model: ReintegrationModel, instruments: list[PolicyInstrument]) -> None:
        self.model = model
        self.instruments = instruments  # all switched on: each writes its columns
        self.live = [i for i in instruments if not i.cfg.switched_off()]  # these act
        self.by_name = {i.name: i for i in instruments}
        self.implementing = {h: [(i, getattr(i, type(i).hooks[h])) for i in self.live
                                 if h in type(i).hooks] for h in HOOKS}

    def _acting(self, pairs: list[Any]) -> list[Any]:
        return pairs if self.model.month >= 0 else []

    def __getattr__(self, name: str):
        if name not in HOOKS:
            raise AttributeError(name)
        hook, pairs = HOOKS[name], self.implementing[name]

        def call(rows: np.ndarray, *args: Any):
            if not self._acting(pairs):  # nobody answers: the neutral value
                return _neutral(hook.combine, rows, args)
            if hook.combine == NOTIFY:
                for _, method in pairs:
                    method(rows, *args)
                return None
            if hook.combine in (CHAIN, FILTER):
                value = rows if hook.combine == FILTER else args[0]
                for _, method in pairs:
                    value = (method(value) if hook.combine == FILTER
                             else method(rows, value, *args[1:]))
                return value
            return _combine(hook.combine, hook.neutral, len(rows),
                            [method(rows, *args) for _, method in pairs])

        self.__dict__[name] = call  # built once: later look-ups find it directly
        return call

    def __getstate__(self) -> dict:
        """Without the hooks' callers (local functions): a copy builds its own."""
        return {k: v for k, v in self.__dict__.items() if k not in HOOKS}

    # --- life cycle ------------------------------------------------------------------------
    def attach(self) -> None:
        for i in self.instruments:
            i.attach()

    def begin_month(self) -> None:
        for i in self._acting(self.live):
            i.begin_month()

    def end_month(self) -> None:
        for i in self._acting(self.live):
            i.end_month()

    def run_stage(self, stage: str) -> None:
        for i in self._acting(self.live):
            for method in type(i).stages.get(stage, ()):
                getattr(i, method)()

    def create_client_managers(self, start: int) -> list[ClientManager]:
        managers: list[ClientManager] = []
        for i in self.live:
            managers += i.create_client_managers(start + len(managers))
        return managers

    # --- the month's row ---------------------------------------------------------------------
    def month_cost(self) -> float:
        return float(sum(i.month_cost() for i in self.live))

    def column_names(self) -> list[str]:
        return [c for i in self.instruments for c in i.column_names()]

    def month_columns(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for i in self.instruments:
            out.update(i.month_columns())
        return out


def _neutral(how: str, rows: np.ndarray, args: tuple) -> Any:
    """A hook's answer when no instrument gives one (the same as combining none)."""
    if how == NOTIFY:
        return None
    if how == FILTER:
        return rows
    if how == CHAIN:
        return args[0]
    return _combine(how, None, len(rows), [])


def _combine(how: str, neutral: Any, n: int, answers: list[np.ndarray]) -> np.ndarray:
    if how == PRODUCT and len(answers) == 1:  # one answer times the neutral 1: itself
        return answers[0] * 1.0
    if how == PRODUCT:
        out = np.ones(n)
        for a in answers:
            out = out * a
    elif how == SUM:
        out = np.zeros(n)
        for a in answers:
            out = out + a
    elif how == ALL:
        out = np.ones(n, dtype=bool)
        for a in answers:
            out = out & a
    elif how == ANY:
        out = np.zeros(n, dtype=bool)
        for a in answers:
            out = out | a
    else:
        raise ValueError(f"unknown way to combine a hook: {how!r} (neutral {neutral!r})")
    return out


def build_policies(policy: Any, model: ReintegrationModel) -> PolicyMix:
    """The instruments switched on in ``policy``, in the order of its fields."""
    return PolicyMix(model, [REGISTRY[name](cfg, model) for name, cfg in policy.active().items()])
